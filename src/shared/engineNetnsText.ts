// Pure: how to tell a person where the engine's network namespace is (tree, graph, CLI text).
import type { EngineNetns, RootlessFacts } from './model';

const KIND: Record<EngineNetns['kind'], string> = {
  host: "the host's own",
  rootless: "rootlesskit's (rootless Docker)",
  other: "its own (not the host's)",
  unknown: 'unknown',
};

const SHORT: Record<EngineNetns['kind'], string> = { host: "host's own", rootless: 'rootless', other: 'own netns', unknown: 'unknown' };

/** One short line for a narrow tree: `rootless · dockerd 10356`. */
export function engineNetnsSummary(ns: EngineNetns): string {
  return ns.pid !== null ? `${SHORT[ns.kind]} · dockerd ${ns.pid}` : SHORT[ns.kind];
}

/** With the namespace's inode: `rootless · dockerd 10356 · net:[4026532253]`. */
export function engineNetnsDetail(ns: EngineNetns): string {
  return ns.inode !== null ? `${engineNetnsSummary(ns)} · net:[${ns.inode}]` : engineNetnsSummary(ns);
}

/** The command a learner types to look into that netns: what the facts below were read from. */
export function engineNetnsCommand(ns: EngineNetns): string | null {
  if (ns.same) return 'ip link show';
  if (ns.pid === null) return null;
  // The engine's own user enters its user namespace too; root enters the netns alone (with -U it
  // would be an unmapped user there and lose its capabilities).
  return ns.kind === 'rootless'
    ? `nsenter -U --preserve-credentials -n -t ${ns.pid} ip link show (as the engine's user; as root: nsenter -t ${ns.pid} -n ip link show)`
    : `sudo nsenter -t ${ns.pid} -n ip link show`;
}

/** A paragraph: where the engine's bridges, veths and rules live, and why that matters. */
export function engineNetnsExplanation(ns: EngineNetns, rootless: RootlessFacts | null): string {
  const cmd = engineNetnsCommand(ns);
  const lines = [`The engine's network namespace is ${KIND[ns.kind]} (${engineNetnsDetail(ns)}): ${ns.how}.`];
  if (ns.kind === 'unknown')
    lines.push("Host facts (veths, bridges, firewall, ip_forward) are not shown: this machine's would be another engine's.");
  else if (!ns.same)
    lines.push("Its bridges, veths, iptables rules and ip_forward are not the host's: everything under Host is read there.");
  if (rootless) {
    lines.push(
      `rootlesskit (pid ${rootless.rootlesskitPid}) runs it with --net=${rootless.netDriver ?? '?'} and the ${rootless.portDriver ?? '?'} port driver: published ports are taken on the host by rootlesskit and handed into the netns; outgoing traffic leaves through ${rootless.tap ?? 'tap0'} and slirp4netns${rootless.slirp4netnsPid ? ` (pid ${rootless.slirp4netnsPid})` : ''}. No root or sudo is needed to read it.`,
    );
  }
  if (cmd) lines.push(`Look yourself: ${cmd}`);
  return lines.join('\n\n');
}

/** Where ip_forward was read, as evidence a person can check: ours, or the engine's netns by its pid. */
export function ipForwardEvidence(ns: EngineNetns, on: boolean): string {
  if (ns.same || ns.pid === null) return `/proc/sys/net/ipv4/ip_forward = ${on ? 1 : 0}`;
  return `/proc/${ns.pid}/net/snmp of the engine's netns: Ip: Forwarding ${on ? 1 : 2} (${on ? 'on' : 'off'})`;
}
