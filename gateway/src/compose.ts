/**
 * Composes the supergraph from the subgraphs' SDL files with
 * `@theguild/federation-composition` (no downloaded binary). The gateway does
 * this at every start; `npm run compose` does it alone, writes
 * `gateway/supergraph.graphql` and exits non-zero listing every composition
 * error, so a subgraph change that breaks the graph fails the build.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { composeServices } from '@theguild/federation-composition';
import { parse, type DocumentNode } from 'graphql';
import { SUBGRAPH_NAMES, type SubgraphName } from '@lifestone/lib/graph';

/** Where each subgraph answers (`http://host:port/graphql`); the supergraph records it for the gateway's transports. */
export type SubgraphUrls = Record<SubgraphName, string>;

/** The repository's root, where `subgraphs/<name>/<name>.graphql` live. */
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The file `npm run compose` writes. */
export const SUPERGRAPH_FILE = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

/** Composition failed; `errors` holds every message, `message` lists them one per line. */
export class CompositionError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`the subgraphs do not compose:\n${errors.map((error) => `  - ${error}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/** The SDL file of one subgraph: `subgraphs/<name>/<name>.graphql`. */
export function subgraphSdlPath(name: SubgraphName, root = repositoryRoot): string {
  return path.join(root, 'subgraphs', name, `${name}.graphql`);
}

/**
 * Reads the three SDL files and composes them into a supergraph SDL that
 * routes each subgraph to its URL. Throws a {@link CompositionError} listing
 * every error (a missing or unparsable file is one too).
 */
export async function composeSupergraph(urls: SubgraphUrls, root = repositoryRoot): Promise<string> {
  const errors: string[] = [];
  const services: SubgraphService[] = [];
  for (const name of SUBGRAPH_NAMES) {
    const file = subgraphSdlPath(name, root);
    let sdl: string;
    try {
      sdl = await readFile(file, 'utf8');
    } catch (error) {
      errors.push(`${name}: cannot read ${path.relative(root, file)}: ${(error as Error).message}`);
      continue;
    }
    try {
      services.push({ name, typeDefs: parse(sdl), url: urls[name] });
    } catch (error) {
      errors.push(`${name}: ${path.relative(root, file)} is not valid GraphQL: ${(error as Error).message}`);
    }
  }
  if (errors.length > 0) throw new CompositionError(errors);
  return composeDocuments(services);
}

/** One subgraph as composition takes it. */
export interface SubgraphService {
  name: string;
  typeDefs: DocumentNode;
  url: string;
}

/** Composes parsed subgraph SDLs; throws a {@link CompositionError} listing every error. */
export function composeDocuments(services: readonly SubgraphService[]): string {
  const result = composeServices([...services]);
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  return result.supergraphSdl;
}

async function main(): Promise<void> {
  // Imported here: settings.ts imports this module.
  const { gatewaySettingsFromEnv } = await import('./settings.js');
  try {
    const supergraph = await composeSupergraph(gatewaySettingsFromEnv().subgraphs);
    await writeFile(SUPERGRAPH_FILE, supergraph);
    process.stdout.write(`composed ${SUBGRAPH_NAMES.join(', ')} into ${path.relative(process.cwd(), SUPERGRAPH_FILE)}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof CompositionError ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
