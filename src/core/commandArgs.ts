// Runtime guards for command argument objects: they come from scripts, keybindings and other
// extensions, so their types are checked before anything else looks at them.
import { ValidationError } from './validate';

type Obj = Record<string, unknown>;

export function asObject(v: unknown, what: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ValidationError('argument', `${what} expects one argument object.`);
  return v as Obj;
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
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new ValidationError(key, `${key} must be a list of strings.`);
  return v as string[];
}

export function strMap(o: Obj, key: string): Record<string, string> | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw new ValidationError(key, `${key} must be an object of strings.`);
  }
  return { ...(v as Record<string, string>) };
}

/** A command as an argv list; a string is split on spaces (no shell is ever involved). */
export function command(o: Obj, key: string): string[] | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v.trim().split(/\s+/);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  throw new ValidationError(key, `${key} must be a string or a list of strings.`);
}

export interface PublishSpec {
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
  hostIp?: string;
  hostPort?: number;
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
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') throw new ValidationError('publish', `publish: protocol "${proto}" must be tcp, udp or sctp.`);
  const ipv6 = /^\[([^\]]+)\]:(.*)$/.exec(main);
  const parts = ipv6 ? [ipv6[1] ?? '', ...(ipv6[2] ?? '').split(':')] : main.split(':');
  if (parts.length < 1 || parts.length > 3) throw new ValidationError('publish', `publish: "${spec}" is not [ip:][hostPort:]containerPort[/proto].`);
  const containerPort = port('publish', parts[parts.length - 1]);
  if (containerPort === undefined) throw new ValidationError('publish', `publish: "${spec}" has no container port.`);
  const hostPort = parts.length >= 2 ? port('publish', parts[parts.length - 2]) : undefined;
  const hostIp = parts.length === 3 ? parts[0] : undefined;
  return { containerPort, protocol: proto, hostIp: hostIp || undefined, hostPort };
}

export function publishList(o: Obj, key: string): PublishSpec[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  const list = Array.isArray(v) ? v : [v];
  return list.map((p) => {
    if (typeof p === 'string') return parsePublish(p);
    throw new ValidationError(key, `${key} entries must be strings like "8080:80" or "127.0.0.1::80/udp".`);
  });
}
