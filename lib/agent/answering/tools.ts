/**
 * The assistant's tools, reached the way any MCP client reaches them: an SDK
 * `Client` connected to Lifestone's MCP server (`../mcp/server.ts`) over an
 * in-memory transport pair, so the assistant calls exactly what external MCP
 * clients call, with the same validation and the same result envelope.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createLifestoneMcpServer } from '../mcp/server.js';
import type { LifestoneTool, ToolContext } from '../tools/types.js';
import type { ModelTool } from './providers/types.js';

/** A tool's answer as the model gets it: the text of its content, and whether it failed. */
export interface ToolOutcome {
  text: string;
  isError: boolean;
}

/** The tools on one connected MCP client. */
export interface ToolBox {
  /** Every tool the server lists, as the model is told about them. */
  readonly tools: readonly ModelTool[];
  /** The server's `instructions`, for the system prompt; empty when it gives none. */
  readonly instructions: string;
  /**
   * Calls one tool. A tool that fails, an unknown tool or invalid arguments
   * give an `isError` outcome the model can read; only an abort of `signal` rejects.
   */
  call(name: string, input: Record<string, unknown>, options: { signal: AbortSignal; timeoutMs: number }): Promise<ToolOutcome>;
  close(): Promise<void>;
}

/** Connects an MCP client to a new Lifestone MCP server whose tools run with `context` (default: every tool). */
export async function connectToolBox(context: Omit<ToolContext, 'signal'>, tools?: readonly LifestoneTool[]): Promise<ToolBox> {
  const server = createLifestoneMcpServer(context, tools);
  const client = new Client({ name: 'lifestone-assistant', version: '0.1.0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  // A server with no tools (none registered) does not answer tools/list at all.
  const listed = client.getServerCapabilities()?.tools ? (await client.listTools()).tools : [];
  return {
    tools: listed.map((tool) => ({ name: tool.name, description: tool.description ?? '', inputSchema: tool.inputSchema as Record<string, unknown> })),
    instructions: client.getInstructions() ?? '',
    async call(name, input, { signal, timeoutMs }) {
      try {
        const result = await client.callTool({ name, arguments: input }, undefined, { signal, timeout: Math.max(1, timeoutMs) });
        const content = (result.content ?? []) as { type: string; text?: string }[];
        return { text: content.map((part) => (part.type === 'text' ? (part.text ?? '') : JSON.stringify(part))).join('\n'), isError: result.isError === true };
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        return { text: JSON.stringify({ error: { code: 'TOOL_FAILED', message: (error as Error).message } }), isError: true };
      }
    },
    async close() {
      await client.close();
      await server.close();
    },
  };
}
