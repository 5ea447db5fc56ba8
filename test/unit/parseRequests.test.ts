// The script edge: an argument object becomes a typed request, or a ValidationError naming the field.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandLine } from '../../src/core/fieldGuards';
import {
  parseCompareDumpsRequest,
  parseConnectRequest,
  parseContainerRequest,
  parseCreateNetworkRequest,
  parseDisconnectRequest,
  parseExplainRequest,
  parseInspectRequest,
  parseJoinRequest,
  parsePruneRequest,
  parseRemoveNetworkRequest,
  parseRunRequest,
} from '../../src/core/parseRequests';
import { ValidationError } from '../../src/core/validate';

function refuses(fn: () => unknown, field: string, message: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof ValidationError && err.field === field && message.test(err.message));
}

describe('parse…Request', () => {
  it('refuses anything but one argument object', () => {
    for (const bad of ['x', 42, null, [], true]) {
      refuses(() => parseCreateNetworkRequest(bad), 'argument', /createNetwork expects one argument object/);
      refuses(() => parseConnectRequest(bad), 'argument', /connectContainer expects one argument object/);
    }
  });

  it('create network: typed fields, wrong types named', () => {
    const r = parseCreateNetworkRequest({ name: 'n', subnet: '10.1.0.0/24', internal: true, labels: { a: 'b' } });
    assert.equal(r.name, 'n');
    assert.equal(r.internal, true);
    assert.deepEqual(r.labels, { a: 'b' });
    refuses(() => parseCreateNetworkRequest({ name: '' }), 'name', /name is required/);
    refuses(() => parseCreateNetworkRequest({ name: 'n', internal: 'yes' }), 'internal', /internal must be true or false/);
    refuses(() => parseCreateNetworkRequest({ name: 'n', labels: { a: 1 } }), 'labels', /object of strings/);
    refuses(() => parseCreateNetworkRequest({ name: 1 }), 'name', /must be a string/);
  });

  it('connect / disconnect: both ends required; aliases as a list or a comma string', () => {
    assert.deepEqual(parseConnectRequest({ container: 'c', network: 'n', ipv4: ' 10.0.0.5 ', aliases: 'a, b' }), {
      container: 'c',
      network: 'n',
      ipv4: '10.0.0.5',
      aliases: ['a', 'b'],
    });
    refuses(() => parseConnectRequest({ container: 'c' }), 'network', /network is required/);
    refuses(() => parseConnectRequest({ container: 'c', network: 'n', aliases: [1] }), 'aliases', /list of strings/);
    assert.equal(parseDisconnectRequest({ container: 'c', network: 'n', force: true }).force, true);
  });

  it('run / join: commands split on spaces, ports in -p syntax', () => {
    const r = parseRunRequest({ image: 'i', network: 'n', command: 'sleep 60', publish: ['127.0.0.1::80/udp', '8080:80'] });
    assert.deepEqual(r.command, ['sleep', '60']);
    assert.deepEqual(r.publish, [
      { containerPort: 80, protocol: 'udp', hostIp: '127.0.0.1', hostPort: undefined },
      { containerPort: 80, protocol: 'tcp', hostIp: undefined, hostPort: 8080 },
    ]);
    refuses(() => parseRunRequest({ image: 'i', network: 'n', publish: ['99999'] }), 'publish', /not a port/);
    refuses(() => parseRunRequest({ image: 'i', network: 'n', publish: [80] }), 'publish', /entries must be strings/);
    assert.deepEqual(parseJoinRequest({ target: 't', image: 'i', command: ['sh', '-c', 'x y'] }).command, ['sh', '-c', 'x y']);
    refuses(() => parseJoinRequest({ image: 'i' }), 'target', /target is required/);
  });

  it('remove, prune, explain, compare, inspect', () => {
    assert.equal(parseRemoveNetworkRequest({ network: 'n', disconnectContainers: true }).disconnectContainers, true);
    assert.deepEqual(parsePruneRequest({ labels: ['a=b'] }).labels, ['a=b']);
    assert.equal(parseExplainRequest({ from: 'host', to: 'web', port: 80 }).port, 80);
    refuses(() => parseExplainRequest({ from: 'a', to: 'b', port: 0 }), 'port', /port must be 1-65535/);
    refuses(() => parseExplainRequest({ from: 'a', to: 'b', port: '80' }), 'port', /port must be 1-65535/);
    assert.deepEqual(parseCompareDumpsRequest({ before: '/a', after: '/b' }), { before: '/a', after: '/b' });
    assert.deepEqual(parseInspectRequest({ network: 'n' }), { kind: 'network', ref: 'n' });
    assert.deepEqual(parseInspectRequest({ container: 'c' }), { kind: 'container', ref: 'c' });
    refuses(() => parseInspectRequest({}), 'argument', /network \} or \{ container/);
  });

  it('container requests (remove, start, stop) and typed command lines', () => {
    assert.deepEqual(parseContainerRequest({ container: 'web', force: true }, 'removeContainer'), { container: 'web', force: true });
    refuses(() => parseContainerRequest({}, 'stopContainer'), 'container', /container is required/);
    refuses(() => parseContainerRequest({ container: 'web', force: 1 }, 'removeContainer'), 'force', /force must be true or false/);
    assert.deepEqual(commandLine('sleep 86400'), ['sleep', '86400']);
    assert.deepEqual(commandLine('  httpd -f  -p 80 '), ['httpd', '-f', '-p', '80']);
    assert.deepEqual(commandLine("echo 'a b' | nc -l -p 80"), ['sh', '-c', "echo 'a b' | nc -l -p 80"]);
    assert.deepEqual(commandLine('echo $HOSTNAME && sleep 9'), ['sh', '-c', 'echo $HOSTNAME && sleep 9']);
    assert.equal(commandLine('   '), undefined, "empty: the image's own CMD");
  });
});
