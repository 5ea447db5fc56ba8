// Field guards for an argument object from a script, a keybinding or another extension: each
// reads one field of unknown type and returns it typed, or throws a ValidationError naming it.
// Only parseRequests.ts uses them.
import { parseAddress } from '../analysis/cidr';
import type { PublishSpec } from './requests';
import { ValidationError } from './validate';

export type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (x: unknown): x is string => typeof x === 'string';

export function asObject(v: unknown, what: string): Obj {
  if (!isObj(v)) throw new ValidationError('argument', `${what} expects one argument object.`);
  return v;
}

export function str(o: Obj, key: string, required: true): string;
export function str(o: Obj, key: string, required?: false): string | undefined;
export function str(o: Obj, key: string, required = false): string | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw new ValidationError(key, `${key} is required.`);
    return undefined;
  }
  if (typeof v !== 'string') throw new ValidationError(key, `${key} must be a string.`);
  return v;
}

export function bool(o: Obj, key: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new ValidationError(key, `${key} must be true or false.`);
  return v;
}

export function strList(o: Obj, key: string): string[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const list: unknown = v;
  if (!Array.isArray(list)) throw new ValidationError(key, `${key} must be a list of strings.`);
  const items: unknown[] = list;
  if (!items.every(isString)) throw new ValidationError(key, `${key} must be a list of strings.`);
  return [...items];
}

export function strMap(o: Obj, key: string): Record<string, string> | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  const out: Record<string, string> = {};
  if (!isObj(v)) throw new ValidationError(key, `${key} must be an object of strings.`);
  for (const [k, x] of Object.entries(v)) {
    if (!isString(x)) throw new ValidationError(key, `${key} must be an object of strings.`);
    out[k] = x;
  }
  return out;
}

/** A command as an argv list; a string is split on spaces (no shell is ever involved). */
/**
 * A typed command line as argv: split on spaces, or, when it needs a shell (quotes, pipes, `;`,
 * `&&`, redirections, `$`), `sh -c <line>`. Empty: undefined (the image's own CMD).
 */
export function commandLine(text: string): string[] | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return /['"|;&<>$`\\]/.test(t) ? ['sh', '-c', t] : t.split(/\s+/);
}

export function command(o: Obj, key: string): string[] | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return commandLine(v);
  const list: unknown = v;
  if (Array.isArray(list)) {
    const items: unknown[] = list;
    if (items.every(isString)) return [...items];
  }
  throw new ValidationError(key, `${key} must be a string or a list of strings.`);
}

const port = (field: string, text: string | undefined): number | undefined => {
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new ValidationError(field, `publish: "${text}" is not a port (1-65535).`);
  return n;
};

/** `docker run -p` syntax: [hostIp:][hostPort:]containerPort[/proto]. */
export function parsePublish(spec: string): PublishSpec {
  const [main = '', proto = 'tcp'] = spec.trim().split('/');
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp')
    throw new ValidationError('publish', `publish: protocol "${proto}" must be tcp, udp or sctp.`);
  const ipv6 = /^\[([^\]]+)\]:(.*)$/.exec(main);
  const parts = ipv6 ? [ipv6[1] ?? '', ...(ipv6[2] ?? '').split(':')] : main.split(':');
  if (parts.length < 1 || parts.length > 3)
    throw new ValidationError('publish', `publish: "${spec}" is not [ip:][hostPort:]containerPort[/proto].`);
  const containerPort = port('publish', parts[parts.length - 1]);
  if (containerPort === undefined) throw new ValidationError('publish', `publish: "${spec}" has no container port.`);
  const hostPort = parts.length >= 2 ? port('publish', parts[parts.length - 2]) : undefined;
  const hostIp = parts.length === 3 ? parts[0] : undefined;
  // Docker would refuse it too, but only after the container was created.
  if (hostIp && !parseAddress(hostIp)) throw new ValidationError('publish', `publish: "${hostIp}" in "${spec}" is not an IP address.`);
  return { containerPort, protocol: proto, hostIp: hostIp || undefined, hostPort };
}

export function publishList(o: Obj, key: string): PublishSpec[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  const given: unknown = v;
  const list: unknown[] = Array.isArray(given) ? given : [given];
  return list.map((p) => {
    if (typeof p === 'string') return parsePublish(p);
    throw new ValidationError(key, `${key} entries must be strings like "8080:80" or "127.0.0.1::80/udp".`);
  });
}

/** An integer port, 1-65535. */
export function portNumber(o: Obj, key: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535) throw new ValidationError(key, `${key} must be 1-65535.`);
  return v;
}
