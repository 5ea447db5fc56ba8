// Pure: every lab, in the order a learner meets them, plus the ones that wait for other code.
import type { LabDefinition, UnavailableLab } from '../types';
import { dnsLab } from './dns';
import { iccLinkLab } from './iccLink';
import { joinedLab } from './joined';
import { modesLab } from './modes';
import { natLab } from './nat';
import { twoBridgesLab } from './twoBridges';
import { userBridgeLab } from './userBridge';

export const LABS: readonly LabDefinition[] = [modesLab, userBridgeLab, dnsLab, joinedLab, natLab, iccLinkLab, twoBridgesLab];

const NEEDS_LINKS = 'needs link/attach (coming)';

/** Tutorial 003's hand-made veths: they need `link create/rm` and `attach/detach`, built elsewhere. */
export const UNAVAILABLE_LABS: readonly UnavailableLab[] = [
  {
    id: 'p2p',
    title: 'A point-to-point link between two containers',
    summary: 'Two --network none containers joined by a veth pair made by hand (ip link add … type veth peer …), one end in each netns.',
    tutorials: ['003 §创建一个点到点连接'],
    reason: NEEDS_LINKS,
  },
  {
    id: 'manual-veth',
    title: 'Wiring a --network none container to a bridge by hand',
    summary:
      'What Docker does for each container, done with ip: a veth pair, one end on the bridge, the other moved into the container’s netns as eth0, an address and a default route.',
    tutorials: ['003 §当使用--net=none时候，如何配置'],
    reason: NEEDS_LINKS,
  },
];

export const LAB_IDS: readonly string[] = [...LABS.map((l) => l.id), ...UNAVAILABLE_LABS.map((l) => l.id)];
