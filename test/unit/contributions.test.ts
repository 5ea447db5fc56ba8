// package.json and the code name the same things: command ids (src/constants.ts), the view and
// the graph's panel type, the context keys, the settings, and the tree's contextValues that
// `viewItem =~ /…/` clauses match (src/tree/contextValues.ts). A drift fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { CONFIG_SECTION, Commands, ContextKeys, TOPOLOGY_VIEW_ID, VIEW_CONTAINER_ID } from '../../src/constants';
import { GRAPH_VIEW_TYPE } from '../../src/shared/protocol';
import { allContextValues } from '../../src/tree/contextValues';
import { fixturesDir } from '../helpers/fixtures';

interface MenuItem {
  command: string;
  when?: string;
}
interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string }[];
    menus: Record<string, MenuItem[]>;
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    viewsWelcome: { view: string; contents: string; when?: string }[];
    configuration: { properties: Record<string, unknown> };
  };
}

/** Test input we wrote ourselves: the shape is asserted by the tests below, not trusted. */
function manifest(): Manifest {
  const text = readFileSync(join(resolve(fixturesDir(), '..', '..'), 'package.json'), 'utf8');
  const parsed: unknown = JSON.parse(text);
  assert.ok(typeof parsed === 'object' && parsed !== null && 'contributes' in parsed);
  return parsed as Manifest;
}

const m = manifest();
const declared = new Set<string>(Object.values(Commands));
const menuItems = Object.values(m.contributes.menus).flat();
const whens = [...menuItems.map((i) => i.when), ...m.contributes.viewsWelcome.map((w) => w.when)].filter((w): w is string => !!w);

describe('package.json contributions', () => {
  it('contributes exactly the commands of src/constants.ts', () => {
    assert.deepEqual(m.contributes.commands.map((c) => c.command).sort(), [...declared].sort());
  });

  it('menus and welcome links name only declared commands', () => {
    for (const i of menuItems) assert.ok(declared.has(i.command), `menu command ${i.command}`);
    for (const w of m.contributes.viewsWelcome) {
      for (const [, id] of w.contents.matchAll(/\(command:([^)]+)\)/g)) assert.ok(id && declared.has(id), `welcome link ${id ?? ''}`);
    }
  });

  it('activation events, the view and its container use the declared ids', () => {
    assert.deepEqual([...m.activationEvents].sort(), [`onView:${TOPOLOGY_VIEW_ID}`, `onWebviewPanel:${GRAPH_VIEW_TYPE}`].sort());
    assert.deepEqual(
      m.contributes.viewsContainers.activitybar.map((v) => v.id),
      [VIEW_CONTAINER_ID],
    );
    assert.deepEqual(
      m.contributes.views[VIEW_CONTAINER_ID]?.map((v) => v.id),
      [TOPOLOGY_VIEW_ID],
    );
    for (const w of m.contributes.viewsWelcome) assert.equal(w.view, TOPOLOGY_VIEW_ID);
  });

  it('when clauses use only declared views, context keys and settings', () => {
    const settings = new Set(Object.keys(m.contributes.configuration.properties));
    const keys = new Set<string>(Object.values(ContextKeys));
    for (const w of whens) {
      for (const [, view] of w.matchAll(/\bview == ([\w.]+)/g)) assert.equal(view, TOPOLOGY_VIEW_ID, w);
      for (const [, key] of w.matchAll(/\bconfig\.([\w.]+)/g))
        assert.ok(key && settings.has(key) && key.startsWith(`${CONFIG_SECTION}.`), `setting ${key ?? ''} in ${w}`);
      const ours = [...w.matchAll(/(?<![\w.])(dockerNetworks\.[\w.]+)/g)]
        .map((x) => x[1] ?? '')
        .filter((k) => k !== TOPOLOGY_VIEW_ID && !w.includes(`config.${k}`));
      for (const k of ours) assert.ok(keys.has(k), `context key ${k} in ${w}`);
    }
  });

  it('every viewItem pattern, and each of its alternatives, matches a contextValue the tree sets', () => {
    const values = allContextValues();
    let patterns = 0;
    for (const w of whens) {
      for (const [, source] of w.matchAll(/viewItem =~ \/((?:[^/\\]|\\.)+)\//g)) {
        patterns++;
        const re = new RegExp(source ?? '');
        assert.ok(
          values.some((v) => re.test(v)),
          `${source ?? ''} matches no contextValue`,
        );
        // ^(a|b|c): each alternative on its own must match something too (no dead branch).
        const alts = /^\^\((.*)\)$/.exec(source ?? '')?.[1];
        for (const alt of alts ? splitTopLevel(alts) : []) {
          const one = new RegExp(`^(?:${alt})`);
          assert.ok(
            values.some((v) => one.test(v)),
            `alternative ${alt} of ${source ?? ''} matches no contextValue`,
          );
        }
      }
    }
    assert.ok(patterns >= 8, `found ${patterns} viewItem patterns`);
  });
});

/** Splits `a|b(c|d)|e` on the top-level bars only. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    if (ch === '\\') {
      cur += ch + (s[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === '|' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
