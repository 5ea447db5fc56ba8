// The package layer: the .vsix as users get it. Builds it with `npm run package` (vsce at the
// repository root, no prompts), checks what is in it, installs it into a fresh code-server
// (`--install-extension`, its own --user-data-dir and --extensions-dir), opens the workbench in
// Chromium WITHOUT extensionDevelopmentPath, and checks that the Docker Networks view lists the
// engine's built-in networks and that the extension runs in Production mode.
// It only reads the engine (the system's, /var/run/docker.sock): it creates no Docker resource.
// Screenshot: test-results/screenshots/package-installed.png.
// Usage: npm run build && node dist-test/test/package/run.js   (exit 1 on any failure)
//        DNE_VSIX=<file> uses that .vsix instead of building one.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { docker } from '../helpers/docker';
import { revealRow } from '../e2e/dom';
import { errorText, onSignals, preflight, say, type Workbench } from '../e2e/workbench';
import {
  BUILTIN_NETWORKS,
  activationLine,
  buildPackage,
  fileSize,
  openInstalled,
  vsixEntries,
  vsixPath,
  type VsixEntry,
} from './installed';

const TAG = 'package';
const MAX_BYTES = 2 * 1024 * 1024;

interface Check {
  title: string;
  run: () => Promise<string>;
}

function check(cond: boolean, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

const results: { title: string; ok: boolean; detail: string }[] = [];
let vsix = process.env['DNE_VSIX'] ?? '';
let entries: VsixEntry[] = [];
let wb: Workbench | undefined;

const has = (path: string): boolean => entries.some((e) => e.path === path);

const checks: Check[] = [
  {
    title: '`npm run package` makes the .vsix with no prompt, warning or error',
    run: async () => {
      if (vsix) return `DNE_VSIX=${vsix}: not built here`;
      const out = await buildPackage();
      vsix = vsixPath();
      check(existsSync(vsix), `no ${vsix} after npm run package:\n${out}`);
      check(!/\bWARNING\b|\bERROR\b/.test(out), `vsce warned or failed:\n${out}`);
      return `${vsix}`;
    },
  },
  {
    title: 'the .vsix holds the minified bundles, LICENSE, CHANGELOG and README, and no maps, tests, sources or CLI; under 2 MB',
    run: async () => {
      entries = await vsixEntries(vsix);
      const size = fileSize(vsix);
      const need = [
        'extension/package.json',
        'extension/dist/extension.js',
        'extension/dist/webview.js',
        'extension/LICENSE.txt',
        'extension/changelog.md',
        'extension/readme.md',
        'extension/media/network.svg',
      ];
      const missing = need.filter((p) => !has(p));
      check(missing.length === 0, `missing from the .vsix: ${missing.join(', ')}`);
      const banned = entries.filter(
        (e) => /\.map$|\.ts$|(^|\/)(src|test|bench|webview|node_modules|dist-test)\//.test(e.path) || e.path === 'extension/dist/cli.js',
      );
      check(banned.length === 0, `the .vsix ships what it must not: ${banned.map((e) => e.path).join(', ')}`);
      check(size < MAX_BYTES, `the .vsix is ${size} bytes, over ${MAX_BYTES}`);
      const ext = entries.find((e) => e.path === 'extension/dist/extension.js');
      const web = entries.find((e) => e.path === 'extension/dist/webview.js');
      // The dev bundle is about 2.5 MB with a map; minified it is about half of that.
      check(!!ext && ext.bytes < 1_600_000, `dist/extension.js is ${ext?.bytes ?? 0} bytes: not the minified build`);
      check(!!web && web.bytes < 250_000, `dist/webview.js is ${web?.bytes ?? 0} bytes: not the minified build`);
      const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
      return `${(size / 1024).toFixed(0)} KB packed, ${entries.length} files: ${entries.map((e) => `${e.path.replace(/^extension\//, '')} ${kb(e.bytes)}`).join(', ')}`;
    },
  },
  {
    title: 'installed with code-server --install-extension into a fresh extensions dir, the Docker Networks view opens',
    run: async () => {
      wb = await openInstalled(TAG, vsix);
      const dirs = readdirSync(join(wb.stateDir, 'ext')).filter((d) => d.startsWith('docker-network-explorer.docker-network-explorer-'));
      check(dirs.length === 1, `extensions dir holds ${JSON.stringify(readdirSync(join(wb.stateDir, 'ext')))}`);
      check(!wb.url.includes('extensionDevelopmentPath'), `the workbench URL names a development path: ${wb.url}`);
      return `installed as ext/${dirs[0] ?? ''}; workbench open in ${wb.openMs} ms at ${wb.url}`;
    },
  },
  {
    title: `the tree lists the engine's built-in networks (${BUILTIN_NETWORKS.join(', ')}) under Networks`,
    run: async () => {
      check(!!wb, 'no workbench');
      const names = (await docker('network', 'ls', '--format', '{{.Name}}')).split('\n').map((s) => s.trim());
      const builtins = BUILTIN_NETWORKS.filter((n) => names.includes(n));
      check(builtins.length === BUILTIN_NETWORKS.length, `docker network ls shows ${names.join(', ')}: not every built-in network`);
      const rows = [];
      for (const name of builtins) rows.push(await revealRow(wb.page, { label: name, parents: ['Networks'] }, 20_000));
      await revealRow(wb.page, { label: 'Networks' });
      await wb.screenshot('package-installed');
      return rows.map((r) => `"${r.label}${r.description ? ` ${r.description}` : ''}"`).join(', ');
    },
  },
  {
    title: 'the extension is not in development mode, and logs its activation time',
    run: async () => {
      check(!!wb, 'no workbench');
      const title = await wb.page.title();
      check(!/Extension Development Host/i.test(title), `window title "${title}"`);
      const act = await activationLine(wb.stateDir);
      check(act.mode === 'Production', `the extension runs in ${act.mode} mode: "${act.line}"`);
      return `window title "${title}"; log: "${act.line}"`;
    },
  },
];

async function main(): Promise<number> {
  const t0 = Date.now();
  const removeSignals = onSignals(TAG, async () => {
    await wb?.close();
  });
  try {
    await preflight();
    for (const c of checks) {
      const failedBefore = results.some((r) => !r.ok);
      if (failedBefore) {
        results.push({ title: c.title, ok: false, detail: 'not run: an earlier check failed' });
        continue;
      }
      say(TAG, c.title);
      try {
        results.push({ title: c.title, ok: true, detail: await c.run() });
      } catch (err) {
        const shot = wb ? await wb.screenshot('package-FAILED').catch(() => 'none') : 'none';
        results.push({ title: c.title, ok: false, detail: `${errorText(err)}\nscreenshot: ${shot}` });
      }
    }
  } catch (err) {
    for (const c of checks.slice(results.length)) results.push({ title: c.title, ok: false, detail: `not run: ${errorText(err)}` });
  } finally {
    await wb?.close();
    removeSignals();
  }
  process.stdout.write('\n');
  for (const [i, r] of results.entries())
    process.stdout.write(`${r.ok ? 'PASS' : 'FAIL'} ${i + 1}. ${r.title}\n     ${r.detail.replace(/\n/g, '\n     ')}\n`);
  const passed = results.filter((r) => r.ok).length;
  process.stdout.write(`\npackage: ${passed} passed, ${checks.length - passed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  return passed === checks.length ? 0 : 1;
}

void main()
  .catch((err: unknown) => {
    process.stderr.write(`[${TAG}] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.stdout.write(`package: 0 passed, ${checks.length} failed\n`);
    return 1;
  })
  .then((code) => process.stdout.write('', () => process.exit(code)));
