// Pure: every lab, in the order a learner meets them.
import type { LabDefinition, UnavailableLab } from '../types';
import { dnsLab } from './dns';
import { iccLinkLab } from './iccLink';
import { joinedLab } from './joined';
import { manualVethLab } from './manualVeth';
import { modesLab } from './modes';
import { natLab } from './nat';
import { p2pLab } from './p2p';
import { twoBridgesLab } from './twoBridges';
import { userBridgeLab } from './userBridge';

export const LABS: readonly LabDefinition[] = [
  modesLab,
  userBridgeLab,
  dnsLab,
  joinedLab,
  natLab,
  iccLinkLab,
  twoBridgesLab,
  p2pLab,
  manualVethLab,
];

/** Labs that wait for other code: none today (tutorial 003's veths use link/attach). */
export const UNAVAILABLE_LABS: readonly UnavailableLab[] = [];

export const LAB_IDS: readonly string[] = [...LABS.map((l) => l.id), ...UNAVAILABLE_LABS.map((l) => l.id)];
