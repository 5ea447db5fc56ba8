// Pure: `ip -j -d link show` (run in the engine's netns when it is not ours) → host interfaces.
// The JSON is checked field by field here, at the edge; nothing else sees the raw output.
import type { HostInterface } from '../shared/model';

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const optStr = (x: unknown): string | null => (typeof x === 'string' ? x : null);
const optInt = (x: unknown): number | null => (Number.isInteger(x) ? (x as number) : null);

/** Throws with a reason when the output is not what `ip -j -d link show` prints. */
export function parseIpLinkJson(text: string): HostInterface[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('`ip -j link` printed no JSON (iproute2 too old?)');
  }
  if (!Array.isArray(raw)) throw new Error('`ip -j link` did not print a list');
  const links = raw.filter(isObj);
  const byName = new Map<string, number>();
  for (const l of links) {
    const name = optStr(l.ifname);
    const index = optInt(l.ifindex);
    if (name !== null && index !== null) byName.set(name, index);
  }
  const out: HostInterface[] = [];
  for (const l of links) {
    const name = optStr(l.ifname);
    const ifindex = optInt(l.ifindex);
    if (name === null || ifindex === null) continue;
    const info = isObj(l.linkinfo) ? optStr(l.linkinfo.info_kind) : null;
    // A veth whose peer is in another netns has link_index; one whose peer is here names it by `link`.
    const peerName = optStr(l.link);
    const iflink = optInt(l.link_index) ?? (peerName !== null ? (byName.get(peerName) ?? ifindex) : ifindex);
    const kind = info === 'bridge' ? 'bridge' : info === 'veth' ? 'veth' : 'other';
    out.push({ name, ifindex, iflink, mac: optStr(l.address), master: optStr(l.master), kind, mtu: optInt(l.mtu) });
  }
  return out;
}
