// Tutorial 000 §3 / 001 §4 / 004 §连接一个容器到网络: docker network connect gives a container a
// second interface; containers on different bridges stay apart.
import type { LabDefinition } from '../types';
import { container, nameOf, network } from './build';

export const twoBridgesLab: LabDefinition = {
  id: 'two-bridges',
  title: 'A container on two networks (docker network connect)',
  summary:
    'Containers on two different bridge networks cannot reach each other. docker network connect adds a second interface to a container, on the other network: that container then reaches both sides, while the other two still do not reach each other.',
  tutorials: ['000 理解容器之间的网络联通性', '001 Docker网络详解 §4 User-defined', '004 Docker 网络 §连接一个容器到网络'],
  networks: ['net1', 'net2'],
  plan: (ctx) => [
    {
      name: 'two bridge networks',
      explanation: 'Two networks, two subnets, two Linux bridges.',
      actions: [network(ctx, 'net1', 0), network(ctx, 'net2', 1)],
    },
    {
      name: 'one container on each, and a third on net1',
      explanation: 'a on net1, b on net2, and c on net1 that we will connect to net2.',
      actions: [container(ctx, 'a', 'net1'), container(ctx, 'b', 'net2'), container(ctx, 'c', 'net1')],
    },
    {
      name: 'connect c to net2',
      explanation: 'docker network connect adds an eth1 on net2 to the running c.',
      actions: [{ kind: 'connect', request: { network: nameOf(ctx, 'net2'), container: nameOf(ctx, 'c') } }],
    },
    {
      name: 'c has two interfaces',
      explanation: 'ip addr in c shows eth0 (net1) and eth1 (net2).',
      probe: { kind: 'interfaces', in: 'c', expect: { includes: ['eth0', 'eth1'] } },
      expected: 'interfaces include eth0, eth1',
    },
    {
      name: 'c reaches a on net1',
      explanation: 'Same bridge: direct.',
      probe: { kind: 'ping', from: 'c', to: { container: 'a', network: 'net1' }, expect: 'reply' },
      expected: 'reply',
    },
    {
      name: 'c reaches b on net2',
      explanation: 'Through its new eth1 on net2.',
      probe: { kind: 'ping', from: 'c', to: { container: 'b', network: 'net2' }, expect: 'reply' },
      expected: 'reply',
    },
    {
      name: 'a does not reach b',
      explanation: 'a has no interface on net2, and Docker isolates the two bridges from each other.',
      probe: { kind: 'ping', from: 'a', to: { container: 'b', network: 'net2' }, expect: 'no-reply' },
      expected: 'no reply',
    },
  ],
};
