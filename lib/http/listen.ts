import type { Server } from 'node:http';

/** Where a server listens: its port, and `host:port` as a URL writes it (an IPv6 address in brackets). */
export interface Listening {
  port: number;
  origin: string;
}

/** Listens on `host` and `port` (0 picks a free one); rejects when the server cannot (the port is taken). */
export async function listen(server: Server, port: number, host: string): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the HTTP server has no TCP address');
  return { port: address.port, origin: `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}` };
}
