// The docker command line each change equals: what a learner copies into a terminal.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EquivalentCommand as E, shellLine, shellWord } from '../../src/core/equivalentCommand';

describe('equivalent docker commands', () => {
  it('quotes only what a shell would split or expand', () => {
    assert.equal(shellWord('10.0.0.0/24'), '10.0.0.0/24');
    assert.equal(shellWord('a b'), `'a b'`);
    assert.equal(shellWord(`it's`), `'it'\\''s'`);
    assert.equal(shellWord('$HOME'), `'$HOME'`);
    assert.equal(shellWord(''), `''`);
  });
  it('network create, with every flag the wizard sets, and bridge as the default driver', () => {
    assert.equal(
      shellLine(
        E.createNetwork({
          name: 'lab',
          subnet: '10.10.1.0/24',
          gateway: '10.10.1.1',
          ipRange: '10.10.1.128/25',
          internal: true,
          labels: { team: 'a b' },
        }),
      ),
      `docker network create --subnet 10.10.1.0/24 --gateway 10.10.1.1 --ip-range 10.10.1.128/25 --internal --label 'team=a b' lab`,
    );
    assert.equal(
      shellLine(E.createNetwork({ name: 'ov', driver: 'overlay', attachable: true })),
      'docker network create --driver overlay --attachable ov',
    );
  });
  it('connect and disconnect: network first, then container, as docker takes them', () => {
    assert.equal(
      shellLine(E.connect({ container: 'web', network: 'lab', ipv4: '10.10.1.5', aliases: ['api', 'www'] })),
      'docker network connect --ip 10.10.1.5 --alias api --alias www lab web',
    );
    assert.equal(shellLine(E.disconnect({ container: 'web', network: 'lab' })), 'docker network disconnect lab web');
    assert.equal(shellLine(E.disconnect({ container: 'web', network: 'lab', force: true })), 'docker network disconnect --force lab web');
  });
  it('run and join, with -p in docker syntax and the command after the image', () => {
    const publish = [
      { containerPort: 80, protocol: 'tcp' as const, hostPort: 8080 },
      { containerPort: 53, protocol: 'udp' as const, hostIp: '127.0.0.1' },
      { containerPort: 443, protocol: 'tcp' as const, hostIp: '::1', hostPort: 8443 },
    ];
    assert.equal(
      shellLine(E.run({ image: 'dne-busybox:local', network: 'lab', name: 'web', publish, command: ['sh', '-c', 'httpd -f -p 80'] })),
      `docker run --detach --name web --network lab --publish 8080:80 --publish 127.0.0.1::53/udp --publish '[::1]:8443:443' dne-busybox:local sh -c 'httpd -f -p 80'`,
    );
    assert.equal(
      shellLine(E.join({ target: 'web', image: 'dne-busybox:local' })),
      'docker run --detach --network container:web dne-busybox:local',
    );
  });
  it('remove, prune, start, stop', () => {
    assert.equal(shellLine(E.removeNetwork('lab')), 'docker network rm lab');
    assert.equal(shellLine(E.pruneNetworks({ labels: ['dne.test=1'] })), 'docker network prune --force --filter label=dne.test=1');
    assert.equal(shellLine(E.removeContainer('web', true)), 'docker rm --force web');
    assert.equal(shellLine(E.startContainer('web')), 'docker start web');
    assert.equal(shellLine(E.stopContainer('web')), 'docker stop web');
  });
});
