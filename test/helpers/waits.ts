// Waiting for what the controller publishes, in engine tests.
import type { Controller, SnapshotChange } from '../../src/core/controller';

export function waitForChange(c: Controller, pred: (ch: SnapshotChange) => boolean, ms = 10_000): Promise<SnapshotChange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no matching snapshot change within ${ms} ms`));
    }, ms);
    const sub = c.onDidChange((ch) => {
      if (!pred(ch)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(ch);
    });
  });
}
