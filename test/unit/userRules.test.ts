// DOCKER-USER read top to bottom for a new TCP connection: reply-only rules do not decide, other
// protocols do not apply, and rules with matches the model does not carry make the verdict unsure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { userDecision } from '../../src/analysis/explainRules';
import type { UserRule } from '../../src/shared/firewall';
import { userRule } from '../helpers/userRule';

const rule = (text: string, over: Partial<UserRule>): UserRule => userRule({ rule: text, ...over });
const m = { src: '203.0.113.7', dst: '172.18.0.2', port: 80, inIf: 'eth0', outIf: 'br-x' };

describe('userDecision', () => {
  it("Docker's documented first rule (RELATED,ESTABLISHED ACCEPT) does not let a new connection past a DROP", () => {
    const rules = [
      rule('-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', { verdict: 'ACCEPT' }),
      rule('-A DOCKER-USER -i eth0 -j DROP', { inInterface: 'eth0' }),
    ];
    assert.equal(userDecision(rules, m).drop?.rule, '-A DOCKER-USER -i eth0 -j DROP');
  });
  it('a UDP or ICMP drop does not drop a TCP connection', () => {
    assert.equal(
      userDecision(
        [rule('-A DOCKER-USER -p udp -j DROP', { protocol: 'udp' }), rule('-A DOCKER-USER -p icmp -j DROP', { protocol: 'icmp' })],
        m,
      ).drop,
      undefined,
    );
  });
  it('an ipset or multiport rule is not taken as match-all: it makes the decision unsure', () => {
    const set = rule('-A DOCKER-USER -m set --match-set blocklist src -j DROP', {});
    const d = userDecision([set, rule('-A DOCKER-USER -j RETURN', { verdict: 'RETURN' })], m);
    assert.equal(d.drop, undefined);
    assert.deepEqual(d.unsure, [set]);
  });
});
