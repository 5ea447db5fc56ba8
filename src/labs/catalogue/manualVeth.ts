// Tutorial 003 §当使用--net=none时候，如何配置: what Docker does for each container, done with ip:
// a veth pair, one end on the network's bridge, the other in a none container's netns with an
// address (outside the network's --ip-range, so IPAM never hands it out) and a default route.
import type { LabAction, LabContext, LabDefinition } from '../types';
import { container, hostAddress, nameOf, network, subnetOf } from './build';

/** Host number of the hand-made address: above the /25 ip-range, so Docker never hands it out. */
export const ATTACHED_HOST = 200;

/** The lab's bridge network, with IPAM limited to the lower half of its subnet. */
function rangedNetwork(ctx: LabContext): LabAction {
  const a = network(ctx, 'net', 0);
  const subnet = subnetOf(ctx, 0);
  const bits = Number(subnet.split('/')[1] ?? '24');
  if (a.kind !== 'network') return a;
  return { ...a, request: { ...a.request, ipRange: `${hostAddress(subnet, 0)}/${Math.min(bits + 1, 30)}` } };
}

export const manualVethLab: LabDefinition = {
  id: 'manual-veth',
  title: 'Wiring a --network none container to a bridge by hand',
  summary:
    'What Docker does for each container, done with ip: a veth pair, one end on the bridge, the other moved into the container’s netns with an address and a default route. The hand-wired container then talks with the gateway and with a container Docker put on the same network.',
  tutorials: ['003 §当使用--net=none时候，如何配置'],
  networks: ['net'],
  plan: (ctx) => {
    const subnet = subnetOf(ctx, 0);
    const bits = subnet.split('/')[1] ?? '24';
    return [
      {
        name: 'a bridge network whose IPAM keeps to the lower half',
        explanation: '--ip-range gives Docker only the lower half of the subnet, so the upper addresses are ours to set by hand.',
        actions: [rangedNetwork(ctx)],
      },
      {
        name: 'a container with no network, and one Docker wires',
        explanation: 'attached runs with --network none; normal runs on the network and gets an address from the range.',
        actions: [container(ctx, 'attached', 'none'), container(ctx, 'normal', 'net')],
      },
      {
        name: 'attach the none container to the bridge by hand',
        explanation: 'A veth pair: one end enslaved to the bridge, the other in attached’s netns with an address and a default route.',
        actions: [
          {
            kind: 'attach',
            request: {
              container: nameOf(ctx, 'attached'),
              bridge: nameOf(ctx, 'net'),
              address: `${hostAddress(subnet, ATTACHED_HOST)}/${bits}`,
            },
          },
        ],
      },
      {
        name: 'attached routes through the gateway',
        explanation: 'ip route in attached shows the default route via the bridge’s address.',
        probe: { kind: 'default-route', in: 'attached', network: 'net' },
        expected: 'default via the gateway',
      },
      {
        name: 'attached reaches the gateway',
        explanation: 'attached pings the bridge’s own address through its hand-made veth.',
        probe: { kind: 'ping', from: 'attached', to: { gatewayOf: 'net' }, expect: 'reply' },
        expected: 'reply',
      },
      {
        name: 'attached reaches the container Docker wired',
        explanation: 'Both veths hang on the same bridge: the frame is switched like between any two containers.',
        probe: { kind: 'ping', from: 'attached', to: { container: 'normal', network: 'net' }, expect: 'reply' },
        expected: 'reply',
      },
      {
        name: 'the Docker-wired container reaches attached',
        explanation: 'normal pings the hand-set address, which Docker knows nothing about.',
        probe: { kind: 'ping', from: 'normal', to: { handMade: 'attached', network: 'net' }, expect: 'reply' },
        expected: 'reply',
      },
    ];
  },
};
