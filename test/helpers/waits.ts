// Waiting for what the controller publishes, in engine tests.
import type { Controller, SnapshotChange } from '../../src/core/controller';
import { firstMatch } from '../../src/shared/emitter';

export function waitForChange(c: Controller, pred: (ch: SnapshotChange) => boolean, ms = 10_000): Promise<SnapshotChange> {
  return firstMatch(c.onDidChange, pred, ms, 'matching snapshot change');
}
