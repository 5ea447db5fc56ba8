// The firewall dumps the tests compare: this host's captured 20.10 dump (iptables-save and nft),
// moby's generated scenarios, and their 28.5.2 iptables / 29.7.2 nftables models.
import { parseFirewallDump } from '../../src/analysis/firewall/index';
import type { FirewallModel } from '../../src/shared/firewall';
import { readFixture } from './fixtures';

export const THISHOST_SAVE = '20.10.24-thishost-iptables-save.txt';
export const THISHOST_NFT = '20.10.24-thishost-nft-list-ruleset.txt';
/** The seven scenarios moby's iptablesdoc / nftablesdoc generated for each Docker version. */
export const MOBY_SCENARIOS = [
  'new-daemon',
  'usernet-portmap',
  'usernet-portmap-noicc',
  'usernet-internal',
  'usernet-portmap-routed',
  'usernet-portmap-natunprot',
  'usernet-portmap-lo',
] as const;
export type MobyScenario = (typeof MOBY_SCENARIOS)[number];

export const moby = (flavour: string, scenario: string): string => readFixture('firewall', 'moby-generated', `${flavour}-${scenario}.txt`);
export const ipt28 = (scenario: string): FirewallModel => parseFirewallDump(moby('28.5.2-moby-iptablesdoc', scenario));
export const nft29 = (scenario: string): FirewallModel => parseFirewallDump(moby('29.7.2-moby-nftablesdoc', scenario));
