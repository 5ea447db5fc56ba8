// Mocha entry for the VS Code extension host (extensionTestsPath points at the compiled
// dist-test/test/vscode/suite/index.js). Loads every *.test.js next to it: each test file is its
// own esbuild bundle; mocha and vscode stay external and resolve at run time.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

// The extension host forwards console.log arguments unformatted (the runner would print
// "✔ %s (%dms) title 70"), so let mocha's reporters format their printf-style lines first.
Mocha.reporters.Base.consoleLog = (...data: unknown[]): void => console.log(format(...data));

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env['DNE_TEST_GREP'];
  if (grep) mocha.grep(grep);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(join(__dirname, f));

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        const failed = runner.stats?.failures ?? failures;
        console.log(`vscode: ${passed} passed, ${failed} failed`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (err: unknown) {
      console.error(err);
      console.log('vscode: 0 passed, 1 failed');
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
