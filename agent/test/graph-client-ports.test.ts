import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphClient } from '@lifestone/lib/graph-client';
import { onFetchRefusedPort } from './refused-ports.js';

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
  url = await onFetchRefusedPort(
    (port) =>
      new Promise<string>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${port}/graphql`));
      }),
  );
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the graph client of the MCP tools and the assistant', () => {
  it('reaches a gateway on a port fetch refuses', async () => {
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
    const graph = graphClient({ url, token: 'ls_test' });
    await expect(graph<{ echo: string; auth: string }>('{ whoami }')).resolves.toEqual({ echo: '{ whoami }', auth: 'Bearer ls_test' });
  });
});
