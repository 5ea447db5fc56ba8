// `firewall diff` as people read it (the CLI's text, the Markdown document) and telling a
// firewall dump from other text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffFirewall } from '../../src/analysis/firewall/diff';
import { diffGroups, diffSummary } from '../../src/analysis/firewall/diffLines';
import { isFirewallDump, parseDumpFile, parseFirewallDump } from '../../src/analysis/firewall/index';
import { formatFirewallDiff } from '../../src/cli/formatFirewallDiff';
import { firewallDiffMarkdown } from '../../src/report/firewallDiffMarkdown';
import { THISHOST_NFT, THISHOST_SAVE, ipt28, moby, nft29 } from '../helpers/firewallDumps';
import { readFixture } from '../helpers/fixtures';

describe('firewall diff: text and markdown', () => {
  const d = diffFirewall(parseFirewallDump(readFixture('firewall', THISHOST_SAVE)), ipt28('usernet-portmap'));
  it('the CLI text has the summary, the settings and one +/- line per entry with its rule; a moved port reads - then +', () => {
    const lines = formatFirewallDiff(d, { before: 'a.txt', after: 'b.txt' }).split('\n');
    assert.deepEqual(lines.slice(0, 5), [
      'before: a.txt   docker-20.10-27 (iptables-nft)',
      'after:  b.txt   docker-28.0.1+ (iptables-nft)',
      '4 added, 13 removed; FORWARD policy DROP → ACCEPT.',
      '~ FORWARD policy: DROP → ACCEPT',
      '~ layout: docker-20.10-27 → docker-28.0.1+',
    ]);
    const i = lines.indexOf(
      '- published 0.0.0.0:8080/tcp → 172.17.0.3:80   (-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.3:80)',
    );
    assert.ok(i > 0, 'the removed port');
    assert.equal(
      lines[i + 1],
      '+ published 0.0.0.0:8080/tcp → 192.0.2.2:80   (-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80)',
    );
    assert.ok(
      lines.includes('+ isolated bridge1   (-A DOCKER ! -i bridge1 -o bridge1 -j DROP; -A DOCKER-ISOLATION-STAGE-2 -o bridge1 -j DROP)'),
    );
    assert.equal(lines.length, 5 + 17);
  });
  it('groups follow the category order, ports sorted numerically', () => {
    assert.deepEqual(
      diffGroups(d).map((g) => g.title),
      ['published', 'masquerade', 'hairpin', 'icc off', 'internal', 'isolated', 'direct-routing drop'],
    );
    assert.deepEqual(
      diffGroups(d)[0]?.lines.map((l) => `${l.sign} ${l.what}`),
      [
        '- 0.0.0.0:8080/tcp → 172.17.0.3:80',
        '+ 0.0.0.0:8080/tcp → 192.0.2.2:80',
        '- 0.0.0.0:32768/tcp → 172.17.0.3:9000',
        '- 127.0.0.1:32769/tcp → 172.17.0.3:80',
      ],
    );
  });
  it('the markdown has the summary first, a section per category, and the rule texts as code', () => {
    const md = firewallDiffMarkdown(d, { before: 'old.txt', after: 'new.txt' });
    const lines = md.split('\n');
    assert.equal(lines[0], '# Firewall: old.txt → new.txt');
    assert.equal(lines[2], '**4 added, 13 removed; FORWARD policy DROP → ACCEPT.**');
    assert.ok(lines.includes('## icc off'));
    assert.ok(lines.includes('- **− removed** `br-f150ac58d75d`'));
    assert.ok(lines.includes('  - `-A FORWARD -i br-f150ac58d75d -o br-f150ac58d75d -j DROP`'));
    assert.ok(lines.includes('- FORWARD policy: DROP → ACCEPT'));
  });
  it('the same meaning written differently says so in one line', () => {
    assert.equal(
      diffSummary(diffFirewall(ipt28('usernet-portmap'), nft29('usernet-portmap'))),
      'Same meaning, written differently: docker-28.0.1+ (iptables-nft) → docker-29-nftables (nftables). Nothing added or removed.',
    );
  });
});

describe('firewall dump files', () => {
  it('tells a dump from other text', () => {
    assert.equal(isFirewallDump(readFixture('firewall', THISHOST_SAVE)), true);
    assert.equal(isFirewallDump(readFixture('firewall', THISHOST_NFT)), true);
    assert.equal(isFirewallDump(moby('29.7.2-moby-iptablesdoc', 'new-daemon')), true);
    assert.equal(isFirewallDump('*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n'), true);
    assert.equal(isFirewallDump(''), false);
    assert.equal(isFirewallDump('# Docker Network Explorer\n\nA VS Code extension.\n- a list item\n'), false);
    assert.equal(isFirewallDump('{"backend": "nftables"}'), false);
  });
  it('parseDumpFile names the file that is not a dump', () => {
    assert.throws(
      () => parseDumpFile('hello world\n', 'notes.txt'),
      /^Error: notes\.txt is not a firewall dump \(iptables-save, iptables -S or nft list ruleset output\)\.$/,
    );
    assert.equal(parseDumpFile(readFixture('firewall', THISHOST_SAVE), 'x').dockerLayout, 'docker-20.10-27');
  });
});
