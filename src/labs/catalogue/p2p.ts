// Tutorial 003 §创建一个点到点连接: two --network none containers joined by a veth pair made by
// hand, one end in each netns, a /32 address on each and a route to the other. Docker knows none of it.
import type { LabDefinition } from '../types';
import { container, nameOf } from './build';

export const p2pLab: LabDefinition = {
  id: 'p2p',
  title: 'A point-to-point link between two containers',
  summary:
    'Two --network none containers joined by a veth pair made by hand (ip link add … type veth peer …), one end in each netns, a /32 address on each end and a route to the other. They reach each other over the link; a third none container, left out, reaches nothing.',
  tutorials: ['003 §创建一个点到点连接'],
  networks: [],
  plan: (ctx) => [
    {
      name: 'three containers with no network',
      explanation: 'a, b and c run with --network none: each has only lo.',
      actions: [container(ctx, 'a', 'none'), container(ctx, 'b', 'none'), container(ctx, 'c', 'none')],
    },
    {
      name: 'before the link, a reaches nothing',
      explanation: 'c, like a before the link, has only lo: pinging b’s link address fails, there is no route.',
      probe: { kind: 'ping', from: 'c', to: { handMade: 'b', peer: 'a' }, expect: 'no-reply' },
      expected: 'no reply',
    },
    {
      name: 'link a and b by hand',
      explanation: 'A veth pair, one end moved into each netns, a /32 address on each end and a /32 route to the other.',
      actions: [{ kind: 'link', request: { a: nameOf(ctx, 'a'), b: nameOf(ctx, 'b') } }],
    },
    {
      name: 'a reaches b over the link',
      explanation: 'a pings b’s end of the pair: the packet crosses the veth, no bridge in between.',
      probe: { kind: 'ping', from: 'a', to: { handMade: 'b', peer: 'a' }, expect: 'reply' },
      expected: 'reply',
    },
    {
      name: 'b reaches a over the link',
      explanation: 'The other way round, through the same pair.',
      probe: { kind: 'ping', from: 'b', to: { handMade: 'a', peer: 'b' }, expect: 'reply' },
      expected: 'reply',
    },
  ],
};
