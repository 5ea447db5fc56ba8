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
    case 'link':
    case 'attach':
      return handMadeLines(a)[0] ?? '';
  }
}

const pidOf = (name: string): string => `$(docker inspect -f '{{.State.Pid}}' ${name})`;
const inNetns = (name: string, args: string): string => `nsenter -t ${pidOf(name)} -n ip ${args}`;

/**
 * What link create / attach do, in `ip` (tutorial 003's recipe), before they have run: the pids
 * and the picked addresses are only known then, and `up` shows the lines it actually ran.
 */
export function handMadeLines(a: Extract<LabAction, { kind: 'link' | 'attach' }>): string[] {
  if (a.kind === 'link') {
    const { a: x, b: y } = a.request;
    const ax = a.request.addressA ?? '<A>/32';
    const by = a.request.addressB ?? '<B>/32';
    return [
      'ip link add dne-a type veth peer name dne-b',
      `ip link set dev dne-a netns ${pidOf(x)}`,
      `ip link set dev dne-b netns ${pidOf(y)}`,
      inNetns(x, `addr add ${ax} dev dne-a`),
      inNetns(x, 'link set dev dne-a up'),
      inNetns(x, `route add ${by.split('/')[0] ?? by}/32 dev dne-a`),
      inNetns(y, `addr add ${by} dev dne-b`),
      inNetns(y, 'link set dev dne-b up'),
      inNetns(y, `route add ${ax.split('/')[0] ?? ax}/32 dev dne-b`),
    ];
  }
  const { container: c, bridge, address, gateway } = a.request;
  const br = `$(docker network inspect -f 'br-{{printf "%.12s" .Id}}' ${bridge})`;
  return [
    'ip link add dne-h type veth peer name dne-c',
    `ip link set dev dne-h master ${br}`,
    'ip link set dev dne-h up',
    `ip link set dev dne-c netns ${pidOf(c)}`,
    inNetns(c, `addr add ${address} dev dne-c`),
    inNetns(c, 'link set dev dne-c up'),
    inNetns(c, `route add default via ${gateway ?? '<gateway>'}`),
  ];
}

/** A target as a shell word: a literal, or the inspect that prints the address. */
function targetWord(ctx: LabContext, t: Target): string {
  if ('loopback' in t) return '127.0.0.1';
  if ('name' in t) return t.name;
  if ('handMade' in t)
    return 'peer' in t
      ? `<${nameOf(ctx, t.handMade)}'s end of the link to ${nameOf(ctx, t.peer)}>`
      : `<${nameOf(ctx, t.handMade)}'s address on ${networkName(ctx, t.network)}>`;
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

/** The `ip` lines link/attach actions ran (from `up`), by actionKey, shown instead of the recipe. */
export type RanLines = ReadonlyMap<string, readonly string[]>;

/** The same for the same action of a plan made twice: what `ran` is keyed by. */
export const actionKey = (a: LabAction): string => JSON.stringify(a);

const actionLines = (a: LabAction, ran?: RanLines): string[] => {
  const lines = ran?.get(actionKey(a));
  if (lines) return [...lines];
  return a.kind === 'link' || a.kind === 'attach' ? handMadeLines(a) : [actionCommand(a)];
};

export function stepOf(ctx: LabContext, s: LabStepPlan, ran?: RanLines): LabStep {
  const commands = [
    ...(s.actions ?? []).flatMap((a) => actionLines(a, ran)),
    ...(s.probe ? probeCommands(ctx, s.probe) : []),
    ...(s.notes ?? []),
  ];
  return {
    name: s.name,
    explanation: s.explanation,
    kind: s.probe ? 'check' : 'setup',
    commands,
    expected: s.probe ? (s.expected ?? '') : null,
  };
}
