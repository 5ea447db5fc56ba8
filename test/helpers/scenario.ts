// The scenario of every mode the tutorials use, built on the real engine.
import { TEST_IMAGE, TEST_LABEL, cleanTestResources, createTestNetwork, docker, runTestContainer } from './docker';

export const SCENARIO_PREFIX = 'dne-test-s-';

export const S = {
  netA: 'dne-test-s-net-a',
  netInt: 'dne-test-s-net-int',
  netNoIcc: 'dne-test-s-net-noicc',
  bridgeA: 'dne-br-a',
  subnetA: '10.251.0.0/24',
  gatewayA: '10.251.0.254',
  rangeA: '10.251.0.128/25',
  def: 'dne-test-s-def',
  web: 'dne-test-s-web',
  a1: 'dne-test-s-a1',
  a1Ip: '10.251.0.10',
  a1Aliases: ['dne-alias-a1', 'svc-a'],
  multi: 'dne-test-s-multi',
  int1: 'dne-test-s-int1',
  noicc1: 'dne-test-s-noicc1',
  noicc2: 'dne-test-s-noicc2',
  none: 'dne-test-s-none',
  host: 'dne-test-s-host',
  joined: 'dne-test-s-joined',
  stopped: 'dne-test-s-stopped',
} as const;

export async function buildScenario(): Promise<void> {
  await cleanTestResources(SCENARIO_PREFIX);
  await createTestNetwork(
    S.netA,
    '--subnet',
    S.subnetA,
    '--gateway',
    S.gatewayA,
    '--ip-range',
    S.rangeA,
    '-o',
    `com.docker.network.bridge.name=${S.bridgeA}`,
  );
  await createTestNetwork(S.netInt, '--internal', '--subnet', '10.252.0.0/24');
  await createTestNetwork(S.netNoIcc, '-o', 'com.docker.network.bridge.enable_icc=false', '--subnet', '10.253.0.0/24');
  await runTestContainer(S.def);
  // Ephemeral host ports, so the test never collides with a port in use.
  await runTestContainer(S.web, '-p', '80', '-p', '127.0.0.1::81', '-p', '53/udp');
  await runTestContainer(S.a1, '--network', S.netA, '--ip', S.a1Ip, ...S.a1Aliases.flatMap((a) => ['--network-alias', a]));
  await runTestContainer(S.multi, '--network', S.netA);
  await docker('network', 'connect', '--alias', 'multi-int', S.netInt, S.multi);
  await runTestContainer(S.int1, '--network', S.netInt);
  await runTestContainer(S.noicc1, '--network', S.netNoIcc);
  await runTestContainer(S.noicc2, '--network', S.netNoIcc);
  await runTestContainer(S.none, '--network', 'none');
  await runTestContainer(S.host, '--network', 'host');
  await runTestContainer(S.joined, '--network', `container:${S.a1}`);
  await docker('create', '--name', S.stopped, '--label', TEST_LABEL, '--network', S.netA, TEST_IMAGE, 'sleep', '3600');
}
