/**
 * The HTTP client of the gateway's subgraph requests (queries, mutations,
 * entity fetches): `node:http` over keep-alive connections, the JSON body
 * sent as one write and the answer read whole, instead of the fetch
 * ponyfill's streams, which cost more CPU than the rest of a small request.
 * An abort signal gets one listener however many requests share it (the
 * runtime passes the same signal to every request: the ponyfill added one
 * listener per request, hence Node's MaxListenersExceededWarning under load).
 * Anything else (a streamed body, a subscription over SSE) keeps the
 * runtime's own fetch.
 */
import http, { type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/** Idle keep-alive connections kept per subgraph. */
const MAX_FREE_SOCKETS = 64;
/**
 * How long an idle connection is kept, at most: as Node's global agent, so
 * that the server's `Keep-Alive: timeout=` hint is honoured (a connection the
 * server closed while idle must not be reused: "socket hang up").
 */
const IDLE_TIMEOUT_MS = 5_000;

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

export interface UpstreamHttp {
  /** The gateway plugin that sends subgraph requests through this client. */
  plugin: GatewayPlugin;
  /** Closes the idle connections. */
  close(): void;
}

export function upstreamHttp(): UpstreamHttp {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxFreeSockets: MAX_FREE_SOCKETS, scheduling: 'lifo', timeout: IDLE_TIMEOUT_MS }),
    'https:': new https.Agent({ keepAlive: true, maxFreeSockets: MAX_FREE_SOCKETS, scheduling: 'lifo', timeout: IDLE_TIMEOUT_MS }),
  };
  const inFlight = new WeakMap<AbortSignal, { requests: Set<ClientRequest>; abort: () => void }>();

  /** Ties a request to its signal: one listener per signal, removed with the signal's last request. */
  function watch(signal: AbortSignal, request: ClientRequest): void {
    let watched = inFlight.get(signal);
    if (!watched) {
      const requests = new Set<ClientRequest>();
      const abort = (): void => {
        for (const each of requests) each.destroy(signal.reason instanceof Error ? signal.reason : new Error('The request was aborted.'));
      };
      signal.addEventListener('abort', abort, { once: true });
      watched = { requests, abort };
      inFlight.set(signal, watched);
    }
    const { requests, abort } = watched;
    requests.add(request);
    request.once('close', () => {
      requests.delete(request);
      if (requests.size === 0 && inFlight.get(signal) === watched) {
        signal.removeEventListener('abort', abort);
        inFlight.delete(signal);
      }
    });
  }

  function send(target: Target, init: FetchInit, body: string): Promise<Response> {
    const { protocol } = target;
    const agent = agents[protocol];
    const transport = protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = transport.request(
        { ...target, method: init.method ?? 'POST', agent, headers: { ...init.headers, 'content-length': Buffer.byteLength(body) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            resolve(new UpstreamResponse(response.statusCode ?? 0, response.statusMessage ?? '', response.headers, Buffer.concat(chunks).toString('utf8')) as unknown as Response);
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      if (init.signal) {
        if (init.signal.aborted) {
          request.destroy(new Error('The request was aborted.'));
          return;
        }
        watch(init.signal, request);
      }
      request.end(body);
    });
  }

  // A subgraph's URL, read once: every request to it asks for the same one.
  const targets = new Map<string, Target | null>();
  const targetOf = (url: string): Target | null => {
    let target = targets.get(url);
    if (target === undefined) {
      const parsed = new URL(url);
      target = parsed.protocol in agents
        ? {
            protocol: parsed.protocol as Target['protocol'],
            hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
            port: parsed.port,
            path: `${parsed.pathname}${parsed.search}`,
            ...(parsed.username ? { auth: `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}` } : {}),
          }
        : null;
      if (targets.size >= MAX_TARGETS) targets.clear();
      targets.set(url, target);
    }
    return target;
  };

  const plugin: GatewayPlugin = {
    onFetch({ url, options, setFetchFn }) {
      const init = options as FetchInit;
      if (typeof init.body !== 'string') return;
      const target = targetOf(url);
      if (!target) return;
      const body = init.body;
      setFetchFn(() => send(target, init, body));
    },
  };
  return {
    plugin,
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
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
