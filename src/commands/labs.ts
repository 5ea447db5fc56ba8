// The tutorials' labs in the editor: Start Lab (up, then its page with every step's commands),
// Check Lab (real traffic, expected vs observed), Remove Lab (confirmed; only what it made).
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { asObject, str, strMap } from '../core/fieldGuards';
import { LAB_IDS, LabRunner, findLab, listLabs, resolveLabOptions, type LabOptions } from '../labs';
import { labMarkdown } from '../report/labMarkdown';
import type { LabCheckResult, LabSummary, LabUpResult } from '../shared/schema/labs';
import type { CommandContext } from './context';
import type { FlowPreset } from './invocation';
import { confirm, withNotification } from './guard';
import { pick } from './ui/multiStep';

export type LabAction = 'up' | 'check' | 'down';

export interface LabArg {
  id: string;
  options: LabOptions;
}

/** A walkthrough link's argument (the lab id) or a script's `{lab, prefix?, labels?, subnet?, image?}`, checked before any change. */
export function parseLabArg(arg: unknown): LabArg {
  if (typeof arg === 'string') return { id: labId(arg), options: {} };
  const o = asObject(arg, 'lab');
  const labels = strMap(o, 'labels');
  const options: LabOptions = {
    ...(str(o, 'prefix') !== undefined ? { prefix: str(o, 'prefix') } : {}),
    ...(labels ? { labels } : {}),
    ...(str(o, 'subnet') !== undefined ? { subnet: str(o, 'subnet') } : {}),
    ...(str(o, 'image') !== undefined ? { image: str(o, 'image') } : {}),
  };
  const id = labId(str(o, 'lab', true));
  resolveLabOptions(id, options);
  return { id, options };
}

function labId(id: string | undefined): string {
  if (!id || !LAB_IDS.includes(id)) throw new Error(`A lab id is one of ${LAB_IDS.join(', ')}.`);
  return id;
}

async function pickLab(action: LabAction): Promise<string | undefined> {
  const items = listLabs().map((l) => ({
    label: l.id,
    description: l.title,
    detail: l.available ? l.summary : `not yet: ${l.reason ?? ''}`,
    value: l,
  }));
  const title = action === 'up' ? 'Start Lab' : action === 'check' ? 'Check Lab' : 'Remove Lab';
  const chosen = await pick({ title, step: 1, totalSteps: 1, placeholder: 'Which lab?', items });
  return chosen && typeof chosen !== 'symbol' ? chosen.id : undefined;
}

const pages = new Map<string, { up: LabUpResult | null; check: LabCheckResult | null }>();

async function showPage(ctx: CommandContext, lab: LabSummary): Promise<void> {
  const page = pages.get(lab.id) ?? { up: null, check: null };
  await ctx.documents.show(`/lab ${lab.id}.md`, labMarkdown(lab, page.up, page.check));
}

export async function runLab(ctx: CommandContext, action: LabAction, { id, options }: LabArg, interactive: boolean): Promise<unknown> {
  findLab(id);
  const lab = listLabs().find((l) => l.id === id);
  if (!lab?.available) throw new Error(`Lab ${id} cannot run yet: ${lab?.reason ?? 'unknown lab'}.`);
  const runner = new LabRunner(ctx.controller());
  if (action === 'down') {
    if (
      interactive &&
      !(await confirm(
        `Remove lab ${id}?`,
        `Removes the containers and networks labelled dockerNetworks.lab=${id}, nothing else.`,
        'Remove',
      ))
    )
      return undefined;
    const r = await withNotification(`Removing lab ${id}…`, () => runner.down(id, options));
    pages.delete(id);
    void vscode.window.showInformationMessage(
      `Lab ${id} removed: ${r.removed.containers.length} container(s), ${r.removed.networks.length} network(s).`,
    );
    return r;
  }
  if (action === 'up') {
    const r = await withNotification(`Starting lab ${id}…`, () => runner.up(id, options));
    pages.set(id, { up: r, check: null });
    for (const s of r.steps.filter((x) => x.kind === 'setup')) for (const c of s.commands) ctx.log.info(`$ ${c}`);
    await showPage(ctx, lab);
    if (interactive) {
      // The graph focuses on the lab: its first network, else its first container.
      const focus = r.networks[0] ? { network: r.networks[0].name } : r.containers[0] ? { container: r.containers[0].name } : undefined;
      void vscode.window
        .showInformationMessage(`Lab ${id} is up: its page lists every step and command.`, 'Check Lab', 'Show in Graph')
        .then((a) =>
          a === 'Check Lab'
            ? vscode.commands.executeCommand(Commands.labCheck, id)
            : a === 'Show in Graph' && focus
              ? vscode.commands.executeCommand(Commands.revealInGraph, focus)
              : undefined,
        );
    }
    return r;
  }
  const r = await withNotification(`Checking lab ${id} with real traffic…`, () => runner.check(id, options));
  pages.set(id, { up: pages.get(id)?.up ?? null, check: r });
  await showPage(ctx, lab);
  const failed = r.steps.filter((s) => !s.passed).length;
  if (interactive)
    void (r.passed
      ? vscode.window.showInformationMessage(`Lab ${id}: every check passed (${r.steps.length}).`)
      : vscode.window.showWarningMessage(`Lab ${id}: ${failed} of ${r.steps.length} check(s) failed: see the lab page.`));
  return r;
}

export async function labFlow(ctx: CommandContext, action: LabAction, preset: FlowPreset): Promise<unknown> {
  const id = preset.lab ?? (await pickLab(action));
  return id ? runLab(ctx, action, { id, options: {} }, true) : undefined;
}
