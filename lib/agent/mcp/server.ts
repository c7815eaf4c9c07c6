/**
 * Lifestone's MCP server: every tool of `../tools/` on one `McpServer`,
 * whatever the transport (stdio, Streamable HTTP, or in memory for the
 * assistant service).
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { TOOLS } from '../tools/index.js';
import { DATA_NOT_INSTRUCTIONS, toolErrorText, toolResultText } from '../tools/result.js';
import type { LifestoneTool, ToolContext } from '../tools/types.js';

/** The name and version MCP clients see. */
export const SERVER_INFO = { name: 'lifestone', version: '0.1.0' } as const;

/** What the server tells clients in `initialize`, for their system prompt. */
export const SERVER_INSTRUCTIONS =
  "Lifestone's tools read the live telemetry of a fleet of Asheron's Call characters. Every answer is JSON: " +
  '{"note", "data", "truncated"?} when it succeeds (truncated lists what was cut to fit), {"error": {"code", "message"}} when it fails. ' +
  DATA_NOT_INSTRUCTIONS;

/**
 * A new MCP server whose tools run with `context` (its `graphql` carries the
 * caller's token). Not yet connected: `await server.connect(transport)`.
 * `query_telemetry_db` is listed only when `context.readOnlySql` is set.
 */
export function createLifestoneMcpServer(context: ToolContext, tools: readonly LifestoneTool[] = TOOLS): McpServer {
  const server = new McpServer(SERVER_INFO, { instructions: SERVER_INSTRUCTIONS });
  for (const tool of tools) {
    if (tool.name === 'query_telemetry_db' && !context.readOnlySql) continue;
    server.registerTool(
      tool.name,
      { description: tool.description, inputSchema: tool.input, annotations: { readOnlyHint: true, openWorldHint: false } },
      async (input: unknown, extra): Promise<CallToolResult> => {
        const signal = context.signal ? AbortSignal.any([context.signal, extra.signal]) : extra.signal;
        try {
          const data = await tool.run(input as never, { ...context, signal });
          return { content: [{ type: 'text', text: toolResultText(data) }] };
        } catch (error) {
          return { isError: true, content: [{ type: 'text', text: toolErrorText(error) }] };
        }
      },
    );
  }
  return server;
}
