// Address, port and protocol helpers shared by the iptables and nftables interpreters.
import type { Protocol } from '../../shared/firewall';
import { ipFamily, parseAddressOrPrefix, type IpFamily } from '../cidr';

export type Family = IpFamily;

/** The family of an address or prefix the parsers already checked (anything else counts as IPv4). */
export function familyOf(address: string): Family {
  return ipFamily(address) ?? 'ipv4';
}

/** `172.17.0.3/32`, `172.17.0.3`, `fd00::2/128` → the address; a wider prefix → null. */
export function hostAddress(value: string | undefined): string | null {
  const parsed = value ? parseAddressOrPrefix(value) : null;
  if (!value || !parsed) return null;
  const full = parsed.address.kind() === 'ipv6' ? 128 : 32;
  return parsed.bits === null || parsed.bits === full ? addressPart(value) : null;
}

/** A subnet as `a.b.c.d/n`; a host address keeps its /32 (/128) so it stays a prefix. */
export function prefix(value: string | undefined): string | null {
  const parsed = value ? parseAddressOrPrefix(value) : null;
  if (!value || !parsed) return null;
  return `${addressPart(value)}/${parsed.bits ?? (parsed.address.kind() === 'ipv6' ? 128 : 32)}`;
}

/** The address as written (before any `/length`): the rules compare it as text. */
const addressPart = (value: string): string => value.split('/')[0] ?? value;

/** A single port number; ranges and lists give null. */
export function parsePort(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,5}$/.test(value)) return null;
  const n = Number(value);
  return n >= 0 && n <= 65535 ? n : null;
}

export function protocolOf(value: string | undefined): Protocol | null {
  const p = value?.toLowerCase();
  return p === 'tcp' || p === 'udp' || p === 'sctp' ? p : null;
}

export function isIcmp(value: string | undefined): boolean {
  const p = value?.toLowerCase();
  return p === 'icmp' || p === 'icmpv6' || p === 'ipv6-icmp';
}

/** `172.17.0.3:80` or `[fd00::2]:80` (a DNAT destination) → address and port. */
export function parseEndpoint(value: string | undefined): { ip: string; port: number } | null {
  if (!value) return null;
  const m = /^\[([0-9a-fA-F:.]+)\]:(\d+)$/.exec(value) ?? /^([0-9.]+):(\d+)$/.exec(value);
  if (!m?.[1]) return null;
  const port = parsePort(m[2]);
  return port === null || hostAddress(m[1]) === null ? null : { ip: m[1], port };
}

/** Connection-tracking states as a sorted upper-case list: `related,established` → ESTABLISHED,RELATED. */
export function ctStates(value: string | undefined): string {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean)
    .sort()
    .join(',');
}

export const RELATED_ESTABLISHED = 'ESTABLISHED,RELATED';
