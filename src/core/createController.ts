// Builds a controller for an engine endpoint: the one place that picks the gateway and the
// host inspector, shared by the extension and the CLI.
import { DockerodeGateway } from '../docker/dockerodeGateway';
import { resolveEndpoint, type EngineEndpoint } from '../docker/endpoint';
import { LocalHostInspector, RemoteHostInspector, type HostInspector } from '../host/inspector';
import type { HelperContainer, HostHelperMode } from '../host/privilege';
import { Controller } from './controller';

export interface ConnectOptions {
  /** dockerNetworks.host; empty = DOCKER_HOST, then the Docker context, then the default socket. */
  hostSetting?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** How to read root-only host facts (dockerNetworks.hostHelper). */
  hostHelper?: () => HostHelperMode;
  /** A local image with nsenter for the privileged helper container; empty: none. */
  hostHelperImage?: () => string;
  /** Re-read the firewall after every refresh. */
  autoFirewall?: boolean;
}

export function hostInspectorFor(
  endpoint: EngineEndpoint,
  helper?: () => HostHelperMode,
  container?: () => HelperContainer | undefined,
): HostInspector {
  return endpoint.kind === 'unix'
    ? new LocalHostInspector(endpoint.socketPath, helper, container)
    : new RemoteHostInspector(endpoint.url, helper, container);
}

export function createController(opts: ConnectOptions = {}): Controller {
  const endpoint = resolveEndpoint({ setting: opts.hostSetting, env: opts.env ?? process.env });
  const gateway = new DockerodeGateway(endpoint);
  const container = (): HelperContainer | undefined => {
    const image = opts.hostHelperImage?.().trim();
    return image ? { image, run: (cmd) => gateway.runHelper({ image, cmd, timeoutMs: 15_000 }) } : undefined;
  };
  return new Controller(gateway, hostInspectorFor(endpoint, opts.hostHelper, container), endpoint.source, opts.autoFirewall ?? false);
}
