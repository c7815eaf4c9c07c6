/**
 * The HTTP client of the gateway's subgraph requests (queries, mutations,
 * entity fetches): `node:http` over keep-alive connections, the JSON body
 * sent as one write and the answer read whole, instead of the fetch
 * ponyfill's streams, which cost more CPU than the rest of a small request.
 * An abort signal gets one listener however many requests share it (the
 * runtime passes the same signal to every request: the ponyfill added one
 * listener per request, hence Node's MaxListenersExceededWarning under load).
 * The operations sent to a subgraph in the same turn of the event loop, by
 * any callers, leave as one batch (lib/graph/operation-batch.ts), each
 * answered as soon as the subgraph answers it. Anything else (a streamed
 * body, a subscription over SSE) keeps the runtime's own fetch.
 *
 * Each request leaves with the headers the plugins gave it, its caller's
 * signed identity among them (plugins/identity.ts); a batch's operations
 * each keep their own, and the batch itself is signed over its whole body
 * as the caller of its first operation, which shows the subgraph it comes
 * from the gateway (lib/graph/README.md, "Batches").
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { BATCH_HEADER, IDENTITY_HEADER, MAX_BATCH_OPERATIONS, TRACE_HEADER, batchBody, batchOperation, parseBatchAnswerLine } from '@lifestone/lib/graph';
import type { CallerContext } from './context.js';
import type { RequestSigner } from './plugins/identity.js';

/** Idle keep-alive connections kept per subgraph. */
const MAX_FREE_SOCKETS = 64;
/**
 * How long an idle connection is kept, at most: as Node's global agent, so
 * that the server's `Keep-Alive: timeout=` hint is honoured (a connection the
 * server closed while idle must not be reused: "socket hang up").
 */
const IDLE_TIMEOUT_MS = 5_000;

/** A batch is sent once its bodies reach this many bytes, well inside a subgraph's body limit (1 MiB). */
const MAX_BATCH_BYTES = 256 * 1024;

/** Subgraph URLs kept read (there are a handful; the bound keeps a surprise from growing it). */
const MAX_TARGETS = 64;

/** Where a request goes, as `http.request` takes it. */
interface Target { protocol: 'http:' | 'https:'; hostname: string; port: string; path: string; auth?: string }

interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal | null;
}

export interface UpstreamOptions {
  /** Signs a batch's whole body as its first operation's caller (the identity plugin's signer). */
  signBatch: RequestSigner;
  /** Called for each HTTP request sent to a subgraph, with the number of operations it carries (1, or a batch's). */
  onSent?: (operations: number) => void;
}

/** The gateway plugin that sends subgraph requests through this client; disposing the runtime closes its connections. */
export function useUpstreamHttp({ signBatch, onSent }: UpstreamOptions): GatewayPlugin {
  const client = new UpstreamClient(onSent);
  const batches = new Batcher(client);
  const targets = new Targets();
  return {
    onFetch({ fetchFn, setFetchFn, context, executionRequest }) {
      const signer: Signer = (method, batch) => signBatch(context as Partial<CallerContext>, executionRequest?.subgraphName, method, batch);
      // Called once every plugin's onFetch ran, with the URL and options they left (the identity plugin's header among them).
      setFetchFn((url, init, ...rest) => {
        const target = targets.of(url);
        // A body of JSON text to an http(s) URL only: anything else (a stream, another scheme) keeps the runtime's own fetch.
        if (!target || typeof init?.body !== 'string') return fetchFn(url, init, ...rest);
        return batches.enqueue(url, target, init as FetchInit, init.body, signer);
      });
    },
    onDispose() {
      client.destroy();
    },
  };
}

/**
 * Abort listeners: one per signal however many requests wait on it (the
 * runtime passes one signal to many), removed with the last of them.
 */
class AbortWatcher {
  private readonly inFlight = new WeakMap<AbortSignal, { callbacks: Set<(reason: Error) => void>; abort: () => void }>();

  /** Calls `onAbort` if `signal` aborts before the returned function is called. */
  watch(signal: AbortSignal, onAbort: (reason: Error) => void): () => void {
    let watched = this.inFlight.get(signal);
    if (!watched) {
      const callbacks = new Set<(reason: Error) => void>();
      const abort = (): void => {
        this.inFlight.delete(signal);
        const reason = signal.reason instanceof Error ? signal.reason : new Error('The request was aborted.');
        for (const callback of callbacks) callback(reason);
      };
      signal.addEventListener('abort', abort, { once: true });
      watched = { callbacks, abort };
      this.inFlight.set(signal, watched);
    }
    const current = watched;
    current.callbacks.add(onAbort);
    return () => {
      current.callbacks.delete(onAbort);
      if (current.callbacks.size === 0 && this.inFlight.get(signal) === current) {
        signal.removeEventListener('abort', current.abort);
        this.inFlight.delete(signal);
      }
    };
  }
}

