// Reads Docker's firewall from the kernel (iptables-save, else nft) and turns it into the model.
import { parseFirewallDump, withNftHostPolicy } from '../analysis/firewall';
import type { FirewallModel } from '../shared/firewall';
import type { NetnsRunner } from './privilege';

export interface FirewallRead {
  model: FirewallModel | null;
  /** The dump itself, for "show the real rules". */
  dump: string | null;
  unavailable: string[];
}

const DOCKER_CHAIN = /^(:|-A |-N )DOCKER/m;

/** Reads the rules of the engine's own netns, through the runner that enters it. */
export async function readFirewall(runIn: NetnsRunner): Promise<FirewallRead> {
  const ipt = await runIn('iptables-save', []);
  if (ipt.ok && DOCKER_CHAIN.test(ipt.stdout)) {
    const model = parseFirewallDump(ipt.stdout);
    if (model.backend !== 'iptables-nft') return { model, dump: ipt.stdout, unavailable: [] };
    // nft tables that are not iptables' (firewalld, nftables.conf) filter input too.
    const all = await runIn('nft', ['list', 'ruleset']);
    return { model: all.ok ? withNftHostPolicy(model, all.stdout) : model, dump: ipt.stdout, unavailable: [] };
  }
  // Docker 29 with firewall-backend nftables writes its own tables and no DOCKER chains.
  const nft = await runIn('nft', ['list', 'ruleset']);
  if (nft.ok && /table ip6? docker-bridges/.test(nft.stdout)) {
    return { model: parseFirewallDump(nft.stdout, { backend: 'nftables' }), dump: nft.stdout, unavailable: [] };
  }
  if (ipt.ok || nft.ok) {
    const dump = ipt.ok ? ipt.stdout : nft.stdout;
    return {
      model: parseFirewallDump(dump),
      dump,
      unavailable: ['No Docker rules in iptables or nftables: the daemon may run with --iptables=false.'],
    };
  }
  const why =
    ipt.why ??
    (ipt.code === 'ENOENT' ? 'iptables-save is not installed.' : `iptables-save failed: ${ipt.stderr.trim().split('\n')[0] ?? ipt.code}`);
  return { model: null, dump: null, unavailable: [`Firewall rules not read: ${why}`] };
}
