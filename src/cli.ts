// Command-line front end: the same snapshot and analyses as the extension, as JSON or text.
import { readFileSync } from 'node:fs';
import { diffFirewall, parseDumpFile } from './analysis/firewall';
import { audit } from './analysis/audit';
import { containerPath } from './analysis/paths';
import { explain } from './analysis/reachability';
import { USAGE, parseCliArgs, type CliArgs } from './cli/args';
import { formatAudit } from './cli/formatAudit';
import { formatFirewall } from './cli/formatFirewall';
import { formatFirewallDiff } from './cli/formatFirewallDiff';
import { formatTopology } from './cli/formatTopology';
import { formatManualLink, manualLinkCommand } from './cli/manualLinkCommands';
import { runLab } from './cli/lab';
import { createController } from './core/createController';
import type { Controller } from './core/controller';
import { EngineError } from './docker/errors';
import { explanationText, pathText } from './report/diagrams';
import type { FirewallModel } from './shared/firewall';
import { byRef } from './shared/lookup';
import type { Snapshot } from './shared/model';
import { versioned } from './shared/schema/documents';

async function withSnapshot<T>(args: CliArgs, fn: (s: Snapshot, c: Controller) => T | Promise<T>): Promise<T> {
  const controller = createController({
    hostSetting: args.host,
    hostHelper: () => args.hostHelper,
    hostHelperImage: () => args.helperImage,
  });
  try {
    await controller.refresh();
    return await fn(await controller.refreshFirewall(), controller);
  } finally {
    controller.gateway.dispose();
    controller.dispose();
  }
}

/** --json prints the document with `schemaVersion` at its top (schema/*.schema.json describe them). */
function print(args: CliArgs, data: object, text: () => string): void {
  process.stdout.write(args.json ? `${JSON.stringify(versioned(data), null, 2)}\n` : `${text()}\n`);
}

const READ_ERRORS: Readonly<Record<string, string>> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'is a directory' };

/** A dump file as a model; a missing, unreadable or non-firewall file is one clear error. */
function readDump(path: string): FirewallModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : '';
    throw new Error(`cannot read ${path}: ${READ_ERRORS[code] ?? (err instanceof Error ? err.message : String(err))}`);
  }
  return parseDumpFile(text, path);
}

function need(args: CliArgs, n: number): void {
  if (args.positional.length < n) throw new Error(`${args.command} needs ${n} container name(s). ${USAGE}`);
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseCliArgs(argv);
  switch (args.command) {
    case 'topology':
      await withSnapshot(args, (s) => print(args, s, () => formatTopology(s)));
      return 0;
    case 'path':
      need(args, 1);
      await withSnapshot(args, async (s, controller) => {
        const name = args.positional[0] ?? '';
        const c = byRef(s.containers, name);
        if (!c) throw new Error(`No container "${name}".`);
        const { dns, unavailable } =
          c.networkModeKind !== 'host' && c.networkModeKind !== 'none'
            ? await controller.embeddedDns(c.id)
            : { dns: null, unavailable: undefined };
        const p = { ...containerPath(c, s), dns, ...(unavailable ? { dnsUnavailable: unavailable } : {}) };
        const dnsText = dns
          ? `\nembedded DNS 127.0.0.11:53 → udp :${dns.udpPort ?? '?'} tcp :${dns.tcpPort ?? '?'} (dockerd's resolver in the netns)`
          : '';
        print(args, p, () => `${p.container} (${p.networkMode})\n${pathText(p)}${dnsText}`);
      });
      return 0;
    case 'explain':
      need(args, 2);
      await withSnapshot(args, async (s, controller) => {
        const to = byRef(s.containers, args.positional[1] ?? '');
        const listening = args.port !== null && to ? await controller.listeners(to.id) : null;
        const x = explain(s, args.positional[0] ?? '', args.positional[1] ?? '', args.port, { listening });
        print(args, x, () => explanationText(x));
      });
      return 0;
    case 'firewall': {
      if (args.positional[0] === 'diff') {
        const [before, after] = args.positional.slice(1);
        if (!before || !after || args.positional.length > 3)
          throw new Error('firewall diff needs two dump files: firewall diff <before> <after> [--json]');
        const d = diffFirewall(readDump(before), readDump(after));
        print(args, d, () => formatFirewallDiff(d, { before, after }));
        return 0;
      }
      if (args.positional.length)
        throw new Error(
          `unknown firewall subcommand ${args.positional[0] ?? ''}: firewall [--from-file <dump>] or firewall diff <before> <after>`,
        );
      if (args.fromFile) {
        const m = readDump(args.fromFile);
        print(args, m, () => formatFirewall(m));
        return 0;
      }
      await withSnapshot(args, (s) => {
        if (!s.host.firewall) throw new Error(`Firewall not read: ${s.host.unavailable.join(' ')}`);
        const m = s.host.firewall;
        print(args, m, () => formatFirewall(m));
      });
      return 0;
    }
    case 'audit': {
      if (args.fromFile) {
        const r = audit({ firewall: readDump(args.fromFile) });
        print(args, r, () => formatAudit(r, args.fromFile ?? ''));
        return 0;
      }
      await withSnapshot(args, (s) => {
        const r = audit({ firewall: s.host.firewall, snapshot: s });
        print(args, r, () => formatAudit(r, `the engine at ${s.engine.endpoint}`));
      });
      return 0;
    }
    case 'link':
    case 'attach':
    case 'detach': {
      const controller = createController({
        hostSetting: args.host,
        hostHelper: () => args.hostHelper,
        hostHelperImage: () => args.helperImage,
      });
      try {
        const r = await manualLinkCommand(args, controller);
        if (r) print(args, r, () => formatManualLink(r));
      } finally {
        controller.gateway.dispose();
        controller.dispose();
      }
      return 0;
    }
    case 'lab':
      return runLab(args);
    default:
      process.stderr.write(`${args.command ? `unknown command ${args.command}\n` : ''}${USAGE}\n`);
      return 2;
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
