// Says a change is done, with the docker command line it equals: in the output channel always, and
// in a notification with "Copy Command" when a person ran it (a script gets its return value).
import * as vscode from 'vscode';
import { shellLine } from '../core/equivalentCommand';
import type { CommandContext } from './context';

/** Logs `$ <argv>` under `message`; an interactive call also gets the notification. */
export function announce(ctx: CommandContext, message: string, argv: readonly string[], interactive = true): void {
  const line = shellLine(argv);
  ctx.log.info(`${message}\n  $ ${line}`);
  if (!interactive) return;
  const copy = 'Copy Command';
  void vscode.window.showInformationMessage(`${message}  —  ${line}`, copy).then(async (a) => {
    if (a === copy) await vscode.env.clipboard.writeText(line);
  });
}

/** A hand-made link's `ip` lines (several): logged in full; the notification offers to copy them all. */
export function announceLines(ctx: CommandContext, message: string, lines: readonly string[], interactive = true): void {
  ctx.log.info(`${message}\n${lines.map((l) => `  $ ${l}`).join('\n')}`);
  if (!interactive) return;
  const copy = 'Copy ip Commands';
  const show = 'Show Log';
  void vscode.window.showInformationMessage(`${message}  —  ${lines.length} ip command(s)`, copy, show).then(async (a) => {
    if (a === copy) await vscode.env.clipboard.writeText(`${lines.join('\n')}\n`);
    if (a === show) ctx.log.show();
  });
}
