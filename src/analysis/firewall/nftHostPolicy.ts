// The host policy of a whole `nft list ruleset`: every base chain on the input hook (any table, so
// nftables.conf's and firewalld's count too), firewalld's own table, and the iptables-nft view.
import type { DockerLayout, HostFirewall } from '../../shared/firewall';
import { iptablesHostPolicy, type HostPolicy } from './hostPolicy';
import { iptablesNftTables } from './nftRules';
import type { NftRuleset } from './nftRuleset';

/** `drop`, `reject [with …]`, with an optional counter and comment: the rule ends every packet. */
const DROPS_EVERYTHING = /^(counter(\s+packets\s+\d+\s+bytes\s+\d+)?\s+)?(drop|reject(\s+with\s+.+?)?)(\s+comment\s+".*")?$/;

function input(nft: NftRuleset): Pick<HostPolicy, 'inputPolicy'> & { evidence: string[] } {
  let seen = false;
  for (const table of nft.tables) {
    if (table.family !== 'ip' && table.family !== 'inet') continue;
    for (const chain of table.chains) {
      if (chain.hook !== 'input' || (chain.type !== null && chain.type !== 'filter')) continue;
      seen = true;
      const where = `table ${table.family} ${table.name} chain ${chain.name}`;
      if (chain.policy?.toLowerCase() === 'drop') return { inputPolicy: 'DROP', evidence: [`${where}: policy drop`] };
      const last = chain.rules[chain.rules.length - 1];
      if (last && DROPS_EVERYTHING.test(last)) return { inputPolicy: 'DROP', evidence: [`${where}: ${last}`] };
    }
  }
  // No input chain in a whole ruleset accepts everything; a lone docker-bridges table may be
  // `nft list table` output, which says nothing about other tables.
  if (seen || nft.tables.some((t) => t.name !== 'docker-bridges')) return { inputPolicy: 'ACCEPT', evidence: [] };
  return { inputPolicy: null, evidence: [] };
}

/**
 * `iptablesLayout`: the generation of Docker's iptables rules in the ruleset, or null when Docker
 * uses its nftables backend (then DOCKER-USER does not apply).
 */
export function nftHostPolicy(nft: NftRuleset, iptablesLayout: DockerLayout | null): HostPolicy {
  const view = iptablesHostPolicy(iptablesNftTables(nft), iptablesLayout ?? 'none');
  const inp = input(nft);
  const found = view.hostFirewalls.map((fw, i) => ({ fw, line: view.hostPolicyEvidence.hostFirewalls[i] ?? '' }));
  const firewalld = nft.tables.find((t) => t.name === 'firewalld');
  if (firewalld && !found.some((f) => f.fw === 'firewalld')) found.push({ fw: 'firewalld', line: `table ${firewalld.family} firewalld` });
  found.sort((a, b) => a.fw.localeCompare(b.fw));
  const hostFirewalls: HostFirewall[] = found.map((f) => f.fw);
  return {
    inputPolicy: inp.inputPolicy,
    hostFirewalls,
    dockerUserFirst: view.dockerUserFirst,
    hostPolicyEvidence: { input: inp.evidence, hostFirewalls: found.map((f) => f.line), forward: view.hostPolicyEvidence.forward },
  };
}
