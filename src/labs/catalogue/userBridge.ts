// Tutorial 000 §2 and 004: a user-defined bridge with --subnet, --gateway and a static --ip; and
// why the tutorial's own `--subnet=172.2.16.0/24 --gateway 172.22.16.1` cannot work.
import type { LabDefinition } from '../types';
import { container, hostAddress, network, subnetOf } from './build';

/** Tutorial 000's line as printed (a typo: 172.2 vs 172.22). */
export const TUTORIAL_BAD_SUBNET = { subnet: '172.2.16.0/24', gateway: '172.22.16.1' } as const;
export const STATIC_HOST = 8;

export const userBridgeLab: LabDefinition = {
  id: 'user-bridge',
  title: 'A user-defined bridge: subnet, gateway and a static IP',
  summary:
    'docker network create --subnet --gateway makes a bridge with the range I choose; docker run --ip gives a container a fixed address in it. The tutorial’s 172.2.16.0/24 with gateway 172.22.16.1 is refused: the gateway is not inside the subnet.',
  tutorials: ['000 none和host网络的使用场景 §2 自定义网络', '004 Docker 网络 §创建自定义网络的容器'],
  networks: ['net'],
  plan: (ctx) => {
    const subnet = subnetOf(ctx, 0);
    return [
      {
        name: 'create the network',
        explanation: 'A bridge network with its own subnet; the gateway is the bridge’s address on the engine host.',
        actions: [network(ctx, 'net', 0)],
      },
      {
        name: 'a container with a static IP',
        explanation: '--ip is allowed because the network was created with --subnet.',
        actions: [container(ctx, 'static', 'net', { ipv4: hostAddress(subnet, STATIC_HOST) })],
      },
      {
        name: 'a second container',
        explanation: 'This one gets the next free address from the subnet.',
        actions: [container(ctx, 'peer', 'net')],
      },
      {
        name: 'the tutorial’s subnet and gateway are refused',
        explanation: 'A gateway must be an address inside the subnet; 172.22.16.1 is not in 172.2.16.0/24, so nothing is created.',
        probe: {
          kind: 'refused-network',
          request: { name: `${ctx.prefix}tutorial`, driver: 'bridge', ...TUTORIAL_BAD_SUBNET, labels: { ...ctx.labels } },
          reason: /not inside the subnet/,
        },
        expected: 'refused: gateway 172.22.16.1 is not inside the subnet 172.2.16.0/24',
      },
      {
        name: 'the static IP is on eth0',
        explanation: 'ip addr in the container shows the address we asked for.',
        probe: { kind: 'address', in: 'static', network: 'net', hostIndex: STATIC_HOST },
        expected: `eth0 has ${hostAddress(subnet, STATIC_HOST)}`,
      },
      {
        name: 'the default route goes through the gateway',
        explanation: 'ip route in the container: the gateway we chose is its next hop.',
        probe: { kind: 'default-route', in: 'static', network: 'net' },
        expected: `default via ${hostAddress(subnet, 1)}`,
      },
      {
        name: 'the peer reaches the static IP',
        explanation: 'Two containers on one bridge talk directly.',
        probe: { kind: 'ping', from: 'peer', to: { container: 'static', network: 'net' }, expect: 'reply' },
        expected: 'reply',
      },
    ];
  },
};
