// Keeps the snapshot live from the engine's event stream: debounced batches, and reconnection
// with back-off when the engine goes away. No polling.
import type { RawEvent } from '../docker/rawTypes';
import { classifyEngineError, type EngineError } from '../docker/errors';
import { Emitter } from '../shared/emitter';
import type { Controller } from './controller';

export type ConnectionStatus =
  { state: 'connecting' } | { state: 'connected' } | { state: 'disconnected'; error: EngineError; retryInMs: number };

export interface LiveUpdateOptions {
  /** Quiet time after an event before its batch is applied. */
  debounceMs?: number;
  /** Least time between the starts of two batches, so a storm costs O(duration), not O(events). */
  minIntervalMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  onError?: (err: unknown) => void;
}

export class LiveUpdates {
  private pending: RawEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** One batch at a time: events that arrive while it runs wait for the next one. */
  private inFlight = false;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | undefined;
  private disposed = false;
  /** Bumped on every (re)subscription, so a stale stream's end is ignored. */
  private generation = 0;
  private backoff: number;
  private readonly statusEmitter = new Emitter<ConnectionStatus>();
  readonly onDidChangeStatus = this.statusEmitter.event;
  status: ConnectionStatus = { state: 'connecting' };

  constructor(
    private readonly controller: Controller,
    private readonly opts: LiveUpdateOptions = {},
  ) {
    this.backoff = opts.minBackoffMs ?? 500;
  }

  /** Subscribes, then takes a full snapshot; events that arrive meanwhile are applied after it. */
  async start(): Promise<void> {
    if (this.disposed) return;
    clearTimeout(this.retryTimer);
    this.setStatus({ state: 'connecting' });
    const gen = ++this.generation;
    try {
      const sub = await this.controller.gateway.events((e) => this.onEvent(e));
      this.unsubscribe = () => sub.dispose();
      this.controller.invalidateEngine();
      await this.controller.refresh();
      this.backoff = this.opts.minBackoffMs ?? 500;
      this.setStatus({ state: 'connected' });
      void sub.ended.then((err) => {
        if (gen === this.generation) this.lost(err ?? new Error('event stream closed'));
      });
    } catch (err) {
      this.unsubscribe?.();
      if (gen === this.generation) this.lost(err);
    }
  }

  /** Retry now, e.g. from a "Retry" button. */
  retry(): Promise<void> {
    this.generation++;
    this.unsubscribe?.();
    return this.start();
  }

  private onEvent(e: RawEvent): void {
    this.pending.push(e);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.inFlight || this.disposed || this.pending.length === 0) return;
    const debounce = this.opts.debounceMs ?? 30;
    const spacing = this.lastFlushAt + (this.opts.minIntervalMs ?? 250) - Date.now();
    this.timer = setTimeout(() => this.flush(), Math.max(debounce, spacing));
  }

  private flush(): void {
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.inFlight = true;
    this.lastFlushAt = Date.now();
    this.controller
      .applyEvents(batch)
      .catch((err: unknown) => this.opts.onError?.(err))
      .finally(() => {
        this.inFlight = false;
        this.schedule();
      });
  }

  private lost(err: unknown): void {
    if (this.disposed) return;
    const error = classifyEngineError(err, this.controller.gateway.endpointUrl);
    const retryInMs = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.opts.maxBackoffMs ?? 15_000);
    this.setStatus({ state: 'disconnected', error, retryInMs });
    this.retryTimer = setTimeout(() => void this.start(), retryInMs);
  }

  private setStatus(s: ConnectionStatus): void {
    this.status = s;
    this.statusEmitter.fire(s);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.unsubscribe?.();
    this.statusEmitter.dispose();
  }
}
