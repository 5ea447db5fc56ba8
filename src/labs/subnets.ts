// Pure: free subnets for a lab's networks, none overlapping any network the engine already has.
import { cidrsOverlap } from '../analysis/cidr';
import { ValidationError, parseCidr } from '../core/validate';

/** 10.123.N.0/24: outside Docker's default pools (172.17-31/16, 192.168/20), so a lab rarely collides. */
export const LAB_POOL_BASE = '10.123';

/**
 * `count` /24s from the lab pool that overlap nothing in `used`. With `given` (--subnet), the
 * first network gets it (it must overlap nothing) and the rest are picked around it.
 */
export function pickSubnets(used: readonly string[], count: number, given?: string): string[] {
  const taken = [...used];
  const out: string[] = [];
  if (given !== undefined) {
    if (count === 0) throw new ValidationError('subnet', '--subnet: this lab creates no network, so it takes no subnet.');
    const [ip, bits] = parseCidr('subnet', given);
    if (ip.kind() !== 'ipv4') throw new ValidationError('subnet', `--subnet: ${given} is not an IPv4 CIDR.`);
    if (bits > 29) throw new ValidationError('subnet', `--subnet: /${bits} is too small for a lab (at most /29).`);
    const text = `${ip.toString()}/${bits}`;
    const clash = used.find((u) => cidrsOverlap(u, text));
    if (clash) throw new ValidationError('subnet', `--subnet: ${text} overlaps ${clash}, already used on this engine.`);
    out.push(text);
    taken.push(text);
  }
  for (let n = 0; n < 256 && out.length < count; n++) {
    const candidate = `${LAB_POOL_BASE}.${n}.0/24`;
    if (taken.some((u) => cidrsOverlap(u, candidate))) continue;
    out.push(candidate);
    taken.push(candidate);
  }
  if (out.length < count) throw new ValidationError('subnet', `No free /24 left in ${LAB_POOL_BASE}.0.0/16: pass --subnet.`);
  return out;
}
