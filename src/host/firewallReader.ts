// Reads Docker's firewall from the kernel (iptables-save, else nft) and turns it into the model.
import { parseFirewallDump } from '../analysis/firewall';
import type { FirewallModel } from '../shared/firewall';
import { runPrivileged, type HelperContainer, type HostHelperMode } from './privilege';

export interface FirewallRead {
  model: FirewallModel | null;
  /** The dump itself, for "show the real rules". */
  dump: string | null;
  unavailable: string[];
}

const DOCKER_CHAIN = /^(:|-A |-N )DOCKER/m;

export async function readFirewall(mode: HostHelperMode, helper?: HelperContainer, local = true): Promise<FirewallRead> {
  const ipt = await runPrivileged(mode, 'iptables-save', [], helper, local);
  if (ipt.ok && DOCKER_CHAIN.test(ipt.stdout)) {
    return { model: parseFirewallDump(ipt.stdout), dump: ipt.stdout, unavailable: [] };
  }
  // Docker 29 with firewall-backend nftables writes its own tables and no DOCKER chains.
  const nft = await runPrivileged(mode, 'nft', ['list', 'ruleset'], helper, local);
  if (nft.ok && /table ip6? docker-bridges/.test(nft.stdout)) {
    return { model: parseFirewallDump(nft.stdout, { backend: 'nftables' }), dump: nft.stdout, unavailable: [] };
  }
  if (ipt.ok || nft.ok) {
    const dump = ipt.ok ? ipt.stdout : nft.stdout;
    return { model: parseFirewallDump(dump), dump, unavailable: ['No Docker rules in iptables or nftables: the daemon may run with --iptables=false.'] };
  }
  const why = ipt.why ?? (ipt.code === 'ENOENT' ? 'iptables-save is not installed.' : `iptables-save failed: ${ipt.stderr.trim().split('\n')[0] ?? ipt.code}`);
  return { model: null, dump: null, unavailable: [`Firewall rules not read: ${why}`] };
}
