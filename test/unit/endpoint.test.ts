import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { resolveEndpoint } from '../../src/docker/endpoint';
import { EngineError } from '../../src/docker/errors';

const home = '/home/u';
const ctxHash = (name: string): string => createHash('sha256').update(name).digest('hex');

function files(map: Record<string, string>): (p: string) => string | undefined {
  return (p) => map[p];
}

describe('resolveEndpoint', () => {
  it('defaults to the local socket', () => {
    const ep = resolveEndpoint({ env: {}, home, readFile: files({}) });
    assert.equal(ep.url, 'unix:///var/run/docker.sock');
    assert.equal(ep.source, 'default socket');
  });
  it('prefers the setting over DOCKER_HOST', () => {
    const ep = resolveEndpoint({ setting: 'tcp://10.0.0.5:2375', env: { DOCKER_HOST: 'unix:///other.sock' }, home, readFile: files({}) });
    assert.equal(ep.kind, 'tcp');
    assert.equal(ep.kind === 'tcp' && ep.host, '10.0.0.5');
    assert.equal(ep.kind === 'tcp' && ep.port, 2375);
  });
  it('reads DOCKER_HOST with unix and ssh', () => {
    const unix = resolveEndpoint({ env: { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, home, readFile: files({}) });
    assert.equal(unix.kind === 'unix' && unix.socketPath, '/run/user/1000/docker.sock');
    const ssh = resolveEndpoint({ env: { DOCKER_HOST: 'ssh://ops@box:2222' }, home, readFile: files({}) });
    assert.deepEqual(ssh.kind === 'ssh' && [ssh.host, ssh.port, ssh.username], ['box', 2222, 'ops']);
  });
  it('resolves the current context from config.json and its meta.json (sha256 of the name)', () => {
    const readFile = files({
      '/home/u/.docker/config.json': JSON.stringify({ currentContext: 'remote' }),
      [`/home/u/.docker/contexts/meta/${ctxHash('remote')}/meta.json`]: JSON.stringify({
        Name: 'remote',
        Endpoints: { docker: { Host: 'tcp://192.0.2.10:2376', SkipTLSVerify: false } },
      }),
      [`/home/u/.docker/contexts/tls/${ctxHash('remote')}/docker/ca.pem`]: 'pem',
    });
    const ep = resolveEndpoint({ env: {}, home, readFile });
    assert.equal(ep.kind, 'tcp');
    assert.equal(ep.source, 'context remote');
    assert.equal(ep.kind === 'tcp' && ep.tls?.verify, true);
  });
  it('DOCKER_CONTEXT overrides config.json; DOCKER_HOST overrides both', () => {
    const readFile = files({ '/home/u/.docker/config.json': JSON.stringify({ currentContext: 'nope' }) });
    assert.equal(resolveEndpoint({ env: { DOCKER_CONTEXT: 'default' }, home, readFile }).source, 'default socket');
    assert.equal(resolveEndpoint({ env: { DOCKER_HOST: 'unix:///x.sock' }, home, readFile }).source, 'DOCKER_HOST');
  });
  it('fails clearly on an unknown context', () => {
    const readFile = files({ '/home/u/.docker/config.json': JSON.stringify({ currentContext: 'ghost' }) });
    assert.throws(
      () => resolveEndpoint({ env: {}, home, readFile }),
      (err: unknown) => err instanceof EngineError && err.code === 'UNKNOWN_CONTEXT' && err.message.includes('"ghost"'),
    );
  });
  it('rejects an endpoint that is not one', () => {
    assert.throws(() => resolveEndpoint({ setting: 'ftp://x', env: {}, home, readFile: files({}) }), /not a Docker endpoint/);
    assert.throws(() => resolveEndpoint({ setting: 'unix://relative.sock', env: {}, home, readFile: files({}) }), /absolute/);
  });
});
