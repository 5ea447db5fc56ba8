// Address and prefix helpers over ipaddr.js, so no module tests addresses by hand (a colon for
// IPv6, a digits regex for IPv4); a bad address answers false or null instead of throwing.
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

/** Two parsed CIDRs of one family share an address. */
export function parsedCidrsOverlap(x: [ipaddr.IPv4 | ipaddr.IPv6, number], y: [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  return x[0].kind() === y[0].kind() && (x[0].match(y) || y[0].match(x));
}

/** Whether two prefixes share an address (same family); a bad prefix answers false. */
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

export type IpFamily = 'ipv4' | 'ipv6';
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * An address, strictly: IPv4 only as a dotted quad (ipaddr.parse also takes `10.1`, octal and hex
 * forms, which no engine or firewall dump prints), IPv6 in any form, with an optional zone.
 */
export function parseAddress(ip: string): IpAddress | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(ip)) return ipaddr.IPv4.parse(ip);
  return ipaddr.IPv6.isValid(ip) ? ipaddr.IPv6.parse(ip) : null;
}

/** An address or a prefix (`172.17.0.1`, `fd00::/64`): the address and the length (null without one); null when it is neither. */
export function parseAddressOrPrefix(value: string): { address: IpAddress; bits: number | null } | null {
  const slash = value.indexOf('/');
  const address = parseAddress(slash < 0 ? value : value.slice(0, slash));
  if (!address) return null;
  if (slash < 0) return { address, bits: null };
  try {
    return { address, bits: ipaddr.parseCIDR(value)[1] };
  } catch {
    return null;
  }
}

/** The family of an address or of a prefix's address (`fd00::/64`, `10.0.0.0/255.0.255.0`); null when it is no address. */
export function ipFamily(value: string): IpFamily | null {
  const slash = value.indexOf('/');
  return parseAddress(slash < 0 ? value : value.slice(0, slash))?.kind() ?? null;
}

export const isIpv6 = (value: string): boolean => ipFamily(value) === 'ipv6';

/** An address as it goes before `:port`: `[fd00::2]` for IPv6, unchanged otherwise. */
export const bracketed = (ip: string): string => (isIpv6(ip) ? `[${ip}]` : ip);

/** 127.0.0.0/8 or ::1. */
export const isLoopback = (ip: string): boolean => parseAddress(ip)?.range() === 'loopback';
