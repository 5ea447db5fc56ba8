// Pure: the command a learner types to see a hop for themselves, run where the fact was read:
// the engine's own netns for bridges, veths and rules; the container's netns (with the host's
// tools, as its image may have none) for its interfaces.
import type { ContainerInfo, Snapshot } from '../shared/model';

const sudo = (cmd: string): string => `sudo ${cmd}`;

/** A command run where the host facts were read: the engine's own netns. */
export function inEngine(snap: Snapshot, cmd: string, root = false): string {
  const ns = snap.host.engineNetns;
  if (ns.same || ns.pid === null) return root ? sudo(cmd) : cmd;
  return ns.kind === 'rootless' ? `nsenter -U --preserve-credentials -n -t ${ns.pid} ${cmd}` : `sudo nsenter -t ${ns.pid} -n ${cmd}`;
}

/** A command run inside a container's netns with the host's tools (its image may have none). */
export function inContainer(c: ContainerInfo, cmd: string): string {
  return c.pid ? `sudo nsenter -t ${c.pid} -n ${cmd}` : `docker exec ${c.name} ${cmd}`;
}

/** The command that lists the rule behind a stop, in the firewall the engine uses. */
export function ruleCommand(snap: Snapshot, rule: string): string | null {
  const fw = snap.host.firewall;
  if (!fw || !rule) return null;
  if (fw.backend === 'nftables') return inEngine(snap, 'nft list ruleset', true);
  const chain = /^-A (\S+)/.exec(rule)?.[1];
  const table = /\bDNAT\b|MASQUERADE/.test(rule) ? 'nat' : /\bPREROUTING\b.*DROP/.test(rule) ? 'raw' : 'filter';
  return inEngine(snap, `iptables${table === 'filter' ? '' : ` -t ${table}`} -S${chain ? ` ${chain}` : ''}`, true);
}
