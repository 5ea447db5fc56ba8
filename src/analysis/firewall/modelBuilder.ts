// Collects what the interpreters recognise and builds a FirewallModel with every list sorted.
import type {
  BridgeFlag,
  BridgeFlagRule,
  DirectRoutingDrop,
  DockerLayout,
  FirewallBackend,
  FirewallModel,
  HairpinRule,
  MasqueradeRule,
  PublishedRule,
  UserRule,
} from '../../shared/firewall';
import type { HostPolicy } from './hostPolicy';

const cmp = (a: string | number | null, b: string | number | null): number => {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
};

function byKeys<T>(...keys: ((x: T) => string | number | null)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const k of keys) {
      const c = cmp(k(a), k(b));
      if (c !== 0) return c;
    }
    return 0;
  };
}

export class ModelBuilder {
  forwardPolicy: 'ACCEPT' | 'DROP' | null = null;
  readonly published: PublishedRule[] = [];
  readonly masquerade: MasqueradeRule[] = [];
  readonly hairpin: HairpinRule[] = [];
  readonly directRoutingDrops: DirectRoutingDrop[] = [];
  private readonly flagRules: BridgeFlagRule[] = [];
  /** In the order the chain evaluates them: never sorted. */
  readonly userRules: UserRule[] = [];
  /** In dump order. */
  readonly unrecognised: string[] = [];
  private readonly sets: Record<BridgeFlag, Set<string>> = {
    iccDisabled: new Set(),
    internal: new Set(),
    routed: new Set(),
    natUnprotected: new Set(),
    isolated: new Set(),
  };
  private readonly bridgeNames = new Set<string>();

  constructor(
    private readonly backend: FirewallBackend,
    private readonly layout: DockerLayout,
  ) {}

  /** Notes a bridge the rules mention (`lo` is not one). */
  bridge(name: string | null | undefined): void {
    if (name && name !== 'lo') this.bridgeNames.add(name);
  }

  /** Flags a bridge; the rule is kept as the evidence. */
  mark(flag: BridgeFlag, bridge: string, rule: string): void {
    this.bridge(bridge);
    this.sets[flag].add(bridge);
    this.flagRules.push({ flag, bridge, rule });
  }

  policy(value: string | null): void {
    const p = value?.toUpperCase();
    this.forwardPolicy = p === 'ACCEPT' || p === 'DROP' ? p : null;
  }

  /** Docker's rules; the host policy around them comes from hostPolicy.ts. */
  build(): Omit<FirewallModel, keyof HostPolicy> {
    const sorted = (s: Set<string>): string[] => [...s].sort(cmp);
    return {
      backend: this.backend,
      dockerLayout: this.layout,
      forwardPolicy: this.forwardPolicy,
      published: [...this.published].sort(
        byKeys<PublishedRule>(
          (p) => p.family,
          (p) => p.hostIp,
          (p) => p.hostPort,
          (p) => p.protocol,
          (p) => p.containerIp,
          (p) => p.containerPort,
          (p) => p.rule,
        ),
      ),
      masquerade: [...this.masquerade].sort(
        byKeys<MasqueradeRule>(
          (m) => m.family,
          (m) => m.source,
          (m) => m.exceptOutInterface,
          (m) => m.rule,
        ),
      ),
      hairpin: [...this.hairpin].sort(
        byKeys<HairpinRule>(
          (h) => h.containerIp,
          (h) => h.containerPort,
          (h) => h.protocol,
          (h) => h.rule,
        ),
      ),
      iccDisabled: sorted(this.sets.iccDisabled),
      internal: sorted(this.sets.internal),
      routed: sorted(this.sets.routed),
      natUnprotected: sorted(this.sets.natUnprotected),
      isolated: sorted(this.sets.isolated),
      directRoutingDrops: [...this.directRoutingDrops].sort(
        byKeys<DirectRoutingDrop>(
          (d) => d.containerIp,
          (d) => d.bridge,
          (d) => d.port,
          (d) => d.protocol,
          (d) => d.rule,
        ),
      ),
      // Stable sort: dump order within a flag and bridge.
      bridgeFlagRules: [...this.flagRules].sort(
        byKeys<BridgeFlagRule>(
          (r) => r.flag,
          (r) => r.bridge,
        ),
      ),
      userRules: [...this.userRules],
      bridges: sorted(this.bridgeNames),
      unrecognised: [...this.unrecognised],
    };
  }
}
