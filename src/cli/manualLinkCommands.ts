// The CLI's hand-made link commands: `link create|rm`, `attach`, `detach`. Each validates on a fresh
// read, runs the planned `ip` commands and prints what it made with those command lines.
import { attach, createLink, detach, removeLink, type ManualLinkResult } from '../core/manualLinks';
import type { Controller } from '../core/controller';
import { USAGE, type CliArgs } from './args';

/** People read the result, then the commands to copy. */
export function formatManualLink(r: ManualLinkResult): string {
  const ends = r.interfaces.map((i) => `  ${i.container}: ${i.ifname}${i.address ? ` ${i.address}` : ''}`).join('\n');
  const where = r.bridge
    ? ` (bridge ${r.bridge}${r.network ? `, network ${r.network}` : ''}${r.gateway ? `, gateway ${r.gateway}` : ''})`
    : '';
  const head = `${r.action}${where}: ${r.action.endsWith('rm') || r.action === 'detach' ? 'removed' : 'made'}\n${ends}`;
  return `${head}${r.note ? `\nnote: ${r.note}` : ''}\ncommands:\n${r.commands.map((c) => `  $ ${c}`).join('\n')}`;
}

const two = (args: CliArgs, from: number, what: string): [string, string] => {
  const [a, b] = args.positional.slice(from);
  if (!a || !b || args.positional.length > from + 2) throw new Error(`${what} needs two containers. ${USAGE}`);
  return [a, b];
};

/** Runs one of the commands; undefined when `command` is none of them. */
export async function manualLinkCommand(args: CliArgs, controller: Controller): Promise<ManualLinkResult | undefined> {
  const sub = args.positional[0];
  if (args.command === 'link') {
    if (sub === 'create') {
      const [a, b] = two(args, 1, 'link create');
      return createLink(controller, { a, b, addressA: args.addressA, addressB: args.addressB });
    }
    if (sub === 'rm') {
      const [a, b] = two(args, 1, 'link rm');
      return removeLink(controller, { a, b });
    }
    throw new Error(`unknown link subcommand ${sub ?? ''}: link create <a> <b> or link rm <a> <b>`);
  }
  if (args.command === 'attach') {
    if (!sub || args.positional.length > 1 || !args.bridge || !args.address)
      throw new Error(`attach needs <container> --bridge <bridge|network> --address CIDR. ${USAGE}`);
    return attach(controller, { container: sub, bridge: args.bridge, address: args.address, gateway: args.gateway });
  }
  if (args.command === 'detach') {
    if (!sub || args.positional.length > 1) throw new Error(`detach needs <container>. ${USAGE}`);
    return detach(controller, { container: sub, bridge: args.bridge });
  }
  return undefined;
}
