// Bundles the extension (node), the CLI (node), the webview (browser) and every test/bench entry.
//   node esbuild.mjs               everything, with source maps (dev and tests); cleans dist and dist-test
//   node esbuild.mjs --production  only the two shipped bundles (dist/extension.js, dist/webview.js),
//                                  minified, no source maps (vscode:prepublish, used by `npm run package`)
//   node esbuild.mjs --shipped     only the two shipped bundles, as the dev build makes them (restores
//                                  them after a package run without touching dist-test)
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const shippedOnly = production || process.argv.includes('--shipped');
if (shippedOnly) {
  // A map left from a dev build would otherwise sit next to a bundle it does not describe.
  for (const f of ['dist/extension.js.map', 'dist/webview.js.map']) rmSync(f, { force: true });
} else {
  // Stale bundles of deleted tests would still run: start clean.
  for (const dir of ['dist', 'dist-test']) rmSync(dir, { recursive: true, force: true });
}

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

/**
 * dockerode loads its BuildKit session module (@grpc/grpc-js, @grpc/proto-loader, protobufjs) at
 * require time, for `buildImage(..., {version: '2'})` only. Nothing here builds images, and that
 * tree was most of the bundle and of its start-up time, so the extension and the CLI get a stub
 * that throws if it is ever called.
 */
const noBuildkitSession = {
  name: 'no-buildkit-session',
  setup(build) {
    build.onResolve({ filter: /^\.\/session$/ }, (args) =>
      /[\\/]dockerode[\\/]lib$/.test(args.resolveDir) ? { path: 'dockerode-session-stub', namespace: 'dne-stub' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'dne-stub' }, () => ({
      contents:
        "module.exports = function withSession() { throw new Error('BuildKit sessions are not bundled in Docker Network Explorer'); };",
      loader: 'js',
    }));
  },
};

// ssh2's native crypto and cpu-features are optional (loaded in try/catch); keep them out of bundles.
const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['cpu-features', '*.node'],
  plugins: [noBuildkitSession],
};

/** Shipped in the .vsix: minified without maps for production, with maps otherwise. */
const shipped = { sourcemap: !production, minify: production };

const bundles = [
  { ...node, ...shipped, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: [...node.external, 'vscode'] },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    logLevel: 'warning',
    ...shipped,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
  },
];

const builds = shippedOnly
  ? bundles
  : [
      ...bundles,
      { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js' },
      {
        ...node,
        entryPoints: entries('test', (p) => p.endsWith('.ts') && !p.includes('/fixtures/')).concat(
          entries('bench', (p) => p.endsWith('.ts')),
          entries('scripts', (p) => p.endsWith('.ts')),
        ),
        outdir: 'dist-test',
        outbase: '.',
        external: [...node.external, 'vscode', 'mocha', 'playwright-core', '@vscode/test-electron'],
      },
    ];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
