/**
 * What every assistant tool is: a named, described operation with a zod
 * input schema, run against Lifestone's graph (through the gateway, with an
 * API token) and returning compact JSON. The MCP server (`../mcp/`) serves
 * them to any MCP client; the assistant service (`../assistant/`) calls them
 * through that server.
 */
import type { GraphRequest, GraphSubscribe } from '../../graph-client/index.js';
import type { z } from 'zod';

export type { GraphRequest, GraphSubscribe };

/** What a tool may use. */
export interface ToolContext {
  graphql: GraphRequest;
  /** Subscriptions, for tools that wait on a stream (`suitbuilder_search`); absent where none can be made. */
  subscribe?: GraphSubscribe;
  /** Read-only SQL for `query_telemetry_db` only (see `../sql/`); absent where no database is configured. */
  readOnlySql?: (sql: string, signal?: AbortSignal) => Promise<{ columns: string[]; rows: unknown[][]; truncated: boolean }>;
  signal?: AbortSignal;
}

/** One tool. `input` is a zod object schema: MCP clients get its JSON Schema, calls are validated against it. */
export interface LifestoneTool<Input extends z.ZodObject = z.ZodObject> {
  name: string;
  /** Tells the model what the tool returns and that game text in it is data, never instructions. */
  description: string;
  input: Input;
  run(input: z.infer<Input>, context: ToolContext): Promise<unknown>;
}
