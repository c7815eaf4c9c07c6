/**
 * `npm run mcp`: Lifestone's MCP server over stdio, for MCP clients that
 * start it themselves (Claude Desktop, editors). Configured by the
 * environment: LIFESTONE_GRAPHQL_URL, LIFESTONE_API_TOKEN, and DATABASE_URL
 * for `query_telemetry_db` (see lib/agent/README.md). Logs go to stderr: stdout
 * carries the protocol.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import pg from 'pg';
import { setting } from '@lifestone/lib/config';
import { graphClient, graphSubscriber } from '@lifestone/lib/graph-client';
import { createLifestoneMcpServer, createReadOnlySql } from '@lifestone/lib/agent';

const token = setting('LIFESTONE_API_TOKEN');
if (!token) {
  process.stderr.write('LIFESTONE_API_TOKEN is not set: the MCP server calls the graph with an API token (an admin creates one with the createApiToken mutation).\n');
  process.exit(2);
}
const url = setting('LIFESTONE_GRAPHQL_URL') as string;
const pool = process.env.DATABASE_URL ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }) : undefined;
pool?.on('error', (error) => process.stderr.write(`database connection lost: ${error.message}\n`));

const server = createLifestoneMcpServer({ graphql: graphClient({ url, token }), subscribe: graphSubscriber({ url, token }), ...(pool ? { readOnlySql: createReadOnlySql({ pool }).forCaller('stdio') } : {}) });
const transport = new StdioServerTransport();
transport.onclose = () => void shutdown();
await server.connect(transport);
process.stderr.write(`Lifestone MCP server on stdio: graph ${url}${pool ? ', query_telemetry_db enabled' : ''}\n`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.close();
  await pool?.end();
  process.exit(0);
}
process.stdin.on('end', () => void shutdown());
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
