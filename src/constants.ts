// Ids shared by package.json contributions and the code. Keep both in step.

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
  explainReachability: 'dockerNetworks.explainReachability',
  auditHost: 'dockerNetworks.auditHost',
  compareFirewallDumps: 'dockerNetworks.compareFirewallDumps',
} as const;

/** Context keys for `when` clauses. */
export const ContextKeys = {
  connection: 'dockerNetworks.connection',
} as const;
