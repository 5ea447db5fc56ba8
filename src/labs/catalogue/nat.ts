// Tutorial 000 §容器如何访问外部 / §外部访问容器, 003 §绑定一个容器端口到主机: MASQUERADE out,
// DNAT (and docker-proxy) in. No packet is sent off the machine: the way out is shown by its rule.
import type { LabDefinition } from '../types';
import { WEB, container, network } from './build';

export const natLab: LabDefinition = {
  id: 'nat',
  title: 'NAT: MASQUERADE out, -p publishing in',
  summary:
    'Traffic leaving a bridge network for elsewhere is rewritten to the host’s address by a MASQUERADE rule Docker adds per subnet. A published port (-p) works the other way: a DNAT rule (and docker-proxy) sends the host port to the container.',
  tutorials: ['000 容器如何访问外部 / 外部访问容器', '001 Docker网络详解 §7-8', '003 §绑定一个容器端口到主机'],
  networks: ['net'],
  plan: (ctx) => [
    {
      name: 'a network and a web server publishing port 80',
      explanation: '-p 127.0.0.1::80 asks for a free host port on the engine host’s loopback, forwarded to the container’s port 80.',
      actions: [
        network(ctx, 'net', 0),
        container(ctx, 'web', 'net', { command: WEB, publish: [{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1' }] }),
      ],
      notes: ['docker port <web> 80'],
    },
    {
      name: 'a client on the host network',
      explanation: 'A --network host container is a process in the engine host’s own stack, where published ports live.',
      actions: [container(ctx, 'probe', 'host')],
    },
    {
      name: 'MASQUERADE for the subnet',
      explanation: 'iptables -t nat: packets from the subnet that leave through another interface get the host’s source address.',
      probe: { kind: 'masquerade', network: 'net' },
      expected: 'a MASQUERADE rule for the subnet',
      notes: ['iptables -t nat -S POSTROUTING'],
    },
    {
      name: 'DNAT for the published port',
      explanation: 'The DOCKER chain rewrites the host port’s destination to the container’s IP and port 80.',
      probe: { kind: 'published', container: 'web', containerPort: 80 },
      expected: 'a DNAT rule (or docker-proxy) to the web container’s port 80',
      notes: ['iptables -t nat -S DOCKER'],
    },
    {
      name: 'the published port answers on the host',
      explanation: 'From the host’s stack, an HTTP GET to 127.0.0.1:<host port> reaches the web server.',
      probe: { kind: 'http', from: 'probe', to: { loopback: true }, port: { publishedBy: 'web', containerPort: 80 }, expect: 'answered' },
      expected: 'answered',
    },
  ],
};
