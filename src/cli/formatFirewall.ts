// Human-readable firewall model.
import type { FirewallModel } from '../shared/firewall';

export function formatFirewall(m: FirewallModel): string {
  const out = [`backend: ${m.backend}   layout: ${m.dockerLayout}   FORWARD policy: ${m.forwardPolicy ?? 'unknown'}`];
  const list = (title: string, items: string[]): void => {
    if (items.length) out.push(`${title}:`, ...items.map((i) => `  ${i}`));
  };
  list(
    'published',
    m.published.map(
      (p) =>
        `${p.hostIp ?? '*'}:${p.hostPort}/${p.protocol} → ${p.containerIp}:${p.containerPort}${p.bridge ? ` (not from ${p.bridge})` : ''}`,
    ),
  );
  list(
    'masquerade',
    m.masquerade.map((x) => `${x.source}${x.exceptOutInterface ? ` except out ${x.exceptOutInterface}` : ''}`),
  );
  list(
    'hairpin',
    m.hairpin.map((h) => `${h.containerIp}${h.containerPort ? `:${h.containerPort}` : ''}`),
  );
  list('icc disabled', m.iccDisabled);
  list('internal', m.internal);
  list('routed', m.routed);
  list('nat-unprotected', m.natUnprotected);
  list('isolated', m.isolated);
  list(
    'direct-routing drops',
    m.directRoutingDrops.map((d) => d.rule),
  );
  list(
    'DOCKER-USER',
    m.userRules.map((r) => `${r.verdict}: ${r.rule}`),
  );
  list('unrecognised', m.unrecognised);
  return out.join('\n');
}
