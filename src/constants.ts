// Ids shared by package.json contributions and the code: declared here once.
// test/unit/contributions.test.ts fails when package.json and these differ.

export const EXTENSION_ID = 'docker-network-explorer.docker-network-explorer';
export const VIEW_CONTAINER_ID = 'dockerNetworks';
export const TOPOLOGY_VIEW_ID = 'dockerNetworks.topology';
export const CONFIG_SECTION = 'dockerNetworks';
export const INSPECT_SCHEME = 'docker-network-inspect';
export const ANALYSIS_SCHEME = 'docker-network-analysis';
export const LOG_NAME = 'Docker Networks';

export const Commands = {
  refresh: 'dockerNetworks.refresh',
  retry: 'dockerNetworks.retry',
  inspect: 'dockerNetworks.inspect',
  openSettings: 'dockerNetworks.openSettings',
  showLog: 'dockerNetworks.showLog',
  toggleBuiltin: 'dockerNetworks.toggleBuiltinNetworks',
  createNetwork: 'dockerNetworks.createNetwork',
  removeNetwork: 'dockerNetworks.removeNetwork',
  pruneNetworks: 'dockerNetworks.pruneNetworks',
  connectContainer: 'dockerNetworks.connectContainer',
  disconnectContainer: 'dockerNetworks.disconnectContainer',
  joinContainer: 'dockerNetworks.joinContainer',
  runContainer: 'dockerNetworks.runContainer',
  removeContainer: 'dockerNetworks.removeContainer',
  startContainer: 'dockerNetworks.startContainer',
  stopContainer: 'dockerNetworks.stopContainer',
  linkContainers: 'dockerNetworks.linkContainers',
  removeLink: 'dockerNetworks.removeLink',
  attachToBridge: 'dockerNetworks.attachToBridge',
  detachFromBridge: 'dockerNetworks.detachFromBridge',
  explainReachability: 'dockerNetworks.explainReachability',
  showPath: 'dockerNetworks.showPath',
  labUp: 'dockerNetworks.labUp',
  labCheck: 'dockerNetworks.labCheck',
  labDown: 'dockerNetworks.labDown',
  auditHost: 'dockerNetworks.auditHost',
  compareFirewallDumps: 'dockerNetworks.compareFirewallDumps',
  showGraph: 'dockerNetworks.showGraph',
  revealInGraph: 'dockerNetworks.revealInGraph',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Registered but not contributed (not in the palette): for tests and scripts. */
export const InternalCommands = {
  /** { ready, revision, rendered, ignored } of the open graph panel, or undefined. */
  graphState: 'dockerNetworks.graph.state',
  /** Handle a message as if the graph's webview had posted it (same guard, same dispatch). */
  graphReceive: 'dockerNetworks.graph.receive',
} as const;

/** Context keys for `when` clauses. */
export const ContextKeys = {
  connection: 'dockerNetworks.connection',
} as const;
