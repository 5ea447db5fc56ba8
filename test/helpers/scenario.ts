// The scenario of every mode the tutorials use, built on the real engine.
import { TEST_IMAGE, TEST_LABEL, cleanTestResources, createTestNetwork, docker, runTestContainer } from './docker';

export const S = {
  netA: 'dne-test-net-a',
  netInt: 'dne-test-net-int',
  netNoIcc: 'dne-test-net-noicc',
  bridgeA: 'dne-br-a',
  subnetA: '10.251.0.0/24',
  gatewayA: '10.251.0.254',
  rangeA: '10.251.0.128/25',
  def: 'dne-test-def',
  web: 'dne-test-web',
  a1: 'dne-test-a1',
  a1Ip: '10.251.0.10',
  a1Aliases: ['dne-alias-a1', 'svc-a'],
  multi: 'dne-test-multi',
  int1: 'dne-test-int1',
  noicc1: 'dne-test-noicc1',
  noicc2: 'dne-test-noicc2',
  none: 'dne-test-none',
  host: 'dne-test-host',
  joined: 'dne-test-joined',
  stopped: 'dne-test-stopped',
} as const;

export async function buildScenario(): Promise<void> {
  await cleanTestResources();
  await createTestNetwork(S.netA, '--subnet', S.subnetA, '--gateway', S.gatewayA, '--ip-range', S.rangeA, '-o', `com.docker.network.bridge.name=${S.bridgeA}`);
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
