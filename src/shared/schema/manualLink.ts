// What `link create|rm`, `attach` and `detach` did: the interfaces made or removed, and the `ip`
// command lines that did it (the same lines a person would type, tutorial 003 style).
import * as v from 'valibot';
import { nullableString } from './primitives';

export const ManualLinkResultSchema = v.object({
  action: v.picklist(['link create', 'link rm', 'attach', 'detach']),
  /** Each container end: the interface in its netns and its address (CIDR; null when removed). */
  interfaces: v.array(v.object({ container: v.string(), ifname: v.string(), address: nullableString })),
  /** attach/detach: the bridge in the engine's netns and the Docker network it belongs to; else null. */
  bridge: nullableString,
  network: nullableString,
  /** attach: the default route's gateway (the bridge's own address unless given). */
  gateway: nullableString,
  /** The commands that ran, in order (nsenter -t <pid> -n ip …, or plain ip in our own netns). */
  commands: v.array(v.string()),
  note: v.optional(v.string()),
});
