// Multi-step quick input: step counters, a back button, validation as the user types.
import * as vscode from 'vscode';

export const BACK = Symbol('back');
export type Answer<T> = T | typeof BACK | undefined;

export interface InputStep {
  title: string;
  step: number;
  totalSteps: number;
  prompt: string;
  value?: string;
  placeholder?: string;
  /** Returns a message to show, or undefined when the value is fine. */
  validate?: (value: string) => string | undefined;
}

export function input(s: InputStep): Promise<Answer<string>> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    Object.assign(box, {
      title: s.title,
      step: s.step,
      totalSteps: s.totalSteps,
      prompt: s.prompt,
      value: s.value ?? '',
      placeholder: s.placeholder ?? '',
      ignoreFocusOut: true,
    });
    box.buttons = s.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    const check = (v: string): string | undefined => s.validate?.(v);
    const done = (v: Answer<string>): void => {
      resolve(v);
      box.dispose();
    };
    box.onDidChangeValue((v) => {
      box.validationMessage = check(v);
    });
    box.onDidTriggerButton(() => done(BACK));
    box.onDidAccept(() => {
      const msg = check(box.value);
      box.validationMessage = msg;
      if (!msg) done(box.value);
    });
    box.onDidHide(() => resolve(undefined));
    box.show();
  });
}

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface PickStep<T> {
  title: string;
  step: number;
  totalSteps: number;
  placeholder: string;
  items: PickItem<T>[];
  canPickMany?: false;
}

/** One quick pick as a step: Back from step 2 on, hidden = cancelled, `answer` on accept. */
function showPick<T, R>(
  s: Omit<PickStep<T>, 'canPickMany'>,
  many: boolean,
  answer: (qp: vscode.QuickPick<PickItem<T>>) => R | undefined,
): Promise<Answer<R>> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<PickItem<T>>();
    Object.assign(qp, {
      title: s.title,
      step: s.step,
      totalSteps: s.totalSteps,
      placeholder: s.placeholder,
      items: s.items,
      ignoreFocusOut: true,
    });
    // Filtering on descriptions helps a single pick; with checkboxes it hides what is ticked.
    Object.assign(qp, many ? { canSelectMany: true } : { matchOnDescription: true, matchOnDetail: true });
    qp.buttons = s.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    const done = (v: Answer<R>): void => {
      resolve(v);
      qp.dispose();
    };
    qp.onDidTriggerButton(() => done(BACK));
    qp.onDidAccept(() => {
      const v = answer(qp);
      if (v !== undefined) done(v);
    });
    qp.onDidHide(() => resolve(undefined));
    if (many) qp.selectedItems = qp.items.filter((i) => i.picked === true);
    qp.show();
  });
}

export function pick<T>(s: PickStep<T>): Promise<Answer<T>> {
  return showPick(s, false, (qp) => qp.selectedItems[0]?.value);
}

export function pickMany<T>(s: Omit<PickStep<T>, 'canPickMany'>, selected: (item: PickItem<T>) => boolean): Promise<Answer<T[]>> {
  return showPick({ ...s, items: s.items.map((i) => ({ ...i, picked: selected(i) })) }, true, (qp) => qp.selectedItems.map((i) => i.value));
}

/**
 * Runs steps in order; a step returning BACK goes one step back, undefined cancels.
 * Each step reads and writes the shared state.
 */
export async function runSteps<S>(state: S, steps: ((state: S) => Promise<Answer<unknown>>)[]): Promise<S | undefined> {
  let i = 0;
  while (i < steps.length) {
    const step = steps[i];
    if (!step) break;
    const r = await step(state);
    if (r === undefined) return undefined;
    i = r === BACK ? Math.max(0, i - 1) : i + 1;
  }
  return state;
}

/** A quick input's validation message from a validator that throws: its message, or none. */
export function messageOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
