// Tutorial 000 §容器间通信 2 / 001 §5 / 004: Docker's embedded DNS answers names on user networks only.
import type { LabDefinition } from '../types';
import { container, network } from './build';

export const dnsLab: LabDefinition = {
  id: 'dns',
  title: 'Names resolve on a user network, not on the default bridge',
  summary:
    'On a network I create, Docker’s embedded DNS server (127.0.0.11) answers each container’s name, so containers reach each other by name. The default bridge has no such server: there a name means nothing unless --link writes it into /etc/hosts.',
  tutorials: ['000 容器间通信的三种方式 §2 docker DNS server', '001 Docker网络详解 §5', '002 常用 §默认网络模式', '004 Docker 网络'],
  networks: ['net'],
  plan: (ctx) => [
    {
      name: 'a user network with two containers',
      explanation: 'Both containers are on a network we created, so the embedded DNS knows their names.',
      actions: [network(ctx, 'net', 0), container(ctx, 'a', 'net'), container(ctx, 'b', 'net')],
    },
    {
      name: 'two containers on the default bridge',
      explanation: 'The same pair, on docker0 this time.',
      actions: [container(ctx, 'c', 'bridge'), container(ctx, 'd', 'bridge')],
    },
    {
      name: 'the embedded DNS answers a name on the user network',
      explanation: 'b asks 127.0.0.11 for a, and gets a’s address on the network.',
      probe: { kind: 'nslookup', from: 'b', container: 'a', network: 'net', expect: 'answer' },
      expected: 'answer with a’s IP',
    },
    {
      name: 'a name works for traffic too',
      explanation: 'ping by name goes to the address the embedded DNS gave.',
      probe: { kind: 'ping', from: 'b', to: { name: `${ctx.prefix}a` }, expect: 'reply' },
      expected: 'reply',
    },
    {
      name: 'no embedded DNS on the default bridge',
      explanation: 'd asks 127.0.0.11 for c: nothing listens there on the default bridge.',
      probe: { kind: 'nslookup', from: 'd', container: 'c', network: 'bridge', expect: 'no-answer' },
      expected: 'no answer',
    },
    {
      name: 'and no /etc/hosts entry either',
      explanation: 'Without --link, nothing writes c’s name into d’s /etc/hosts.',
      probe: { kind: 'hosts-entry', in: 'd', name: `${ctx.prefix}c`, expect: 'absent' },
      expected: 'absent',
    },
  ],
};
