// Tutorial 000 / 001 / 004: the three modes a container can have without any network of ours.
import type { LabDefinition } from '../types';
import { container } from './build';

export const modesLab: LabDefinition = {
  id: 'modes',
  title: 'none, host and bridge side by side',
  summary:
    'Three containers from one image: with --network none it has only lo; with --network host it shares the engine host’s interfaces (docker0 among them); on the default bridge it gets its own eth0, a veth whose other end is on docker0.',
  tutorials: ['000 none和host网络的使用场景 §1', '001 Docker网络详解 §1-3', '004 Docker 网络 §网络模式'],
  networks: [],
  plan: (ctx) => [
    {
      name: 'a container with no network',
      explanation: 'none gives the container its own network namespace and configures nothing in it.',
      actions: [container(ctx, 'none', 'none')],
    },
    {
      name: 'a container on the host network',
      explanation: 'host skips the network namespace: the container uses the engine host’s stack and ports.',
      actions: [container(ctx, 'host', 'host')],
    },
    {
      name: 'a container on the default bridge',
      explanation: 'Without --network a container joins the default bridge (docker0) through a veth pair.',
      actions: [container(ctx, 'bridge', 'bridge')],
    },
    {
      name: 'none has only lo',
      explanation: 'ip addr in the none container lists the loopback and nothing else.',
      probe: { kind: 'interfaces', in: 'none', expect: { only: ['lo'] } },
      expected: 'interfaces: lo',
    },
    {
      name: 'host sees the engine host’s interfaces',
      explanation: 'The host container lists the engine’s own interfaces, the docker0 bridge among them.',
      probe: { kind: 'interfaces', in: 'host', expect: { includes: ['lo', 'docker0'] } },
      expected: 'interfaces include lo, docker0',
    },
    {
      name: 'bridge has lo and eth0',
      explanation: 'The bridge container has its own eth0 (the container end of the veth pair).',
      probe: { kind: 'interfaces', in: 'bridge', expect: { only: ['lo', 'eth0'] } },
      expected: 'interfaces: lo, eth0',
    },
    {
      name: 'the host reaches the bridge container',
      explanation: 'From the engine host’s stack (the host container), a ping to the bridge container’s IP crosses docker0.',
      probe: { kind: 'ping', from: 'host', to: { container: 'bridge', network: 'bridge' }, expect: 'reply' },
      expected: 'reply',
    },
    {
      name: 'none reaches nothing',
      explanation: 'The none container has no route anywhere, so the same ping fails.',
      probe: { kind: 'ping', from: 'none', to: { container: 'bridge', network: 'bridge' }, expect: 'no-reply' },
      expected: 'no reply',
    },
  ],
};
