// Pure: the small builders every lab uses, so each lab file reads as its story.
import ipaddr from 'ipaddr.js';
import type { PublishSpec, RunRequest } from '../../core/requests';
import type { LabAction, LabContext } from '../types';

export const SLEEP = ['sleep', '86400'];
/** What the lab's web servers answer, so a check knows the page came from one of them. */
export const WEB_MARKER = 'dne-lab-ok';
/** busybox httpd in the foreground; the page is written first (any busybox image has /tmp). */
export const WEB = ['sh', '-c', `mkdir -p /tmp/www && echo ${WEB_MARKER} > /tmp/www/index.html && exec httpd -f -p 80 -h /tmp/www`];

export const nameOf = (ctx: LabContext, key: string): string => `${ctx.prefix}${key}`;

/** A network key to the name Docker knows: the lab's own, or a built-in one (`bridge`). */
export const networkName = (ctx: LabContext, key: string): string => (key === 'bridge' ? 'bridge' : nameOf(ctx, key));

/** Host number n of an IPv4 subnet: 1 is the usual gateway. */
export function hostAddress(subnet: string, n: number): string {
  const [ip] = ipaddr.IPv4.parseCIDR(subnet);
  const bytes = ip.toByteArray();
  let value = ((bytes[0] ?? 0) * 2 ** 24 + (bytes[1] ?? 0) * 2 ** 16 + (bytes[2] ?? 0) * 2 ** 8 + (bytes[3] ?? 0) + n) >>> 0;
  const out: number[] = [];
  for (let i = 0; i < 4; i++) {
    out.unshift(value & 255);
    value = Math.floor(value / 256);
  }
  return out.join('.');
}

export function subnetOf(ctx: LabContext, index: number): string {
  const s = ctx.subnets[index];
  if (!s) throw new Error(`lab ${ctx.id} needs ${index + 1} subnet(s), got ${ctx.subnets.length}`);
  return s;
}

/** docker network create with the lab's subnet (index) and its .1 as gateway. */
export function network(ctx: LabContext, key: string, index: number, options?: Record<string, string>): LabAction {
  const subnet = subnetOf(ctx, index);
  return {
    kind: 'network',
    key,
    request: {
      name: nameOf(ctx, key),
      driver: 'bridge',
      subnet,
      gateway: hostAddress(subnet, 1),
      labels: { ...ctx.labels },
      ...(options ? { options } : {}),
    },
  };
}

interface RunExtra {
  command?: string[];
  ipv4?: string;
  publish?: PublishSpec[];
  links?: string[];
}

/** docker run -d on a network key (a lab network, `bridge`) or a mode (`host`, `none`). */
export function container(ctx: LabContext, key: string, on: string, extra: RunExtra = {}): LabAction {
  const mode = on === 'host' || on === 'none' ? on : networkName(ctx, on);
  const request: RunRequest = {
    image: ctx.image,
    network: mode,
    name: nameOf(ctx, key),
    command: extra.command ?? SLEEP,
    labels: { ...ctx.labels },
    ...(extra.ipv4 ? { ipv4: extra.ipv4 } : {}),
    ...(extra.publish ? { publish: extra.publish } : {}),
    ...(extra.links ? { links: extra.links } : {}),
  };
  return { kind: 'run', key, request };
}
