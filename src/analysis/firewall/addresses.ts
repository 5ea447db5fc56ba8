// Address, port and protocol helpers shared by the iptables and nftables interpreters.
import type { Protocol } from '../../shared/firewall';

export type Family = 'ipv4' | 'ipv6';

export function familyOf(address: string): Family {
  return address.includes(':') ? 'ipv6' : 'ipv4';
}

/** `172.17.0.3/32`, `172.17.0.3`, `fd00::2/128` → the address; a wider prefix → null. */
export function hostAddress(value: string | undefined): string | null {
  if (!value) return null;
  const [ip, len] = value.split('/');
  if (!ip || !looksLikeAddress(ip)) return null;
  if (len === undefined) return ip;
  const full = familyOf(ip) === 'ipv6' ? '128' : '32';
  return len === full ? ip : null;
}

/** A subnet as `a.b.c.d/n`; a host address keeps its /32 (/128) so it stays a prefix. */
export function prefix(value: string | undefined): string | null {
  if (!value) return null;
  const [ip, len] = value.split('/');
  if (!ip || !looksLikeAddress(ip)) return null;
  if (len === undefined) return `${ip}/${familyOf(ip) === 'ipv6' ? 128 : 32}`;
  return /^\d{1,3}$/.test(len) ? `${ip}/${len}` : null;
}

function looksLikeAddress(ip: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) || (/^[0-9a-fA-F:.]+$/.test(ip) && ip.includes(':'));
}

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
