// Pure: the command lines each step equals, for a learner to read or type. Setup steps reuse the
// commands' own EquivalentCommand; check steps show the docker exec that the probe runs, with a
// $(docker inspect …) where the address is only known once the lab is up. Display only.
import { EquivalentCommand, shellLine } from '../core/equivalentCommand';
import type { LabStep } from '../shared/schema/labs';
import { nameOf, networkName } from './catalogue/build';
import type { LabAction, LabContext, LabStepPlan, Probe, Target } from './types';

export function actionCommand(a: LabAction): string {
  switch (a.kind) {
    case 'network':
      return shellLine(EquivalentCommand.createNetwork(a.request));
    case 'run':
      return shellLine(EquivalentCommand.run(a.request));
    case 'join':
      return shellLine(EquivalentCommand.join(a.request));
    case 'connect':
      return shellLine(EquivalentCommand.connect(a.request));
  }
}

/** A target as a shell word: a literal, or the inspect that prints the address. */
function targetWord(ctx: LabContext, t: Target): string {
  if ('loopback' in t) return '127.0.0.1';
  if ('name' in t) return t.name;
  if ('gatewayOf' in t) return `$(docker network inspect -f '{{(index .IPAM.Config 0).Gateway}}' ${networkName(ctx, t.gatewayOf)})`;
  return `$(docker inspect -f '{{(index .NetworkSettings.Networks "${networkName(ctx, t.network)}").IPAddress}}' ${nameOf(ctx, t.container)})`;
}

const exec = (ctx: LabContext, key: string, argv: string[]): string => shellLine(['docker', 'exec', nameOf(ctx, key), ...argv]);

export function probeCommands(ctx: LabContext, p: Probe): string[] {
  switch (p.kind) {
    case 'ping':
      return [`${exec(ctx, p.from, ['ping', '-c', '1', '-W', '2'])} ${targetWord(ctx, p.to)}`];
    case 'http': {
      const port =
        typeof p.port === 'number'
          ? String(p.port)
          : `$(docker port ${nameOf(ctx, p.port.publishedBy)} ${p.port.containerPort} | head -n1 | cut -d: -f2)`;
      return [`docker exec ${nameOf(ctx, p.from)} sh -c "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 ${targetWord(ctx, p.to)} ${port}"`];
    }
    case 'nslookup':
      return [exec(ctx, p.from, ['nslookup', nameOf(ctx, p.container), '127.0.0.11'])];
    case 'interfaces':
      return [exec(ctx, p.in, ['ip', '-o', 'link'])];
    case 'hosts-entry':
      return [exec(ctx, p.in, ['cat', '/etc/hosts'])];
    case 'same-netns':
      return [exec(ctx, p.a, ['ip', '-o', 'addr']), exec(ctx, p.b, ['ip', '-o', 'addr'])];
    case 'address':
      return [exec(ctx, p.in, ['ip', '-o', '-4', 'addr', 'show', 'eth0'])];
    case 'default-route':
      return [exec(ctx, p.in, ['ip', 'route'])];
    case 'masquerade':
      return [];
    case 'published':
      return [shellLine(['docker', 'port', nameOf(ctx, p.container), String(p.containerPort)])];
    case 'refused-network':
      return [shellLine(EquivalentCommand.createNetwork(p.request))];
  }
}

export function stepOf(ctx: LabContext, s: LabStepPlan): LabStep {
  const commands = [...(s.actions ?? []).map(actionCommand), ...(s.probe ? probeCommands(ctx, s.probe) : []), ...(s.notes ?? [])];
  return {
    name: s.name,
    explanation: s.explanation,
    kind: s.probe ? 'check' : 'setup',
    commands,
    expected: s.probe ? (s.expected ?? '') : null,
  };
}
