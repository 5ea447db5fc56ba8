// The host policy around Docker's rules (INPUT default, ufw / firewalld, DOCKER-USER first in
// FORWARD) on the real dumps and on dumps crafted from them (test/fixtures/firewall/crafted).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFirewallDump, withNftHostPolicy } from '../../src/analysis/firewall/index';
import type { FirewallModel } from '../../src/shared/firewall';
import { readFixture } from '../helpers/fixtures';

const fw = (...path: string[]): FirewallModel => parseFirewallDump(readFixture('firewall', ...path));
const policy = (m: FirewallModel): unknown => [m.inputPolicy, m.hostFirewalls, m.dockerUserFirst];

describe('host policy of the real dumps', () => {
  it('20.10.24 iptables-save and its nft twin: INPUT accepts, no host firewall, DOCKER-USER first', () => {
    for (const name of ['20.10.24-thishost-iptables-save.txt', '20.10.24-thishost-nft-list-ruleset.txt']) {
      const m = fw(name);
      assert.deepEqual(policy(m), ['ACCEPT', [], true], name);
      assert.equal(m.hostPolicyEvidence.forward.length, 1, name);
      assert.match(m.hostPolicyEvidence.forward[0] ?? '', /DOCKER-USER/);
    }
  });
  it('inside a container netns there are no Docker forward rules: DOCKER-USER does not apply', () => {
    assert.equal(fw('20.10.24-thishost-container-netns-iptables-save.txt').dockerUserFirst, null);
  });
  it('moby iptables dumps (28.0.0, 28.5.2, 29.7.2): INPUT ACCEPT and DOCKER-USER first', () => {
    for (const v of ['28.0.0', '28.5.2', '29.7.2']) {
      for (const s of ['new-daemon', 'usernet-portmap', 'usernet-internal']) {
        assert.deepEqual(policy(fw('moby-generated', `${v}-moby-iptablesdoc-${s}.txt`)), ['ACCEPT', [], true], `${v} ${s}`);
      }
    }
  });
  it('a lone docker-bridges table (nftables backend) says nothing of INPUT, and DOCKER-USER does not apply', () => {
    const m = fw('moby-generated', '29.7.2-moby-nftablesdoc-usernet-portmap.txt');
    assert.deepEqual(policy(m), [null, [], null]);
    assert.deepEqual(m.hostPolicyEvidence, { input: [], hostFirewalls: [], forward: [] });
  });
});

