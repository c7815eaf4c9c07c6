import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { schemaFiles, schemasDir } from './schema-files.js';

/**
 * Writes the published JSON Schemas to lib/protocol/schemas/ (`npm run schemas`).
 * With `--check` (`npm run schemas:check`), writes nothing and exits 1 when a
 * file is missing, differs, or is no longer generated.
 */

const expected = schemaFiles();
const onDisk = new Set((await readdir(schemasDir).catch(() => [])).filter((file) => file.endsWith('.json')));
const stale = [...onDisk].filter((file) => !expected.has(file));

if (process.argv.includes('--check')) {
  const problems: string[] = stale.map((file) => `${file} is no longer generated`);
  for (const [file, content] of expected) {
    if (!onDisk.has(file)) problems.push(`${file} is missing`);
    else if ((await readFile(path.join(schemasDir, file), 'utf8')) !== content) problems.push(`${file} differs from the zod schemas`);
  }
  if (problems.length > 0) {
    console.error(`lib/protocol/schemas/ is out of date:\n  ${problems.join('\n  ')}\nRun \`npm run schemas\` and commit the result.`);
    process.exit(1);
  }
  console.log(`lib/protocol/schemas/: ${expected.size} JSON Schemas, all current.`);
} else {
  await mkdir(schemasDir, { recursive: true });
  for (const [file, content] of expected) await writeFile(path.join(schemasDir, file), content);
  for (const file of stale) await rm(path.join(schemasDir, file));
  console.log(`Wrote ${expected.size} JSON Schemas to lib/protocol/schemas/${stale.length ? `; removed ${stale.join(', ')}` : ''}.`);
}
