// Address-in-prefix checks with ipaddr.js; a bad address answers false instead of throwing.
import ipaddr from 'ipaddr.js';

export function ipInCidr(ip: string, cidr: string): boolean {
  try {
    const addr = ipaddr.parse(ip);
    const range = ipaddr.parseCIDR(cidr.includes('/') ? cidr : `${cidr}/${addr.kind() === 'ipv4' ? 32 : 128}`);
    return addr.kind() === range[0].kind() && addr.match(range);
  } catch {
    return false;
  }
}

/** Whether two prefixes share an address (same family); a bad prefix answers false. */
/** Two parsed CIDRs of one family share an address. */
export function parsedCidrsOverlap(x: [ipaddr.IPv4 | ipaddr.IPv6, number], y: [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  return x[0].kind() === y[0].kind() && (x[0].match(y) || y[0].match(x));
}

export function cidrsOverlap(a: string, b: string): boolean {
  try {
    return parsedCidrsOverlap(ipaddr.parseCIDR(a), ipaddr.parseCIDR(b));
  } catch {
    return false;
  }
}

/** The prefix length of a CIDR, or null when it is not one. */
export function prefixLength(cidr: string): number | null {
  try {
    return ipaddr.parseCIDR(cidr)[1];
  } catch {
    return null;
  }
}
