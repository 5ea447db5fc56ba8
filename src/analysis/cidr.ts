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
