import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseListeningPorts } from '../../src/host/listeners';

describe('parseListeningPorts', () => {
  it('reads LISTEN sockets (st 0A) of tcp and tcp6 tables', () => {
    const tcp6 = [
      '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2118869 1',
      '   1: 0000000000000000FFFF00000100007F:0050 0000000000000000FFFF00000100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 2118870 1',
    ].join('\n');
    assert.deepEqual(parseListeningPorts(tcp6), [8080]);
    assert.deepEqual(parseListeningPorts('  sl  local_address rem_address   st\n'), []);
  });
});
