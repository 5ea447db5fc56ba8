// Writes schema/*.schema.json from the runtime schemas (`npm run schema`). Commit the result: a
// unit test fails when the committed files and the schemas differ.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jsonSchemaFiles } from './jsonSchemas';

// Bundled to dist-test/scripts/: the repository is two levels up.
const dir = join(resolve(__dirname, '..', '..'), 'schema');
mkdirSync(dir, { recursive: true });
for (const [file, text] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(join(dir, file), text);
  process.stdout.write(`wrote schema/${file}\n`);
}
