// `cli lab list|up|check|down`: the tutorials' labs on the engine. Every option and id is checked
// before the engine is touched; check exits 1 when a claim did not hold.
import { createController } from '../core/createController';
import { LAB_IDS, LabRunner, listLabs, resolveLabOptions, findLab, type LabOptions } from '../labs';
import { versioned } from '../shared/schema/documents';
import type { CliArgs } from './args';
import { formatLabCheck, formatLabDown, formatLabList, formatLabUp } from './formatLab';

const ACTIONS = ['list', 'up', 'check', 'down'] as const;
type LabAction = (typeof ACTIONS)[number];

function print(args: CliArgs, data: object, text: () => string): void {
  process.stdout.write(args.json ? `${JSON.stringify(versioned(data), null, 2)}\n` : `${text()}\n`);
}

export async function runLab(args: CliArgs): Promise<number> {
  const [actionText = '', id, ...rest] = args.positional;
  const action = ACTIONS.find((a) => a === actionText);
  if (!action) throw new Error(`lab needs one of ${ACTIONS.join(', ')}: lab list, or lab up|check|down <id> (${LAB_IDS.join(', ')}).`);
  if (action === 'list') {
    if (id !== undefined) throw new Error('lab list takes no lab id.');
    const labs = listLabs();
    print(args, { labs }, () => formatLabList(labs));
    return 0;
  }
  if (!id) throw new Error(`lab ${action} needs a lab id: one of ${LAB_IDS.join(', ')}.`);
  if (rest.length) throw new Error(`lab ${action} takes one lab id, got ${[id, ...rest].join(' ')}.`);
  const options: LabOptions = {
    ...(args.prefix !== undefined ? { prefix: args.prefix } : {}),
    labels: args.labels,
    ...(args.subnet !== undefined ? { subnet: args.subnet } : {}),
    ...(args.image !== undefined ? { image: args.image } : {}),
  };
  // Before any connection: a bad id or option changes nothing.
  findLab(id);
  resolveLabOptions(id, options);
  if (args.subnet !== undefined && action !== 'up') throw new Error('--subnet applies to lab up only.');
  return withRunner(args, (runner) => act(args, runner, action, id, options));
}

async function act(args: CliArgs, runner: LabRunner, action: Exclude<LabAction, 'list'>, id: string, options: LabOptions): Promise<number> {
  switch (action) {
    case 'up': {
      const r = await runner.up(id, options);
      print(args, r, () => formatLabUp(r));
      return 0;
    }
    case 'check': {
      const r = await runner.check(id, options);
      print(args, r, () => formatLabCheck(r));
      return r.passed ? 0 : 1;
    }
    case 'down': {
      const r = await runner.down(id, options);
      print(args, r, () => formatLabDown(r));
      return 0;
    }
  }
}

async function withRunner(args: CliArgs, fn: (r: LabRunner) => Promise<number>): Promise<number> {
  const controller = createController({
    hostSetting: args.host,
    hostHelper: () => args.hostHelper,
    hostHelperImage: () => args.helperImage,
  });
  try {
    return await fn(new LabRunner(controller));
  } finally {
    controller.gateway.dispose();
    controller.dispose();
  }
}
