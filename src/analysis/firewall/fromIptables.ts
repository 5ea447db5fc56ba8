// Interprets Docker's iptables chains (any generation) into the FirewallModel. Rules in Docker's
// chains, Docker's rules in built-in chains and DOCKER-USER are all accounted for: each is explained
// by a pattern, becomes a user rule, or is kept in `unrecognised`.
import type { DockerLayout, FirewallBackend, FirewallModel } from '../../shared/firewall';
import { iptablesHostPolicy } from './hostPolicy';
import { explainRule, isBridge, userRule, type PatternContext } from './iptablesPatterns';
import { ruleLabel, type IptChain, type IptRule, type IptRuleset } from './iptablesRules';
import { ModelBuilder } from './modelBuilder';

const isDockerChain = (name: string): boolean => /^DOCKER([-_]|$)/.test(name);
/** Built-in chains where Docker puts rules; other built-in chains are not Docker's. */
const DOCKER_BUILTINS = new Set(['filter/FORWARD', 'nat/PREROUTING', 'nat/OUTPUT', 'nat/POSTROUTING', 'raw/PREROUTING']);

function* allRules(rs: IptRuleset): Generator<[IptChain, IptRule]> {
  for (const table of rs.tables) for (const chain of table.chains.values()) for (const rule of chain.rules) yield [chain, rule];
}

function hasChain(rs: IptRuleset, table: string, chain: string): boolean {
  return rs.tables.some((t) => t.name === table && t.chains.has(chain));
}

/** Which generation wrote the rules, from the chains that exist. */
export function detectLayout(rs: IptRuleset): DockerLayout {
  const filter = (name: string): boolean => hasChain(rs, 'filter', name);
  if (filter('DOCKER-INTERNAL')) return 'docker-29';
  if (filter('DOCKER-FORWARD')) return 'docker-28.0.1+';
  const ipset = [...allRules(rs)].some(([, r]) => r.options.some((o) => o.name === 'match-set' && /^docker-/.test(o.values[0] ?? '')));
  if (filter('DOCKER-ISOLATION-STAGE-1') && ipset) return 'docker-28.0.0';
  if (filter('DOCKER-ISOLATION-STAGE-1') || filter('DOCKER-USER')) return 'docker-20.10-27';
  const bridgeChains = rs.tables.some((t) => [...t.chains.keys()].some((c) => /^DOCKER(-|$)/.test(c)));
  return bridgeChains ? 'unknown' : 'none';
}

const interfaces = (rule: IptRule): string[] =>
  rule.options.filter((o) => (o.name === 'in' || o.name === 'out') && o.values.length === 1).map((o) => o.values[0] as string);

/** Interfaces named by Docker's chains and by built-in rules that jump into them (not DOCKER-USER's). */
function collectBridges(rs: IptRuleset): Set<string> {
  const known = new Set<string>();
  for (const [chain, rule] of allRules(rs)) {
    if (chain.name === 'DOCKER-USER') continue;
    if (!isDockerChain(chain.name) && !isDockerChain(rule.target ?? '')) continue;
    for (const name of interfaces(rule)) if (name !== 'lo' && !name.endsWith('+')) known.add(name);
  }
  return known;
}

/** A rule in a built-in chain that touches Docker: a jump to its chains, its bridges or its ipsets. */
function involvesDocker(rule: IptRule, ctx: PatternContext): boolean {
  if (isDockerChain(rule.target ?? '')) return true;
  if (interfaces(rule).some((name) => isBridge(ctx, name))) return true;
  return rule.options.some((o) => o.name === 'match-set' && /^docker-/.test(o.values[0] ?? ''));
}

export function fromIptables(rs: IptRuleset, backend: FirewallBackend): FirewallModel {
  const layout = detectLayout(rs);
  const model = new ModelBuilder(backend, layout);
  const ctx: PatternContext = { model, knownBridges: collectBridges(rs) };
  for (const name of ctx.knownBridges) model.bridge(name);
  const forward = rs.tables.find((t) => t.name === 'filter')?.chains.get('FORWARD');
  model.policy(forward?.policy ?? null);

  for (const table of rs.tables) {
    for (const chain of table.chains.values()) {
      const docker = isDockerChain(chain.name);
      if (!docker && !DOCKER_BUILTINS.has(`${table.name}/${chain.name}`)) {
        // Not a chain Docker writes to; still, a jump into Docker's chains from here is Docker's business.
        for (const rule of chain.rules) if (isDockerChain(rule.target ?? '')) model.unrecognised.push(ruleLabel(rule));
        continue;
      }
      chain.rules.forEach((rule, index) => {
        if (table.name === 'filter' && chain.name === 'DOCKER-USER' && rule.error === null) {
          const isDefault = index === chain.rules.length - 1 && rule.options.length === 0 && rule.target === 'RETURN';
          if (!isDefault) model.userRules.push(userRule(rule));
          return;
        }
        if (explainRule(rule, ctx)) return;
        if (docker || involvesDocker(rule, ctx)) model.unrecognised.push(ruleLabel(rule));
      });
    }
  }
  model.unrecognised.push(...rs.stray);
  return { ...model.build(), ...iptablesHostPolicy(rs, layout) };
}
