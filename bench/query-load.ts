/**
 * The query side of `npm run bench:graph`, run as a child process so that the
 * load does not share an event loop with the servers it measures. It waits
 * for {@link QueryRun}s over IPC and answers each with a {@link QueryResult}:
 * `concurrency` keep-alive connections, each POSTing the next body as soon as
 * the previous answer arrived (a closed loop), or with `rate` one connection
 * POSTing at that many requests a second (each request when its turn comes,
 * or as soon as the one before was answered if that is later), first for
 * `warmupSeconds` unrecorded, then for `seconds` recorded.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { IDENTITY_HEADER, signIdentity, type Identity } from '@lifestone/lib/graph';
import { now } from './common.js';

/** One measurement the parent asks for. */
export interface QueryRun {
  url: string;
  headers: Record<string, string>;
  /** Request bodies (JSON), sent in turn. */
  bodies: string[];
  /** Signs each request for this subgraph as the gateway does (straight to a subgraph). */
  signAs?: { identity: Identity; secret: string; subgraph: string };
  concurrency: number;
  /** Requests a second, paced, one at a time (`concurrency` is then 1): every target answers the same number in the same time. */
  rate?: number;
  warmupSeconds: number;
  seconds: number;
}

export interface QueryResult {
  /** Answers that were HTTP 200 without `errors`, in the recorded time. */
  ok: number;
  /** Anything else in the recorded time; `firstError` shows one. */
  failed: number;
  firstError?: string;
  seconds: number;
  /** Latencies of the successful answers (ms); the parent merges the rounds. */
  latencies: number[];
  /** Mean size of an answer's body. */
  bytes: number;
  /** Answers of any kind, the warm-up's included (what the servers did while the parent watched their CPU). */
  total: number;
}

function post(agent: http.Agent, url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function run(spec: QueryRun): Promise<QueryResult> {
  const url = new URL(spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...spec.headers };
  const latencies: number[] = [];
  const result = { ok: 0, failed: 0, bytes: 0, total: 0, firstError: undefined as string | undefined };
  let next = 0;
  const warmupEnds = now() + spec.warmupSeconds * 1000;
  const deadline = warmupEnds + spec.seconds * 1000;

  const interval = spec.rate ? 1000 / spec.rate : 0;
  let turn = now();
  const worker = async (): Promise<void> => {
    for (;;) {
      if (interval > 0) {
        turn += interval;
        const wait = turn - now();
        // A late answer moves the next turns: no burst to catch up.
        if (wait > 0) await sleep(wait);
        else turn = now();
      }
      const started = now();
      if (started >= deadline) return;
      const body = spec.bodies[next++ % spec.bodies.length] as string;
      const signed = spec.signAs
        ? { ...headers, [IDENTITY_HEADER]: signIdentity(spec.signAs.identity, spec.signAs.secret, { use: 'http', subgraph: spec.signAs.subgraph, method: 'POST', operation: body }) }
        : headers;
      const answer = await post(agent, url, signed, body).catch((error: unknown) => ({ status: 0, text: String(error) }));
      result.total++;
      // A request that started during the warm-up is not recorded, even if it ends after.
      if (started < warmupEnds) continue;
      if (answer.status === 200 && !answer.text.includes('"errors":')) {
        result.ok++;
        result.bytes += answer.text.length;
        latencies.push(now() - started);
      } else {
        result.failed++;
        result.firstError ??= `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  agent.destroy();
  return { ...result, bytes: result.ok ? result.bytes / result.ok : 0, seconds: spec.seconds, latencies };
}

process.on('message', (spec: QueryRun) => {
  void run(spec).then((result) => process.send?.(result));
});
process.send?.({ ready: true });
