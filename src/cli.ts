// Command-line front end: the same snapshot and analyses as the extension, as JSON or text.
// Usage: node dist/cli.js topology [--json] [--host <endpoint>]
import { formatTopology } from './cli/formatTopology';
import { createController } from './core/connect';
import { EngineError } from './docker/errors';

interface Args {
  command: string;
  positional: string[];
  json: boolean;
  host: string | undefined;
}

const USAGE = 'usage: cli topology [--json] [--host unix:///var/run/docker.sock|tcp://host:port|ssh://user@host]';

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { command: '', positional: [], json: false, host: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--json') args.json = true;
    else if (a === '--host') args.host = argv[++i];
    else if (a.startsWith('--host=')) args.host = a.slice('--host='.length);
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}. ${USAGE}`);
    else if (!args.command) args.command = a;
    else args.positional.push(a);
  }
  return args;
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.command !== 'topology') {
    process.stderr.write(`${args.command ? `unknown command ${args.command}. ` : ''}${USAGE}\n`);
    return 2;
  }
  const controller = createController({ hostSetting: args.host });
  try {
    await controller.refresh();
    const snapshot = await controller.refreshFirewall();
    process.stdout.write(args.json ? `${JSON.stringify(snapshot, null, 2)}\n` : `${formatTopology(snapshot)}\n`);
    return 0;
  } finally {
    controller.gateway.dispose();
    controller.dispose();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const line = err instanceof EngineError ? err.oneLine : err instanceof Error ? err.message : String(err);
    process.stderr.write(`error: ${line.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = 1;
  },
);
