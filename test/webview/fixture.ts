// The captured scenario (Docker 20.10: every network mode, an internal and an icc=false network,
// published ports, a joined and a stopped container) with its firewall dump, as one snapshot.
// Interface names are filled in as a root read would find them (the capture was not root).
import { parseFirewallDump } from '../../src/analysis/firewall';
import type { Snapshot } from '../../src/shared/model';
import { capturedSnapshot, readFixture } from '../helpers/fixtures';

export function fixtureSnapshot(opts: { links?: boolean; firewall?: boolean } = {}): Snapshot {
  const s = capturedSnapshot({ takenAt: 1_700_000_000_000 });
  if (opts.firewall !== false) s.host.firewall = parseFirewallDump(readFixture('firewall', '20.10.24-thishost-iptables-save.txt'));
  s.host.ipForward = true;
  s.host.unavailable = [];
  if (opts.links !== false) {
    for (const c of s.containers) {
      if (c.state !== 'running') continue;
      c.endpoints.forEach((e, i) => {
        if (!e.ipv4) return;
        e.ifname = `eth${i}`;
        e.hostVeth = `veth${c.id.slice(0, 6)}${i}`;
        e.bridge = s.networks.find((n) => n.id === e.networkId)?.bridge ?? null;
      });
    }
  }
  return s;
}
