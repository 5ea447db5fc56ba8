// The CLI's arguments: node:util parseArgs with our checks; each bad value is one clear error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCliArgs } from '../../src/cli/args';

/** The link/attach and lab options, none given. */
const NO_LINK_OR_LAB_OPTIONS = {
  addressA: undefined,
  addressB: undefined,
  address: undefined,
  gateway: undefined,
  bridge: undefined,
  prefix: undefined,
  labels: {},
  subnet: undefined,
  image: undefined,
};

describe('CLI arguments', () => {
  it('a command, its positionals and every option', () => {
    const a = parseCliArgs([
      'explain',
      'web',
      'db',
      '--port',
      '5432',
      '--json',
      '--host',
      'tcp://1.2.3.4:2375',
      '--host-helper',
      'off',
      '--helper-image',
      'x:1',
    ]);
    assert.deepEqual(a, {
      command: 'explain',
      positional: ['web', 'db'],
      json: true,
      host: 'tcp://1.2.3.4:2375',
      port: 5432,
      fromFile: undefined,
      hostHelper: 'off',
      helperImage: 'x:1',
      ...NO_LINK_OR_LAB_OPTIONS,
    });
  });
  it('defaults', () => {
    assert.deepEqual(parseCliArgs(['topology']), {
      command: 'topology',
      positional: [],
      json: false,
      host: undefined,
      port: null,
      fromFile: undefined,
      hostHelper: 'auto',
      helperImage: '',
      ...NO_LINK_OR_LAB_OPTIONS,
    });
    assert.equal(parseCliArgs([]).command, '');
  });
  it('link and attach options', () => {
    const a = parseCliArgs(['attach', 'n', '--bridge', 'docker0', '--address', '172.17.0.200/16', '--gateway', '172.17.0.1']);
    assert.deepEqual(
      [a.command, a.positional, a.bridge, a.address, a.gateway],
      ['attach', ['n'], 'docker0', '172.17.0.200/16', '172.17.0.1'],
    );
    const l = parseCliArgs(['link', 'create', 'a', 'b', '--address-a', '10.1.1.1/32', '--address-b', '10.1.1.2/32']);
    assert.deepEqual([l.positional, l.addressA, l.addressB], [['create', 'a', 'b'], '10.1.1.1/32', '10.1.1.2/32']);
  });
  it('rejects unknown options, missing values, bad ports and modes, with the usage', () => {
    assert.throws(() => parseCliArgs(['topology', '--bogus']), /^Error: Unknown option '--bogus'\. usage: cli/);
    assert.throws(() => parseCliArgs(['explain', 'a', 'b', '--port']), /argument missing\. usage/);
    assert.throws(() => parseCliArgs(['explain', 'a', 'b', '--port', '-1']), /usage/);
    for (const p of ['0', '65536', '80x', '1e3'])
      assert.throws(() => parseCliArgs(['explain', 'a', 'b', '--port', p]), /--port must be 1-65535/, p);
    assert.throws(() => parseCliArgs(['topology', '--host-helper', 'root']), /--host-helper must be auto, sudo, container or off/);
    assert.throws(() => parseCliArgs(['topology', '--json=yes']), /usage/);
  });
});

describe('CLI arguments: lab', () => {
  it('prefix, repeated labels, subnet and image', () => {
    const a = parseCliArgs([
      'lab',
      'up',
      'dns',
      '--prefix',
      'p-',
      '--label',
      'dne.test=1',
      '--label',
      'k=a=b',
      '--label',
      'flag',
      '--subnet',
      '10.9.0.0/24',
      '--image',
      'bb:1',
    ]);
    assert.equal(a.command, 'lab');
    assert.deepEqual(a.positional, ['up', 'dns']);
    assert.deepEqual(a.labels, { 'dne.test': '1', k: 'a=b', flag: '' });
    assert.deepEqual([a.prefix, a.subnet, a.image], ['p-', '10.9.0.0/24', 'bb:1']);
  });
  it('a label without a key is one clear error', () => {
    assert.throws(() => parseCliArgs(['lab', 'up', 'dns', '--label', '=x']), /--label needs key=value \(got "=x"\)\. usage/);
    assert.throws(() => parseCliArgs(['lab', 'up', 'dns', '--prefix']), /argument missing\. usage/);
  });
});