/** Requests to subgraphs over keep-alive `node:http`/`node:https` connections. */
class UpstreamClient {
  readonly aborts = new AbortWatcher();
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxFreeSockets: MAX_FREE_SOCKETS, scheduling: 'lifo', timeout: IDLE_TIMEOUT_MS }),
    'https:': new https.Agent({ keepAlive: true, maxFreeSockets: MAX_FREE_SOCKETS, scheduling: 'lifo', timeout: IDLE_TIMEOUT_MS }),
  };

  constructor(private readonly onSent: UpstreamOptions['onSent']) {}

  /** One HTTP request to a subgraph; resolves with the answer's head, its body still to read. `signal` aborts it. */
  request(target: Target, method: string, headers: Record<string, string>, body: string, signal?: AbortSignal | null): Promise<IncomingMessage> {
    const { protocol } = target;
    const agent = this.agents[protocol];
    const transport = protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      this.onSent?.(Number(headers[BATCH_HEADER] ?? 1));
      const outgoing = transport.request({ ...target, method, agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, resolve);
      outgoing.on('error', reject);
      if (signal) {
        if (signal.aborted) {
          outgoing.destroy(new Error('The request was aborted.'));
          return;
        }
        outgoing.once('close', this.aborts.watch(signal, (reason) => outgoing.destroy(reason)));
      }
      outgoing.end(body);
    });
  }

  /** One request, its answer read whole. */
  async send(target: Target, method: string, headers: Record<string, string>, body: string, signal?: AbortSignal | null): Promise<Response> {
    const response = await this.request(target, method, headers, body, signal);
    const text = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      response.on('error', reject);
    });
    return new UpstreamResponse(response.statusCode ?? 0, response.statusMessage ?? '', response.headers, text) as unknown as Response;
  }

  /** Closes every connection. */
  destroy(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}

/**
 * Sends an operation with those that reach the same subgraph in this turn
 * of the event loop, whoever asked: alone, as an ordinary request; several,
 * as one batch (lib/graph/operation-batch.ts), each with its caller's
 * identity and trace id.
 */
class Batcher {
  /** Operations waiting for the end of this turn of the event loop, by subgraph and headers (identity and trace id aside). */
  private readonly waiting = new Map<string, Batch>();
  private flushScheduled = false;
  private readonly flushAll = (): void => {
    this.flushScheduled = false;
    const batches = [...this.waiting.values()];
    this.waiting.clear();
    for (const batch of batches) this.flush(batch);
  };

  constructor(private readonly client: UpstreamClient) {}

  /** The answer to one operation, sent alone or in its subgraph's batch of this turn. */
  enqueue(url: string, target: Target, init: FetchInit, body: string, signer: Signer): Promise<Response> {
    const headers = init.headers ?? {};
    const key = batchKey(url, init.method ?? 'POST', headers);
    return new Promise<Response>((resolve, reject) => {
      if (init.signal?.aborted) {
        reject(new Error('The request was aborted.'));
        return;
      }
      // An answer in parts (@defer, @stream) cannot share a batch: such an operation goes alone.
      if (body.includes('@defer') || body.includes('@stream')) {
        this.client.send(target, init.method ?? 'POST', headers, body, init.signal).then(resolve, reject);
        return;
      }
      let batch = this.waiting.get(key);
      if (batch && (batch.operations.length >= MAX_BATCH_OPERATIONS || batch.bytes + body.length > MAX_BATCH_BYTES)) {
        this.waiting.delete(key);
        this.flush(batch);
        batch = undefined;
      }
      if (!batch) {
        batch = { target, method: init.method ?? 'POST', operations: [], bytes: 0 };
        this.waiting.set(key, batch);
      }
      batch.operations.push({ body, headers, signer, signal: init.signal ?? undefined, resolve, reject });
      batch.bytes += body.length;
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.flushAll);
      }
    });
  }

  private flush(batch: Batch): void {
    const { target, method } = batch;
    const operations = batch.operations.filter((operation) => {
      if (operation.signal?.aborted) operation.reject(new Error('The request was aborted.'));
      return !operation.signal?.aborted;
    });
    const [first] = operations;
    if (!first) return;
    if (operations.length === 1) {
      this.client.send(target, method, first.headers, first.body, first.signal).then(first.resolve, first.reject);
      return;
    }
    // One caller giving up does not abort the others' request: its own promise is settled at once, its answer dropped.
    const unwatch = operations.map(({ signal, reject }) => (signal ? this.client.aborts.watch(signal, reject) : () => {}));
    // Settles every operation (those settled already stay as they are).
    const settleAll = (settle: (operation: Operation, index: number) => void): void => {
      for (const each of unwatch) each();
      operations.forEach(settle);
    };
    const { headers, body } = batchRequest(method, operations, first);
    this.client.request(target, method, headers, body).then(
      (response) => readBatchAnswer(response, operations, settleAll),
      (error: unknown) => settleAll((operation) => operation.reject(error)),
    );
  }
}

/**
 * A batch's headers and body: the first operation's headers less its trace
 * id and identity (each operation carries its own caller's); its caller
 * signs the batch as a whole, which shows the subgraph the request comes
 * from the gateway.
 */
