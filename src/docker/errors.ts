// Engine errors a person can act on: what went wrong and what to do about it.

export type EngineErrorCode =
  'ENGINE_DOWN' | 'PERMISSION_DENIED' | 'UNKNOWN_CONTEXT' | 'API_TOO_OLD' | 'BAD_ENDPOINT' | 'NOT_FOUND' | 'CONFLICT' | 'ENGINE_ERROR';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    /** What the user can do about it. */
    readonly hint: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'EngineError';
  }

  /** One line for a notification or stderr. */
  get oneLine(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

/** The lowest Engine API version whose responses we understand (Docker 20.10). */
export const MIN_API_VERSION = '1.41';

export function compareApiVersions(a: string, b: string): number {
  const [amaj = 0, amin = 0] = a.split('.').map(Number);
  const [bmaj = 0, bmin = 0] = b.split('.').map(Number);
  return amaj - bmaj || amin - bmin;
}

interface ErrnoLike {
  code?: unknown;
  errno?: unknown;
  statusCode?: unknown;
  message?: unknown;
  json?: unknown;
  reason?: unknown;
}

/** Turns whatever dockerode or node threw into an EngineError. */
export function classifyEngineError(err: unknown, endpoint: string): EngineError {
  if (err instanceof EngineError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrnoLike;
  const code = typeof e.code === 'string' ? e.code : '';
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const dockerMessage = dockerMessageOf(e);
  if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT') {
    return new EngineError(
      'ENGINE_DOWN',
      `Docker engine is not running at ${endpoint} (${code}).`,
      'Start it (e.g. `sudo systemctl start docker` or `sudo dockerd`), or point dockerNetworks.host / DOCKER_HOST at a running engine.',
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new EngineError(
      'PERMISSION_DENIED',
      `Permission denied on ${endpoint}.`,
      'Add your user to the docker group (`sudo usermod -aG docker $USER`, then log in again), or use a rootless engine.',
    );
  }
  if (status === 404) return new EngineError('NOT_FOUND', dockerMessage || 'Not found.', '', status);
  if (status === 409) return new EngineError('CONFLICT', dockerMessage || 'Conflict.', '', status);
  const fallback = err instanceof Error ? err.message : String(err);
  return new EngineError('ENGINE_ERROR', dockerMessage || fallback, '', status);
}

function dockerMessageOf(e: ErrnoLike): string {
  const json = e.json as { message?: unknown } | null | undefined;
  if (json && typeof json.message === 'string') return json.message;
  if (typeof e.reason === 'string' && typeof e.statusCode === 'number') return e.reason;
  return '';
}
