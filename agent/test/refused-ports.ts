/**
 * Ports fetch refuses to reach (the browsers' "bad ports"): a gateway may
 * still listen on one, and the MCP tools and the assistant must reach it.
 */
import { request } from 'undici';

/** Some of fetch's refused ports; the first free one is used. */
export const FETCH_REFUSED_PORTS = [6000, 6665, 6666, 6667, 6668, 6669, 10080];

/** `start(port)` on the first of {@link FETCH_REFUSED_PORTS} it can listen on. */
export async function onFetchRefusedPort<T>(start: (port: number) => Promise<T>): Promise<T> {
  for (const port of FETCH_REFUSED_PORTS) {
    try {
      return await start(port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error(`none of the ports ${FETCH_REFUSED_PORTS.join(', ')} is free`);
}

/** A fetch for test clients (the MCP SDK's transport) that reaches those ports too: undici's request, its body read whole (/mcp answers JSON, never a stream). */
export async function fetchAnyPort(url: string | URL, init: RequestInit = {}): Promise<Response> {
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  const response = await request(url, { method: (init.method ?? 'GET') as 'GET', headers, body: init.body as string | undefined, signal: init.signal ?? undefined });
  const answerHeaders = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    for (const one of [value ?? []].flat()) answerHeaders.append(name, one);
  }
  const body = Buffer.from(await response.body.arrayBuffer());
  const empty = response.statusCode === 204 || response.statusCode === 304;
  return new Response(empty ? null : body, { status: response.statusCode, headers: answerHeaders });
}
