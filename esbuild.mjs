// Bundles the extension (node), the CLI (node), the webview (browser) and every test/bench entry.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
// Stale bundles of deleted tests would still run: start clean.
for (const dir of ['dist', 'dist-test']) rmSync(dir, { recursive: true, force: true });

/** Test, bench and script entry points: every *.test.ts plus the named runners. */
function entries(dir, pick) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...entries(p, pick));
    else if (pick(p)) out.push(p);
  }
  return out;
}

// ssh2's native crypto and cpu-features are optional (loaded in try/catch); keep them out of bundles.
const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', external: ['cpu-features', '*.node'] };

const builds = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: [...node.external, 'vscode'] },
  { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js' },
  {
    bundle: true, platform: 'browser', target: 'es2022', format: 'iife', sourcemap: true, logLevel: 'warning',
    entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js',
  },
  {
    ...node,
    entryPoints: entries('test', (p) => p.endsWith('.ts') && !p.includes('/fixtures/')).concat(entries('bench', (p) => p.endsWith('.ts')), entries('scripts', (p) => p.endsWith('.ts'))),
    outdir: 'dist-test', outbase: '.',
    external: [...node.external, 'vscode', 'mocha', 'playwright-core', '@vscode/test-electron'],
  },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
