import { request, type IncomingMessage } from 'node:http';

/**
 * A value of a service's Prometheus `/metrics` (0 while the series is not
 * there yet). `url` is the service's base URL or its `/graphql` endpoint.
 */
export async function metricValue(url: string, series: string): Promise<number> {
  const text = await (await fetch(`${url.replace(/\/graphql$/, '')}/metrics`)).text();
  const line = text.split('\n').find((row) => row.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/** What a paused SSE subscription received once read: its text, and whether it ended with `complete`. */
export interface EventStreamText {
  text: string;
  complete: boolean;
}

/**
 * Opens an SSE subscription (`body`, a GraphQL request, with an API token)
 * whose reader does not read until `resume()`; that resolves with
 * everything the stream then gives until it ends. It has a connection of
 * its own (no keep-alive agent): a reused one's socket buffers, grown while
 * it was read, would hold what the server could not send.
 */
export function pausedEventStream(url: string, token: string, body: string): Promise<{ resume: () => Promise<EventStreamText> }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` } }, (response: IncomingMessage) => {
      response.pause();
      resolve({
        resume: () =>
          new Promise((done) => {
            const chunks: Buffer[] = [];
            const finish = (): void => {
              const text = Buffer.concat(chunks).toString('utf8');
              done({ text, complete: text.endsWith('event: complete\ndata:\n\n') });
            };
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.once('end', finish);
            response.once('aborted', finish);
            response.once('error', finish);
            response.resume();
          }),
      });
    });
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}
