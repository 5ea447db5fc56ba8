// Tutorial 003 §容器间通讯 (--icc=false, --link) and 002 (--link on docker0). enable_icc=false is the
// per-network form of the daemon's --icc=false, so the lab needs no daemon restart.
import type { LabDefinition } from '../types';
import { container, nameOf, network } from './build';

export const ICC_OFF = { 'com.docker.network.bridge.enable_icc': 'false' } as const;
export const LINK_ALIAS = 'peer';

export const iccLinkLab: LabDefinition = {
  id: 'icc-link',
  title: 'icc=false blocks neighbours; --link names one on docker0',
  summary:
    'On a bridge created with com.docker.network.bridge.enable_icc=false, containers on the same network cannot reach each other (the firewall drops bridge-to-bridge traffic), though each still reaches its gateway. On the default bridge, --link c:peer writes c’s address into /etc/hosts as peer.',
  tutorials: ['003 §容器间通讯 (--icc, --link)', '002 常用 §默认网络模式 (--link)', '004 Docker 网络 §docker0特点'],
  networks: ['net'],
  plan: (ctx) => [
    {
      name: 'a bridge with inter-container traffic off',
      explanation: 'The option com.docker.network.bridge.enable_icc=false makes Docker drop traffic between containers of this bridge.',
      actions: [network(ctx, 'net', 0, { ...ICC_OFF }), container(ctx, 'a', 'net'), container(ctx, 'b', 'net')],
    },
    {
      name: 'a linked pair on the default bridge',
      explanation: '--link c:peer (legacy) gives d a name for c without any DNS.',
      actions: [container(ctx, 'c', 'bridge'), container(ctx, 'd', 'bridge', { links: [`${nameOf(ctx, 'c')}:${LINK_ALIAS}`] })],
    },
    {
      name: 'neighbours on the icc=false bridge do not reach each other',
      explanation: 'b pings a on the same bridge: the firewall drops it.',
      probe: { kind: 'ping', from: 'b', to: { container: 'a', network: 'net' }, expect: 'no-reply' },
      expected: 'no reply',
      notes: ['iptables -S FORWARD'],
    },
    {
      name: 'each still reaches its gateway',
      explanation: 'b pings the bridge’s own address: the network itself works, only container-to-container is off.',
      probe: { kind: 'ping', from: 'b', to: { gatewayOf: 'net' }, expect: 'reply' },
      expected: 'reply',
    },
    {
      name: '--link writes the alias into /etc/hosts',
      explanation: 'd’s /etc/hosts has a line for peer with c’s address.',
      probe: { kind: 'hosts-entry', in: 'd', name: LINK_ALIAS, expect: 'present' },
      expected: 'present',
    },
    {
      name: 'the alias works for traffic',
      explanation: 'd pings peer, and c answers (the default bridge lets containers talk).',
      probe: { kind: 'ping', from: 'd', to: { name: LINK_ALIAS }, expect: 'reply' },
      expected: 'reply',
    },
  ],
};
