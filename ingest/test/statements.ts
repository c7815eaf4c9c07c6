import type { PoolClient } from 'pg';

/**
 * Records the text of every statement sent on `client` until `restore()`,
 * in order: a plain query's, a prepared statement's, and a submittable's
 * (the writer's COPYs) by its `text`.
 */
export function recordStatements(client: PoolClient): { statements: string[]; restore: () => void } {
  const statements: string[] = [];
  const query = client.query.bind(client) as (config: unknown, ...rest: unknown[]) => unknown;
  client.query = ((config: unknown, ...rest: unknown[]) => {
    statements.push(typeof config === 'string' ? config : (config as { text: string }).text);
    return query(config, ...rest);
  }) as typeof client.query;
  return { statements, restore: () => (client.query = query as typeof client.query) };
}
