// What the host's own firewall does around Docker's rules, from iptables chains: the INPUT default,
// ufw / firewalld, and whether DOCKER-USER is FORWARD's first rule.
import type { DockerLayout, FirewallModel, HostFirewall } from '../../shared/firewall';
import { ruleLabel, type IptRule, type IptRuleset, type IptTable } from './iptablesRules';

export type HostPolicy = Pick<FirewallModel, 'inputPolicy' | 'hostFirewalls' | 'dockerUserFirst' | 'hostPolicyEvidence'>;

/** Options that do not narrow what a rule matches. */
const NON_MATCHING = new Set(['comment', 'reject-with']);
/** How many FORWARD rules the evidence shows before the DOCKER-USER jump. */
const FORWARD_EVIDENCE = 4;

/** A rule that drops or rejects every packet that reaches it. */
export function dropsEverything(rule: IptRule): boolean {
  return rule.error === null && (rule.target === 'DROP' || rule.target === 'REJECT') && rule.options.every((o) => NON_MATCHING.has(o.name));
}

const unconditionalJump = (rule: IptRule, target: string): boolean =>
  rule.error === null && rule.target === target && rule.options.every((o) => o.name === 'comment');

/** Which host firewall a chain belongs to: ufw writes ufw-* (ufw6-*), firewalld's iptables backend INPUT_direct, FORWARD_IN_ZONES, … */
function firewallOfChain(name: string): HostFirewall | null {
  if (/^ufw6?-/.test(name)) return 'ufw';
  if (/^(INPUT|FORWARD|OUTPUT)_(direct|ZONES|ZONES_SOURCE|IN_ZONES|IN_ZONES_SOURCE|OUT_ZONES|OUT_ZONES_SOURCE)$/.test(name))
    return 'firewalld';
  return null;
}

/** The IPv4 filter table (an nft view may also hold ip6's). */
const filterTable = (rs: IptRuleset): IptTable | undefined =>
  rs.tables.find((t) => t.name === 'filter' && t.family !== 'ipv6') ?? rs.tables.find((t) => t.name === 'filter');

function inputOf(filter: IptTable | undefined): Pick<HostPolicy, 'inputPolicy'> & { evidence: string[] } {
  const input = filter?.chains.get('INPUT');
  if (!input) return { inputPolicy: null, evidence: [] };
  const policy = input.policy?.toUpperCase() ?? null;
  if (policy === 'DROP') return { inputPolicy: 'DROP', evidence: ['-P INPUT DROP'] };
  const last = input.rules[input.rules.length - 1];
  if (last && dropsEverything(last)) return { inputPolicy: 'DROP', evidence: [ruleLabel(last)] };
  return { inputPolicy: policy === 'ACCEPT' ? 'ACCEPT' : null, evidence: [] };
}

/** Firewalls that are active: a built-in filter chain jumps into their chains (a disabled ufw leaves none). */
function firewallsOf(rs: IptRuleset): { found: HostFirewall[]; evidence: string[] } {
  const found: HostFirewall[] = [];
  const evidence: string[] = [];
  for (const table of rs.tables) {
    if (table.name !== 'filter') continue;
    for (const chain of ['INPUT', 'FORWARD', 'OUTPUT']) {
      for (const rule of table.chains.get(chain)?.rules ?? []) {
        const fw = firewallOfChain(rule.target ?? '');
        if (fw && !found.includes(fw)) {
          found.push(fw);
          evidence.push(ruleLabel(rule));
        }
      }
    }
  }
  const order = found.map((fw, i) => ({ fw, line: evidence[i] ?? '' })).sort((a, b) => a.fw.localeCompare(b.fw));
  return { found: order.map((o) => o.fw), evidence: order.map((o) => o.line) };
}

function dockerUserOf(filter: IptTable | undefined, layout: DockerLayout): Pick<HostPolicy, 'dockerUserFirst'> & { evidence: string[] } {
  const forward = filter?.chains.get('FORWARD');
  if (layout === 'none' || layout === 'docker-29-nftables' || !filter || !forward) return { dockerUserFirst: null, evidence: [] };
  const at = forward.rules.findIndex((r) => unconditionalJump(r, 'DOCKER-USER'));
  const head = forward.rules.slice(0, Math.min(at < 0 ? forward.rules.length : at, FORWARD_EVIDENCE)).map(ruleLabel);
  if (at < 0) {
    const why = filter.chains.has('DOCKER-USER') ? 'no rule of FORWARD jumps to DOCKER-USER' : 'there is no DOCKER-USER chain';
    return { dockerUserFirst: false, evidence: [...head, `(${why})`] };
  }
  const jump = ruleLabel(forward.rules[at] as IptRule);
  return { dockerUserFirst: at === 0, evidence: at > FORWARD_EVIDENCE ? [...head, '…', jump] : [...head, jump] };
}

export function iptablesHostPolicy(rs: IptRuleset, layout: DockerLayout): HostPolicy {
  const filter = filterTable(rs);
  const input = inputOf(filter);
  const firewalls = firewallsOf(rs);
  const user = dockerUserOf(filter, layout);
  return {
    inputPolicy: input.inputPolicy,
    hostFirewalls: firewalls.found,
    dockerUserFirst: user.dockerUserFirst,
    hostPolicyEvidence: { input: input.evidence, hostFirewalls: firewalls.evidence, forward: user.evidence },
  };
}
