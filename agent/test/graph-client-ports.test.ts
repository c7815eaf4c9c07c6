import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphClient } from '../src/mcp/graphql.js';

/** Ports fetch refuses to reach (the browsers' "bad ports"); the first free one is used. */
const BAD_PORTS = [6000, 6665, 6666, 6667, 6668, 6669, 10080];

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      const { query } = JSON.parse(body) as { query: string };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { echo: query, auth: request.headers.authorization } }));
    });
  });
  for (const port of BAD_PORTS) {
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (listening) {
      url = `http://127.0.0.1:${port}/graphql`;
      return;
    }
  }
  throw new Error(`none of the ports ${BAD_PORTS.join(', ')} is free`);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the graph client of the MCP tools and the assistant', () => {
  it('reaches a gateway on a port fetch refuses', async () => {
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
    const graph = graphClient({ url, token: 'ls_test' });
    await expect(graph<{ echo: string; auth: string }>('{ whoami }')).resolves.toEqual({ echo: '{ whoami }', auth: 'Bearer ls_test' });
  });
});
