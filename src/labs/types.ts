// Pure: what a lab is. A lab is data: the changes `up` makes (typed requests, the same ones the
// commands use) and the claims `check` proves with real traffic (probes). Keys name a lab's
// networks and containers; the runner turns a key into `<prefix><key>`.
import type { AttachRequest, ConnectRequest, CreateNetworkRequest, JoinRequest, LinkRequest, RunRequest } from '../core/requests';

/** What a lab's plan is built from: names, the subnets picked for its networks, the image. */
export interface LabContext {
  id: string;
  /** Every name is `<prefix><key>`. */
  prefix: string;
  /** One per key in `networks`, in that order. */
  subnets: readonly string[];
  image: string;
  /** dockerNetworks.lab=<id> and any extra labels. */
  labels: Readonly<Record<string, string>>;
}

export type LabAction =
  | { kind: 'network'; key: string; request: CreateNetworkRequest }
  | { kind: 'run'; key: string; request: RunRequest }
  | { kind: 'join'; key: string; request: JoinRequest }
  | { kind: 'connect'; request: ConnectRequest }
  /** A hand-made veth between two running containers (link create); its `ip` lines are known once run. */
  | { kind: 'link'; request: LinkRequest }
  /** A hand-made veth from a running container into a network's bridge (attach). */
  | { kind: 'attach'; request: AttachRequest };

/** An address to aim at: a lab container's IP on a network (a key, or `bridge`), a name, a gateway. */
export type Target =
  | { container: string; network: string }
  | { name: string }
  | { gatewayOf: string }
  | { loopback: true }
  /** The address of `container`'s hand-made end: of its link to `peer`, or of its attachment to `network`'s bridge. */
  | { handMade: string; peer: string }
  | { handMade: string; network: string };

/** One claim, proved in a running container (`from` / `in` are container keys). */
export type Probe =
  | { kind: 'ping'; from: string; to: Target; expect: 'reply' | 'no-reply' }
  /** An HTTP GET with busybox nc; the lab's web servers answer `dne-lab-ok`. */
  | {
      kind: 'http';
      from: string;
      to: Target;
      port: number | { publishedBy: string; containerPort: number };
      expect: 'answered' | 'no-answer';
    }
  /** Asks the embedded DNS (127.0.0.11) for a container's name; an answer must carry its IP on `network`. */
  | { kind: 'nslookup'; from: string; container: string; network: string; expect: 'answer' | 'no-answer' }
  | { kind: 'interfaces'; in: string; expect: { only: string[] } | { includes: string[] } }
  | { kind: 'hosts-entry'; in: string; name: string; expect: 'present' | 'absent' }
  /** Both containers show the same interfaces and addresses: one network stack. */
  | { kind: 'same-netns'; a: string; b: string }
  /** eth0 carries host number `hostIndex` of the network's subnet (a static IP). */
  | { kind: 'address'; in: string; network: string; hostIndex: number }
  | { kind: 'default-route'; in: string; network: string }
  /** Docker's MASQUERADE rule for the network's subnet, read from the engine's firewall. */
  | { kind: 'masquerade'; network: string }
  /** The DNAT rule (or docker-proxy) of a published port, read from the engine's firewall. */
  | { kind: 'published'; container: string; containerPort: number }
  /** A network our validator refuses before any call, and Docker refuses too. */
  | { kind: 'refused-network'; request: CreateNetworkRequest; reason: RegExp };

export interface LabStepPlan {
  name: string;
  /** One or two sentences, a learner's words. */
  explanation: string;
  /** Setup: the changes `up` makes in this step. */
  actions?: LabAction[];
  /** Check: the claim and what it should show. */
  probe?: Probe;
  expected?: string;
  /** Extra lines to read or type (ip …), shown after the actions' own commands. */
  notes?: string[];
}

export interface LabDefinition {
  id: string;
  title: string;
  summary: string;
  /** Tutorial files (and sections) this lab follows. */
  tutorials: string[];
  /** Keys of the networks the lab creates, each needing a subnet. */
  networks: string[];
  plan(ctx: LabContext): LabStepPlan[];
}

/** A lab that cannot run yet: listed, with why. */
export interface UnavailableLab {
  id: string;
  title: string;
  summary: string;
  tutorials: string[];
  reason: string;
}
