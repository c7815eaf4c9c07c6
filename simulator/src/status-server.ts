/**
 * The simulated game server's status page, so that the server status the
 * dashboard shows under `npm start` comes from a real probe: `GET /status`
 * answers `{"name": ..., "players": <connected characters>}`.
 */
import { createServer } from 'node:http';
import { listen, requestUrl } from '@lifestone/lib/http';

export interface StatusServer {
  /** `http://host:port/status` */
  url: string;
  close(): Promise<void>;
}

/** Serves `players()` at `/status` on `host` (default loopback) and a free port unless one is given. */
export async function startStatusServer(name: string, players: () => number, { host = '127.0.0.1', port = 0 } = {}): Promise<StatusServer> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || requestUrl(request)?.pathname !== '/status') {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'only GET /status is served here' }));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ name, players: players() }));
  });
  const { origin } = await listen(server, port, host);
  return {
    url: `http://${origin}/status`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
