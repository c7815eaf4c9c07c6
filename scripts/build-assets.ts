/**
 * The step of `npm run build` after `tsc -b tsconfig.build.json`: puts beside
 * each workspace's compiled code (its `dist/`) what that code reads at run
 * time next to itself: SDL (`.graphql`), migrations (`.sql`) and JSON
 * schemas, at the same place relative to the code as in the sources. A worker
 * thread's entry (an `.mjs` beside its `.ts`) registers tsx and imports its `.ts` in the
 * sources; its compiled counterpart imports the compiled `.js` instead, so
 * that production needs neither tsx nor the sources.
 *
 * The workspaces are those `tsconfig.build.json` references, with the
 * `rootDir` and `outDir` their own `tsconfig.build.json` gives.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../', import.meta.url));
/** Files code reads beside itself at run time. */
const RUNTIME_FILES = new Set(['.graphql', '.sql', '.json']);
const NOT_RUNTIME = /^(package|tsconfig.*)\.json$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'test']);
/** A worker thread's entry: an `.mjs` beside its `.ts` (test fixtures are not built). */
const isWorkerEntry = (name: string): boolean => name.endsWith('.mjs');

interface Project { rootDir: string; outDir: string }

/** Every project `configFile` references, transitively, with its own folders. */
function projects(configFile: string, seen = new Map<string, Project>()): Map<string, Project> {
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  } });
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  const { rootDir, outDir } = parsed.options;
  if (rootDir && outDir) seen.set(configFile, { rootDir, outDir });
  for (const reference of parsed.projectReferences ?? []) {
    const referenced = ts.resolveProjectReferencePath(reference);
    if (!seen.has(referenced)) projects(referenced, seen);
  }
  return seen;
}

/** The compiled entry of a worker thread: the source's `import('./x.ts')` as `import('./x.js')`, without tsx. */
async function compiledWorkerEntry(source: string): Promise<string> {
  const target = /import\('(\.\/[\w./-]+)\.ts'\)/.exec(await readFile(source, 'utf8'))?.[1];
  if (!target) throw new Error(`${path.relative(root, source)} imports no ./<name>.ts: cannot write its compiled entry`);
  return `// Compiled by npm run build from ${path.relative(root, source)}: the thread's JavaScript is beside this file.\nawait import('${target}.js');\n`;
}

async function copyRuntimeFiles(folder: string, project: Project): Promise<number> {
  let copied = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const source = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && source !== project.outDir) copied += await copyRuntimeFiles(source, project);
      continue;
    }
    const target = path.join(project.outDir, path.relative(project.rootDir, source));
    if (isWorkerEntry(entry.name)) {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, await compiledWorkerEntry(source));
      copied += 1;
    } else if (RUNTIME_FILES.has(path.extname(entry.name)) && !NOT_RUNTIME.test(entry.name)) {
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(source, target);
      copied += 1;
    }
  }
  return copied;
}

let total = 0;
for (const project of projects(path.join(root, 'tsconfig.build.json')).values()) total += await copyRuntimeFiles(project.rootDir, project);
console.log(`build: ${total} run-time files beside the compiled code`);
