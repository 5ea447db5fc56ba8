// A minimal typed event emitter, so core code runs the same in the CLI and in VS Code.

export type Listener<T> = (value: T) => void;

export class Emitter<T> {
  private listeners = new Set<Listener<T>>();

  readonly event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }

  dispose(): void {
    this.listeners.clear();
  }
}

/** Anything that can be subscribed to like an Emitter's `event` (VS Code's Event too). */
export type Subscribe<T> = (listener: Listener<T>) => { dispose(): void };

/** The first value of `event` that satisfies `pred`, or a rejection with `what` after `ms`. */
export function firstMatch<T>(event: Subscribe<T>, pred: (value: T) => boolean, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no ${what} within ${ms} ms`));
    }, ms);
    const sub = event((value) => {
      if (!pred(value)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}
