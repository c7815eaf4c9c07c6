import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createLifestoneMcpServer } from '../../lib/agent/mcp/server.js';

/** An MCP client connected in memory to Lifestone's MCP server over `context`, as the answering loop connects. */
export async function inMemoryMcpClient(context: Parameters<typeof createLifestoneMcpServer>[0], name = 'test'): Promise<Client> {
  const server = createLifestoneMcpServer(context);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name, version: '1' });
  await client.connect(clientSide);
  return client;
}
