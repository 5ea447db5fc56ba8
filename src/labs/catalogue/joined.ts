// Tutorial 000 §3 joined容器 / 001 §6 / 002 §五: --network container:X shares X's network stack.
import type { LabDefinition } from '../types';
import { WEB, container, nameOf } from './build';

export const joinedLab: LabDefinition = {
  id: 'joined',
  title: 'Joined containers: --network container:X, talking over localhost',
  summary:
    'A container started with --network container:web has no interfaces of its own: it shares web’s network namespace, so both see the same eth0 and IP, and the joiner reaches web’s server at 127.0.0.1.',
  tutorials: ['000 容器间通信的三种方式 §3 joined容器', '001 Docker网络详解 §6', '002 常用 §五 其他容器模式', '003 §--net=container'],
  networks: [],
  plan: (ctx) => [
    {
      name: 'a web server on the default bridge',
      explanation: 'busybox httpd on port 80, like the tutorial’s httpd container web1.',
      actions: [container(ctx, 'web', 'bridge', { command: WEB })],
    },
    {
      name: 'a container that joins its netns',
      explanation: 'It gets no veth and no IP of its own; it is put into web’s network namespace.',
      actions: [
        {
          kind: 'join',
          key: 'joiner',
          request: {
            target: nameOf(ctx, 'web'),
            image: ctx.image,
            name: nameOf(ctx, 'joiner'),
            command: ['sleep', '86400'],
            labels: { ...ctx.labels },
          },
        },
      ],
    },
    {
      name: 'both show the same interfaces',
      explanation: 'ip addr prints the same lo and eth0, with the same address, in both containers.',
      probe: { kind: 'same-netns', a: 'web', b: 'joiner' },
      expected: 'identical ip addr',
    },
    {
      name: 'the joiner reaches web over localhost',
      explanation: 'An HTTP GET to 127.0.0.1:80 from the joiner lands on web’s server: one loopback for both.',
      probe: { kind: 'http', from: 'joiner', to: { loopback: true }, port: 80, expect: 'answered' },
      expected: 'answered',
    },
  ],
};
