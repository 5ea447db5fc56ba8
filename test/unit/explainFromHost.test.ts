// explain from the engine's host (a process in its netns), hairpin through a published port and
// the gateway endpoint, on the captured 20.10 scenario and moby's generated dumps.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultEndpoint } from '../../src/analysis/paths';
import { buildSnapshot } from '../../src/core/buildSnapshot';
import { explain } from '../../src/analysis/reachability';
import { engine, CLIENT, codes, reason, way, s2010, moby } from '../helpers/explainSnapshots';
import { capturedContainerInspects, capturedNetworks } from '../helpers/fixtures';

describe('explain from the host (a process in the engine netns)', () => {
  it('reaches a container over its bridge, and both published bindings (loopback through docker-proxy)', () => {
    const s = s2010((x) => {
      x.host.proxies = [
        {
          pid: 77,
          name: 'docker-proxy',
          protocol: 'tcp',
          hostIp: '127.0.0.1',
          hostPort: 32769,
          containerIp: '172.17.0.3',
          containerPort: 80,
        },
      ];
    });
    const x = explain(s, 'host', 'gt-web', 80);
    assert.equal(x.reachable, true);
    assert.equal(way(x, 'network').address, '172.17.0.3');
    assert.equal(way(x, 'published', '127.0.0.1').open, true);
    assert.match(reason(x, 'LOOPBACK_ONLY_BINDING').message, /the host itself reaches it, through docker-proxy/);
    assert.match(reason(x, 'LOOPBACK_ONLY_BINDING').evidence, /docker-proxy \(pid 77\)/);
    assert.match(reason(x, 'HOST_NETWORK').message, /DOCKER-USER and the raw-table drops do not apply/);
  });
  it('with no docker-proxy (userland-proxy=false) the loopback binding is closed from the host too', () => {
    const s = s2010((x) => (x.host.proxies = []));
    assert.equal(way(explain(s, 'host', 'gt-web', 80), 'published', '127.0.0.1').open, false);
  });
});

describe('HAIRPIN and GATEWAY_ENDPOINT', () => {
  it('a container on another bridge reaches a published port through docker-proxy, not the bridges', () => {
    const s = s2010((x) => {
      x.host.proxies = [
        { pid: 78, name: 'docker-proxy', protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080, containerIp: '172.17.0.3', containerPort: 80 },
      ];
    });
    const x = explain(s, 'gt-a1', 'gt-web', 80);
    assert.equal(x.reachable, true);
    assert.deepEqual(codes(x).slice(0, 2), ['NO_SHARED_NETWORK', 'ISOLATED_BRIDGES']);
    const w = way(x, 'published', '0.0.0.0');
    assert.equal(w.address, '10.231.0.254', "the host's address a1 surely reaches: its gateway");
    assert.match(reason(x, 'HAIRPIN').evidence, /docker-proxy \(pid 78\)/);
    assert.equal(way(x, 'published', '127.0.0.1').open, false);
    assert.match(reason(x, 'LOOPBACK_ONLY_BINDING').message, /own/);
  });
  it('without docker-proxy the DNAT applies to containers too, and isolation drops it', () => {
    const x = explain(
      s2010((s) => (s.host.proxies = [])),
      'gt-a1',
      'gt-web',
      80,
    );
    assert.equal(x.reachable, false);
    assert.match(reason(x, 'HAIRPIN').message, /isolation drops/);
  });
  it('no port, no hairpin: the verdict stays as it was', () => {
    assert.deepEqual(codes(explain(s2010(), 'gt-a1', 'gt-web')), ['NO_SHARED_NETWORK', 'ISOLATED_BRIDGES']);
  });
  it('GwPriority (API 1.48+) is normalized to gwPriority, null when the engine has none', () => {
    const s = moby('28.5.2-moby-iptablesdoc-usernet-portmap');
    assert.equal(s.containers[0]?.endpoints[0]?.gwPriority, null);
    const raw = capturedContainerInspects().map((c) => {
      const nets = c.NetworkSettings?.Networks;
      if (c.Name === '/gt-multi' && nets?.['gt-net-int']) nets['gt-net-int'].GwPriority = 3;
      return c;
    });
    const t = buildSnapshot({ engine, networks: capturedNetworks(), containers: raw, host: null, takenAt: 0 });
    const multi = t.containers.find((c) => c.name === 'gt-multi');
    assert.deepEqual(
      multi?.endpoints.map((e) => [e.network, e.gwPriority]),
      [
        ['gt-net-a', null],
        ['gt-net-int', 3],
      ],
    );
    assert.ok(multi);
    assert.equal(defaultEndpoint(multi, t)?.network, 'gt-net-int');
  });
  it("Docker's order: the non-internal network carries the default route; gw_priority overrides it", () => {
    const s = s2010();
    const x = explain(s, CLIENT, 'gt-multi');
    assert.match(reason(x, 'GATEWAY_ENDPOINT').message, /through gt-net-a/);
    assert.match(reason(x, 'GATEWAY_ENDPOINT').evidence, /internal/);
    const multi = s.containers.find((c) => c.name === 'gt-multi');
    assert.ok(multi);
    assert.equal(defaultEndpoint(multi, s)?.network, 'gt-net-a');
    const int = multi.endpoints.find((e) => e.network === 'gt-net-int');
    assert.ok(int);
    int.gwPriority = 10;
    assert.equal(defaultEndpoint(multi, s)?.network, 'gt-net-int');
    assert.match(reason(explain(s, CLIENT, 'gt-multi'), 'GATEWAY_ENDPOINT').evidence, /gw_priority gt-net-int=10, gt-net-a=0/);
  });
});

describe('"host" when the engine is not in this netns', () => {
  it('says that "host" is a process in the engine netns, and how to stand there', () => {
    const s = moby('28.5.2-moby-iptablesdoc-usernet-portmap');
    s.host.engineNetns = { pid: 77, inode: 9, same: false, kind: 'rootless', how: 'test' };
    const x = explain(s, 'host', 'web', 80);
    assert.ok(
      x.reasons.some(
        (r) =>
          r.code === 'HOST_NETWORK' && /nsenter -U --preserve-credentials -n -t 77/.test(r.message) && /behind slirp4netns/.test(r.message),
      ),
      JSON.stringify(x.reasons),
    );
  });
});
