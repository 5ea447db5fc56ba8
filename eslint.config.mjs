// typescript-eslint with type information (floating promises are caught), plus the house rules as
// lint errors: which files may import dockerode, child_process, vscode and node; 400 lines per
// file; no import cycles.
import { builtinModules } from 'node:module';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noDockerode = { name: 'dockerode', message: 'Only src/docker/dockerodeGateway.ts talks to dockerode (the DockerGateway interface).' };
const noModem = { name: 'docker-modem', message: 'Only src/docker/dockerodeGateway.ts talks to the engine.' };
const spawnMessage = 'Only src/host/exec.ts spawns processes (execFile with argument arrays).';
const noSpawn = [
  { name: 'child_process', message: spawnMessage },
  { name: 'node:child_process', message: spawnMessage },
];
const noNode = nodeBuiltins.map((name) => ({
  name,
  message: 'This code runs where node does not (webview) or must stay pure (src/shared).',
}));
const noVscode = { name: 'vscode', message: 'src/shared and webview/ never import vscode.' };

export default tseslint.config(
  { ignores: ['dist/**', 'dist-test/**', 'node_modules/**', 'test-results/**', 'esbuild.mjs', 'eslint.config.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      // Without these, no-cycle never parses a .ts file and finds nothing.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      // node:test's describe/it return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-lines': ['error', { max: 400 }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  // Engine access: dockerode only behind the gateway.
  {
    files: ['src/**/*.ts', 'webview/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/docker/dockerodeGateway.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noDockerode, noModem] }] },
  },
  // Processes: one spawner in src (tests and benches drive the docker CLI themselves).
  {
    files: ['src/**/*.ts'],
    ignores: ['src/docker/dockerodeGateway.ts', 'src/host/exec.ts', 'src/shared/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noDockerode, noModem, ...noSpawn] }] },
  },
  // Pure and portable: src/shared and the webview import neither vscode nor node.
  {
    files: ['src/shared/**/*.ts', 'webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noDockerode, noModem, noVscode, ...noNode] }] },
  },
);