function batchRequest(method: string, operations: readonly Operation[], first: Operation): { headers: Record<string, string>; body: string } {
  const { [TRACE_HEADER]: _traceId, [IDENTITY_HEADER]: _identity, ...headers } = first.headers;
  headers[BATCH_HEADER] = String(operations.length);
  const body = batchBody(operations.map((operation) => batchOperation(operation.headers[IDENTITY_HEADER] ?? '', operation.headers[TRACE_HEADER], operation.body)));
  const signature = first.signer(method, body);
  if (signature) headers[IDENTITY_HEADER] = signature;
  return { headers, body };
}

/** Subgraph URLs, each read once: every request to a subgraph asks for the same one. */
class Targets {
  private readonly targets = new Map<string, Target | null>();

  /** Where `url` goes, or null for a scheme this client does not speak. */
  of(url: string): Target | null {
    let target = this.targets.get(url);
    if (target === undefined) {
      const parsed = new URL(url);
      target = parsed.protocol === 'http:' || parsed.protocol === 'https:'
        ? {
            protocol: parsed.protocol,
            hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
            port: parsed.port,
            path: `${parsed.pathname}${parsed.search}`,
            ...(parsed.username ? { auth: `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}` } : {}),
          }
        : null;
      if (this.targets.size >= MAX_TARGETS) this.targets.clear();
      this.targets.set(url, target);
    }
    return target;
  }
}

/** Signs a batch's body as the caller of one of its operations. */
type Signer = (method: string, body: string) => string | undefined;

/** An operation waiting to be sent, and its caller's promise. */
interface Operation {
  body: string;
  /** Its own request's headers: its caller's identity signed for it and its trace id among them. */
  headers: Record<string, string>;
  /** Signs for its caller (a batch it leads is signed as a whole with it). */
  signer: Signer;
  signal: AbortSignal | undefined;
  resolve: (response: Response) => void;
  reject: (error: unknown) => void;
}

/** Operations for one subgraph with the same headers (but their callers' identities and trace ids). */
interface Batch {
  target: Target;
  method: string;
  operations: Operation[];
  bytes: number;
}

/**
 * Hands each operation its own answer as its line arrives
 * (lib/graph/operation-batch.ts); an answer that is not a batch's (a refusal
 * of the whole request) stands for every operation. An operation the answer
 * ended without gets an error.
 */
function readBatchAnswer(response: IncomingMessage, operations: readonly Operation[], settleAll: (settle: (operation: Operation, index: number) => void) => void): void {
  const status = response.statusCode ?? 0;
  const statusText = response.statusMessage ?? '';
  if (response.headers[BATCH_HEADER] === undefined) {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      settleAll((operation) => operation.resolve(new UpstreamResponse(status, statusText, response.headers, text) as unknown as Response));
    });
  } else {
    const answered = new Set<number>();
    let rest = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      // What was kept from the chunks before has no line break: the search starts after it.
      let end = chunk.indexOf('\n');
      if (end >= 0) end += rest.length;
      rest += chunk;
      let start = 0;
      for (; end >= 0; end = rest.indexOf('\n', start)) {
        const line = parseBatchAnswerLine(rest.slice(start, end));
        start = end + 1;
        const operation = line && !answered.has(line.index) ? operations[line.index] : undefined;
        if (!line || !operation) continue;
        answered.add(line.index);
        operation.resolve(new UpstreamResponse(line.status, '', JSON_HEADERS, line.json) as unknown as Response);
      }
      rest = rest.slice(start);
    });
    response.on('end', () => {
      settleAll((operation, index) => {
        if (!answered.has(index)) operation.reject(new Error('The subgraph ended its batch answer without answering this operation.'));
      });
    });
  }
  response.on('error', (error) => settleAll((operation) => operation.reject(error)));
}

/** The headers of an operation's answer out of a batch. */
const JSON_HEADERS: IncomingHttpHeaders = { 'content-type': 'application/json; charset=utf-8' };

/** What decides whether two operations may share a request: where they go and every header but the caller's identity and the trace id. */
function batchKey(url: string, method: string, headers: Record<string, string>): string {
  let key = `${method} ${url}`;
  for (const name in headers) if (name !== TRACE_HEADER && name !== IDENTITY_HEADER) key += `\n${name}: ${headers[name]}`;
  return key;
}

/**
 * The part of a fetch `Response` the runtime reads from a subgraph's answer:
 * status, headers, and the body as text or JSON.
 */
class UpstreamResponse {
  readonly headers: UpstreamHeaders;
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic';
  private used = false;

  constructor(
    readonly status: number,
    readonly statusText: string,
    headers: IncomingHttpHeaders,
    private readonly bodyText: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = new UpstreamHeaders(headers);
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  async text(): Promise<string> {
    this.used = true;
    return this.bodyText;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(await this.text());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }
}

/** Read-only fetch `Headers` over Node's parsed response headers (names already lower case). */
class UpstreamHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  getSetCookie(): string[] {
    return this.raw['set-cookie'] ?? [];
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw)) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  keys(): IterableIterator<string> {
    return Object.keys(this.raw)[Symbol.iterator]();
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of this.entries()) callback(value, name);
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}
