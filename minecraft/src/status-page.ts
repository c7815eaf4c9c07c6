/**
 * The bridge's view of its servers as status pages that ingest's game server
 * watcher probes (`LIFESTONE_GAME_SERVERS`, http): `GET /status/<name>`
 * answers 200 `{"server", "players"}` while that server's bot is in the world
 * (`players`: the players it reports), 503 `{"server", "status"}` while it
 * connects or waits to try again. So a Minecraft server's status in the
 * graph is the bridge's own: up when the bot is in, down when it lost it.
 */
import { createServer } from 'node:http';
import { listen, requestUrl } from '@lifestone/lib/http';
import type { SpectatorBot } from './spectator.js';

/** One server's status page. */
export interface ServerStatusPage {
  /** The server's name in Lifestone. */
  name: string;
  url: URL;
}

export interface BridgeStatusPages {
  pages: ServerStatusPage[];
  close(): Promise<void>;
}

/** Serves each bot's status on `host` (default loopback) and `port` (default: a free one). */
export async function startBridgeStatusPages(bots: readonly SpectatorBot[], { host = '127.0.0.1', port = 0 } = {}): Promise<BridgeStatusPages> {
  const byPath = new Map(bots.map((bot) => [`/status/${encodeURIComponent(bot.server.name)}`, bot]));
  const server = createServer((request, response) => {
    const bot = request.method === 'GET' ? byPath.get(requestUrl(request)?.pathname ?? '') : undefined;
    const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
    if (!bot) {
      response.writeHead(404, headers).end(JSON.stringify({ error: 'GET /status/<server name> is served here, for the servers of LIFESTONE_MINECRAFT_SERVERS' }));
    } else if (bot.status === 'online') {
      response.writeHead(200, headers).end(JSON.stringify({ server: bot.server.name, players: bot.reported.length }));
    } else {
      response.writeHead(503, headers).end(JSON.stringify({ server: bot.server.name, status: bot.status }));
    }
  });
  const { origin } = await listen(server, port, host);
  return {
    pages: bots.map((bot) => ({ name: bot.server.name, url: new URL(`http://${origin}/status/${encodeURIComponent(bot.server.name)}`) })),
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