describe('host policy of crafted dumps', () => {
  it('ufw: INPUT DROP, ufw found by its jumps, DOCKER-USER still first', () => {
    const m = fw('crafted', '20.10.24-ufw-iptables-save.txt');
    assert.deepEqual(policy(m), ['DROP', ['ufw'], true]);
    assert.deepEqual(m.hostPolicyEvidence.input, ['-P INPUT DROP']);
    assert.deepEqual(m.hostPolicyEvidence.hostFirewalls, ['-A INPUT -j ufw-before-logging-input']);
    assert.deepEqual(m.unrecognised, [], "ufw's rules are not Docker's");
  });
  it('a disabled ufw (chains left, no jumps) is not a host firewall', () => {
    const text = readFixture('firewall', 'crafted', '20.10.24-ufw-iptables-save.txt')
      .split('\n')
      .filter((l) => !/^-A (INPUT|FORWARD|OUTPUT) -j ufw-/.test(l))
      .join('\n')
      .replace(':INPUT DROP [0:0]', ':INPUT ACCEPT [0:0]');
    assert.deepEqual(policy(parseFirewallDump(text)), ['ACCEPT', [], true]);
  });
  it('firewalld (iptables backend): policy ACCEPT but a final REJECT makes INPUT drop', () => {
    const m = fw('crafted', '28.5.2-firewalld-iptables-S.txt');
    assert.deepEqual(policy(m), ['DROP', ['firewalld'], true]);
    assert.deepEqual(m.hostPolicyEvidence.input, ['-A INPUT -j REJECT --reject-with icmp-host-prohibited']);
    assert.deepEqual(m.hostPolicyEvidence.hostFirewalls, ['-A INPUT -j INPUT_direct']);
  });
  it('a REJECT that matches something is not a default drop', () => {
    const text = readFixture('firewall', 'crafted', '28.5.2-firewalld-iptables-S.txt').replace(
      '-A INPUT -j REJECT',
      '-A INPUT -p tcp -j REJECT',
    );
    assert.equal(parseFirewallDump(text).inputPolicy, 'ACCEPT');
  });
  it('firewalld (nftables backend) beside Docker 29 nftables: its table, its final reject', () => {
    const m = fw('crafted', '29.7.2-firewalld-nft-list-ruleset.txt');
    assert.deepEqual(policy(m), ['DROP', ['firewalld'], null]);
    assert.deepEqual(m.hostPolicyEvidence.input, ['table inet firewalld chain filter_INPUT: reject with icmpx admin-prohibited']);
    assert.deepEqual(m.hostPolicyEvidence.hostFirewalls, ['table inet firewalld']);
    assert.deepEqual(m.unrecognised, []);
  });
  it("nftables.conf's input chain with policy drop counts, whatever the table", () => {
    const own =
      'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tiif "lo" accept\n\t}\n}\n';
    const m = parseFirewallDump(own + readFixture('firewall', 'moby-generated', '29.7.2-moby-nftablesdoc-usernet-portmap.txt'));
    assert.deepEqual(policy(m), ['DROP', [], null]);
    assert.deepEqual(m.hostPolicyEvidence.input, ['table inet filter chain input: policy drop']);
  });
  it('ufw seen through nft (iptables-nft tables) is found too', () => {
    const text = readFixture('firewall', '20.10.24-thishost-nft-list-ruleset.txt').replace(
      'table ip filter {\n',
      'table ip filter {\n\tchain INPUT {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tcounter packets 0 bytes 0 jump ufw-before-input\n\t}\n\tchain ufw-before-input {\n\t}\n',
    );
    const m = parseFirewallDump(text);
    assert.deepEqual(policy(m), ['DROP', ['ufw'], true]);
    assert.deepEqual(m.hostPolicyEvidence.input, ['table ip filter chain INPUT: policy drop']);
  });
  it('a rule inserted before the DOCKER-USER jump: not first, and the evidence shows it', () => {
    const m = fw('crafted', '20.10.24-forward-before-docker-user-iptables-save.txt');
    assert.equal(m.dockerUserFirst, false);
    assert.deepEqual(m.hostPolicyEvidence.forward, ['-A FORWARD -s 10.0.0.0/8 -j ACCEPT', '-A FORWARD -j DOCKER-USER']);
    assert.deepEqual(m.unrecognised, []);
  });
  it('no DOCKER-USER chain at all: not first, and the evidence says so', () => {
    const m = fw('crafted', '20.10.24-no-docker-user-iptables-save.txt');
    assert.equal(m.dockerUserFirst, false);
    assert.equal(m.hostPolicyEvidence.forward.at(-1), '(there is no DOCKER-USER chain)');
  });
  it('a far DOCKER-USER jump is shown after the first rules and an ellipsis', () => {
    const extra = Array.from({ length: 6 }, (_, i) => `-A FORWARD -s 10.${i}.0.0/16 -j ACCEPT`).join('\n');
    const text = readFixture('firewall', '20.10.24-thishost-iptables-save.txt').replace(
      '-A FORWARD -j DOCKER-USER',
      `${extra}\n-A FORWARD -j DOCKER-USER`,
    );
    const ev = parseFirewallDump(text).hostPolicyEvidence.forward;
    assert.equal(ev.length, 6);
    assert.deepEqual(ev.slice(-2), ['…', '-A FORWARD -j DOCKER-USER']);
  });
  it('a dump of the nat table alone cannot say', () => {
    const nat = readFixture('firewall', '20.10.24-thishost-iptables-save.txt').split('*nat')[1] ?? '';
    assert.deepEqual(policy(parseFirewallDump(`*nat${nat}`)), [null, [], null]);
  });
});

describe("withNftHostPolicy: iptables-save cannot see firewalld's own nft table", () => {
  const ipt = fw('20.10.24-thishost-iptables-save.txt');
  const firewalld = readFixture('firewall', 'crafted', '29.7.2-firewalld-nft-list-ruleset.txt').split('# SOURCE: github.com')[0] ?? '';
  it("takes INPUT and the host firewall from the whole nft ruleset, Docker's rules from iptables", () => {
    const m = withNftHostPolicy(ipt, `${readFixture('firewall', '20.10.24-thishost-nft-list-ruleset.txt')}\n${firewalld}`);
    assert.deepEqual([m.inputPolicy, m.hostFirewalls], ['DROP', ['firewalld']]);
    assert.deepEqual(m.published, ipt.published);
    assert.deepEqual(m.masquerade, ipt.masquerade);
  });
  it("changes nothing when nft shows only iptables-nft's own tables", () => {
    assert.deepEqual(withNftHostPolicy(ipt, readFixture('firewall', '20.10.24-thishost-nft-list-ruleset.txt')), ipt);
  });
});
