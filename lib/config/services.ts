/**
 * The subgraphs of the graph, in the order the gateway composes them: the one
 * list that codegen, the gateway's settings, `npm start`,
 * `npm run start:subgraph`, the configuration table and the test stack read.
 * Adding a subgraph is adding a line here (and its package under `subgraphs/`).
 * It lives with the settings, which name each subgraph's port and address,
 * so that the database and config layers need nothing from lib/graph.
 */

/** One subgraph, and where everything about it is. */
export interface SubgraphManifest<N extends string = string> {
  name: N;
  /** Its package's folder, from the repository's root. */
  folder: `subgraphs/${N}`;
  /** Its SDL, the source of truth, from the repository's root. */
  schema: `subgraphs/${N}/${N}.graphql`;
  /** The package that serves it, and the function of that package that describes it (`telemetrySubgraph()`). */
  packageName: `@lifestone/subgraph-${N}`;
  factory: `${N}Subgraph`;
  /** Its port when `npm start` or `npm run start:subgraph` serves it, unless its port setting says otherwise. */
  defaultPort: number;
  /** The setting of its port, and the one that tells the gateway where it is. */
  portSetting: `LIFESTONE_${Uppercase<N>}_PORT`;
  urlSetting: `LIFESTONE_${Uppercase<N>}_URL`;
  /** Whether it writes to PostgreSQL (and reads what it wrote): such a subgraph never queries a read replica. */
  writes: boolean;
}

function subgraph<const N extends string>(name: N, defaultPort: number, { writes = false } = {}): SubgraphManifest<N> {
  const upper = name.toUpperCase() as Uppercase<N>;
  return {
    name,
    folder: `subgraphs/${name}`,
    schema: `subgraphs/${name}/${name}.graphql`,
    packageName: `@lifestone/subgraph-${name}`,
    factory: `${name}Subgraph`,
    defaultPort,
    portSetting: `LIFESTONE_${upper}_PORT`,
    urlSetting: `LIFESTONE_${upper}_URL`,
    writes,
  };
}

/** Every subgraph of the graph, in the order the gateway composes them. */
export const SUBGRAPHS = [subgraph('telemetry', 4201), subgraph('inventory', 4202), subgraph('combat', 4203), subgraph('assistant', 4204, { writes: true }), subgraph('accounts', 4205, { writes: true })] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** The names of {@link SUBGRAPHS}, in the same order. */
export const SUBGRAPH_NAMES: readonly SubgraphName[] = SUBGRAPHS.map((entry) => entry.name);

/** Whether `name` is one of {@link SUBGRAPH_NAMES}. */
export function isSubgraphName(name: string): name is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(name);
}

/** The manifest entry of subgraph `name`. */
export function subgraphManifest<N extends SubgraphName>(name: N): Extract<(typeof SUBGRAPHS)[number], { name: N }> {
  return SUBGRAPHS.find((entry) => entry.name === name) as Extract<(typeof SUBGRAPHS)[number], { name: N }>;
}

/** The gateway's default address of subgraph `name`: its default port on loopback. */
export function defaultSubgraphUrl(name: SubgraphName): string {
  return `http://127.0.0.1:${subgraphManifest(name).defaultPort}/graphql`;
}

/**
 * The database subgraph `name` queries: the read replica (`readUrl`, from
 * `DATABASE_READ_URL`) when there is one and the subgraph only reads, else
 * the primary.
 */
export function subgraphDatabaseUrl(name: SubgraphName, primaryUrl: string, readUrl: string | undefined): string {
  return readUrl && !subgraphManifest(name).writes ? readUrl : primaryUrl;
}
