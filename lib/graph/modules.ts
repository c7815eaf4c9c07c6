import { isSubgraphName, SUBGRAPH_NAMES, subgraphManifest } from '../config/services.js';
import type { SubgraphModule } from './subgraph.js';

/**
 * The module of subgraph `name`, from its package's factory
 * (`@lifestone/subgraph-telemetry` exports `telemetrySubgraph()`, and so on;
 * see `lib/config/services.ts`), with its default options. Imported by name at run time,
 * so that lib does not depend on the subgraphs and a missing one fails only
 * when asked for.
 */
export async function loadSubgraphModule(name: string): Promise<SubgraphModule> {
  if (!isSubgraphName(name)) throw new Error(`unknown subgraph ${JSON.stringify(name)}: expected one of ${SUBGRAPH_NAMES.join(', ')}`);
  const { packageName, factory: factoryName, folder } = subgraphManifest(name);
  let exports: Record<string, unknown>;
  try {
    exports = (await import(packageName)) as Record<string, unknown>;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === 'ERR_MODULE_NOT_FOUND' && message?.includes(packageName)) {
      throw new Error(`the ${name} subgraph is not there yet: ${packageName} (${folder}/index.ts) cannot be loaded`, { cause: error });
    }
    throw error;
  }
  const factory = exports[factoryName];
  if (typeof factory !== 'function') throw new Error(`${packageName} does not export a function ${factoryName}()`);
  return (factory as () => SubgraphModule)();
}
