// Builds a controller for an engine endpoint: the one place that picks the gateway and the
// host inspector, shared by the extension and the CLI.
import { DockerodeGateway } from '../docker/dockerodeGateway';
import { resolveEndpoint, type EngineEndpoint } from '../docker/endpoint';
import { LocalHostInspector, RemoteHostInspector, type HostInspector } from '../host/inspector';
import type { HostHelperMode } from '../host/privilege';
import { Controller } from './controller';

export interface ConnectOptions {
  /** dockerNetworks.host; empty = DOCKER_HOST, then the Docker context, then the default socket. */
  hostSetting?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** How to read root-only host facts (dockerNetworks.hostHelper). */
  hostHelper?: () => HostHelperMode;
  /** Re-read the firewall after every refresh. */
  autoFirewall?: boolean;
}

export function hostInspectorFor(endpoint: EngineEndpoint, helper?: () => HostHelperMode): HostInspector {
  return endpoint.kind === 'unix' ? new LocalHostInspector(helper) : new RemoteHostInspector(endpoint.url);
}

export function createController(opts: ConnectOptions = {}): Controller {
  const endpoint = resolveEndpoint({ setting: opts.hostSetting, env: opts.env ?? process.env });
  return new Controller(new DockerodeGateway(endpoint), hostInspectorFor(endpoint, opts.hostHelper), endpoint.source, opts.autoFirewall ?? false);
}
