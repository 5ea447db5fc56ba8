// Pure: Docker's embedded DNS inside a container's netns. Queries to 127.0.0.11:53 are DNATed to
// the port dockerd's resolver really listens on, and answers SNATed back to :53.
import type * as v from 'valibot';
import type { EmbeddedDnsSchema } from '../shared/schema/path';

export type EmbeddedDns = v.InferOutput<typeof EmbeddedDnsSchema>;

const DNAT = /-d 127\.0\.0\.11\/32 -p (tcp|udp) .*--dport 53 -j DNAT --to-destination 127\.0\.0\.11:(\d+)/;

/** From `iptables-save -t nat` run in the container's netns; null when there are no such rules. */
export function parseEmbeddedDns(dump: string): EmbeddedDns | null {
  const rules = dump
    .split('\n')
    .filter((l) => /^-A DOCKER_(OUTPUT|POSTROUTING) /.test(l.trim()))
    .map((l) => l.trim());
  if (rules.length === 0) return null;
  let tcpPort: number | null = null;
  let udpPort: number | null = null;
  for (const r of rules) {
    const m = DNAT.exec(r);
    if (m?.[1] === 'tcp') tcpPort = Number(m[2]);
    if (m?.[1] === 'udp') udpPort = Number(m[2]);
  }
  return { resolver: '127.0.0.11:53', tcpPort, udpPort, rules };
}
