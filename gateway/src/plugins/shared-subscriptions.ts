/**
 * Subscriptions over graphql-ws shared among the gateway's clients: the
 * first subscriber of an operation runs it through Hive Gateway (so through
 * the query limits and one upstream subscription to the
 * subgraph); a later subscriber of the identical operation (same query,
 * variables, operation name and extensions) with the same role joins it. Each
 * result is serialised once and written to every subscriber's socket as that
 * subscriber's own `next` message; the writes of one turn of the event loop
 * go out in one system call per socket.
 *
 * Only the live feeds of {@link SHAREABLE_SUBSCRIPTION_FIELDS} are shared,
 * and only by role: their answers depend on the caller's role, never on who
 * the caller is (lib/graph/README.md, "The identity rule"); the upstream
 * subscription carries the identity of the subscriber that started it. Every joiner is authenticated first, with its own
 * credentials, by the authentication plugin, whose refusal stops it before this plugin sees it.
 *
 * A plugin on Yoga's `onParams`: it wraps the rest of the pipeline
 * (`setParamsHandler`), so that a joiner skips parsing, validation and
 * execution, and the results shared are those the whole pipeline made
 * (error masking included).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { MaybePromise } from '@graphql-tools/utils';
import { getOperationAST, Kind, parse, type ExecutionResult, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { WebSocket } from 'ws';
import { TurnCorker, type Identity } from '@lifestone/lib/graph';
import type { Logger } from '@lifestone/lib/log';
import { DEFAULT_SUBSCRIPTION_LIMITS, unsentBytesError } from './subscription-limits.js';

/** What an operation's context carries for sharing (set by the gateway's graphql-ws glue, and the caller by the authentication plugin). */
export interface FanOutContext {
  params?: { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown };
  identity?: Identity | null;
  socket?: WebSocket;
  /** The upgrade request: its socket is the WebSocket's TCP socket. */
  req?: IncomingMessage;
  operationId?: string;
}

/** The rest of the runtime's pipeline for the operation: its result, a stream for a subscription. */
type Run = () => MaybePromise<ExecutionResult | AsyncIterable<ExecutionResult>>;

/**
 * The plugin: graphql-ws operations go through {@link SharedSubscriptions};
 * HTTP and SSE ones are left to the runtime.
 */
export function useSharedSubscriptions(options: SharedSubscriptionsOptions): GatewayPlugin {
  const shared = new SharedSubscriptions(options);
  return {
    onParams({ context, paramsHandler, setParamsHandler }) {
      const fanOut = context as FanOutContext;
      if (!fanOut.socket || !fanOut.req || fanOut.operationId === undefined) return;
      shared.track(fanOut.socket, fanOut.req.socket);
      setParamsHandler((payload) => shared.subscribe(fanOut, () => paramsHandler(payload)));
    },
  };
}

export interface SharedSubscriptionsOptions {
  log: Logger;
  /** Root fields of the subscriptions that may be shared. @default {@link SHAREABLE_SUBSCRIPTION_FIELDS} */
  fields?: ReadonlySet<string>;
  /** Counts a subscription that joined a running one (the pipeline counts the others). */
  onJoin?: () => void;
  /** Counts a subscriber ended for not keeping up. */
  onTooSlow?: () => void;
  /**
   * Bytes a subscriber's socket may hold unsent: past it, rather than
   * queue more or drop results unannounced, its shared subscriptions end
   * with SUBSCRIBER_TOO_SLOW (`LIFESTONE_MAX_UNSENT_BYTES`).
   * @default 8 MiB
   */
  maxUnsentBytes?: number;
  /** How long a socket over `maxUnsentBytes` has to take what was sent before it is cut. @default 10000 */
  slowReaderGraceMs?: number;
}
const TEXT_FRAGMENT = { binary: false, fin: false } as const;
const LAST_TEXT_FRAGMENT = { binary: false, fin: true } as const;
const CLOSING_BRACE = Buffer.from('}');
/** Results a shared operation delivers before it lets the event loop turn. */
const YIELD_EVERY = 32;

/**
 * Shares subscriptions among graphql-ws clients; `subscribe` runs an
 * operation, or joins a running one. `track` must be
 * told each upgraded socket so that writes can be batched on it.
 */
export class SharedSubscriptions {
  private readonly operations = new Map<string, Promise<SharedOperation | undefined>>();
  private readonly transports = new WeakMap<WebSocket, Duplex>();
  private readonly corker = new TurnCorker();
  /** Sockets over the bound, waiting for the grace to pass. */
  private readonly cutting = new WeakSet<WebSocket>();
  private readonly maxUnsentBytes: number;
  private readonly slowReaderGraceMs: number;
  /** The last result of every subscriber ended for being too slow. */
  readonly tooSlowResult: ExecutionResult;

  constructor(private readonly options: SharedSubscriptionsOptions) {
    this.maxUnsentBytes = options.maxUnsentBytes ?? DEFAULT_SUBSCRIPTION_LIMITS.maxUnsentBytes;
    this.slowReaderGraceMs = options.slowReaderGraceMs ?? DEFAULT_SUBSCRIPTION_LIMITS.slowReaderGraceMs;
    this.tooSlowResult = { errors: [unsentBytesError(this.maxUnsentBytes)] };
  }

  /** Remembers the TCP socket under a WebSocket (from the upgrade), to cork it while a burst of results is written. */
  track(webSocket: WebSocket, transport: Duplex): void {
    this.transports.set(webSocket, transport);
  }

  async subscribe(context: FanOutContext, run: Run): Promise<Awaited<ReturnType<Run>> | AsyncIterableIterator<ExecutionResult>> {
    const key = this.keyOf(context);
    const { socket, operationId } = context;
    if (key === undefined || !socket || operationId === undefined) return run();
    let operation = await this.operations.get(key);
    if (!operation?.running) {
      const started = this.start(key, run);
      // Subscribers arriving meanwhile wait for this start rather than make their own; a failed one they make anew.
      const shared = started.then(
        (value) => (value instanceof SharedOperation ? value : undefined),
        () => undefined,
      );
      this.operations.set(key, shared);
      const value = await started.catch((error: unknown) => {
        if (this.operations.get(key) === shared) this.operations.delete(key);
        throw error;
      });
      if (!(value instanceof SharedOperation)) {
        if (this.operations.get(key) === shared) this.operations.delete(key);
        return value;
      }
      operation = value;
    } else {
      this.options.onJoin?.();
    }
    return operation.join(socket, operationId);
  }

  /** Runs the operation for its first subscriber: a SharedOperation when it is a stream, else the result as it came (an error). */
  private async start(key: string, run: Run): Promise<SharedOperation | Awaited<ReturnType<Run>>> {
    const result = await run();
    if (!isAsyncIterable(result)) return result;
    const operation: SharedOperation = new SharedOperation(result[Symbol.asyncIterator](), this, () => {
      void this.operations.get(key)?.then((current) => {
        if (current === operation) this.operations.delete(key);
      });
    });
    return operation;
  }

  /** The sharing key, or undefined when the operation is not a shareable subscription of an authenticated caller. */
  private keyOf(context: FanOutContext): string | undefined {
    const { params, identity } = context;
    if (!params || typeof params.query !== 'string' || !identity) return undefined;
    if (!isShareableSubscription(params.query, params.operationName, this.options.fields ?? SHAREABLE_SUBSCRIPTION_FIELDS)) return undefined;
    return JSON.stringify([identity.role, params.query, params.operationName ?? null, params.variables ?? null, params.extensions ?? null]);
  }

  /**
   * Writes one `next` message, `prefix` + `payload` + `}`, as three fragments
   * of one WebSocket message, so that the payload shared by every subscriber
   * is encoded once and never copied; the socket stays corked until the event
   * loop's next turn, so a burst goes out in one write.
   */
  send(webSocket: WebSocket, prefix: Buffer, payload: Buffer): boolean {
    if (webSocket.readyState !== webSocket.OPEN) return true;
    if (webSocket.bufferedAmount > this.maxUnsentBytes) return false;
    const transport = this.transports.get(webSocket);
    if (transport) this.corker.cork(transport);
    webSocket.send(prefix, TEXT_FRAGMENT);
    webSocket.send(payload, TEXT_FRAGMENT);
    webSocket.send(CLOSING_BRACE, LAST_TEXT_FRAGMENT);
    return true;
  }

  /**
   * A subscriber's socket is over the bound: its subscription is ending with
   * SUBSCRIBER_TOO_SLOW. A socket still over it after the grace is not
   * reading at all: it is cut, so that what it holds is let go.
   */
  tooSlow(webSocket: WebSocket): void {
    this.options.onTooSlow?.();
    if (this.cutting.has(webSocket)) return;
    this.cutting.add(webSocket);
    this.options.log.info({ unsent: webSocket.bufferedAmount }, 'ending the shared subscriptions of a graphql-ws subscriber that fell behind');
    setTimeout(() => {
      this.cutting.delete(webSocket);
      if (webSocket.readyState !== webSocket.OPEN || webSocket.bufferedAmount <= this.maxUnsentBytes) return;
      this.options.log.info({ unsent: webSocket.bufferedAmount }, 'cutting a graphql-ws connection that took nothing within the grace');
      webSocket.terminate();
    }, this.slowReaderGraceMs).unref();
  }
}

/** How a subscriber's graphql-ws iterator ends: done, failed, or with one last result (SUBSCRIBER_TOO_SLOW). */
type Outcome = { error?: unknown; last?: ExecutionResult };

/** One subscriber of a shared operation: its socket, its operation id, and how its graphql-ws iterator ends. */
interface Subscriber {
  socket: WebSocket;
  /** `{"id":…,"type":"next","payload":`, the start of each of its messages. */
  prefix: Buffer;
  end: (outcome: Outcome) => void;
}

/** One running operation and its subscribers; ends when the last one leaves or the source ends. */
class SharedOperation {
  private readonly subscribers = new Set<Subscriber>();
  private ended: Outcome | undefined;
  private pumping = false;

  constructor(
    private readonly source: AsyncIterator<ExecutionResult>,
    private readonly shared: SharedSubscriptions,
    private readonly onEnd: () => void,
  ) {}

  get running(): boolean {
    return this.ended === undefined;
  }

  /**
   * The iterator graphql-ws gets for one subscriber: it yields nothing (the
   * results are written to the socket here, serialised once for everyone)
   * but, for a subscriber ended for being too slow, its last result; it ends
   * when the shared operation does; `return()` unsubscribes.
   */
  join(socket: WebSocket, operationId: string): AsyncIterableIterator<ExecutionResult> {
    let settle: ((result: IteratorResult<ExecutionResult>) => void) | undefined;
    let fail: ((error: unknown) => void) | undefined;
    const finished = new Promise<IteratorResult<ExecutionResult>>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    const subscriber: Subscriber = {
      socket,
      prefix: Buffer.from(`{"id":${JSON.stringify(operationId)},"type":"next","payload":`),
      end: ({ error, last }) => (error !== undefined ? fail?.(error) : settle?.(last ? { done: false, value: last } : { done: true, value: undefined })),
    };
    if (this.ended) subscriber.end(this.ended);
    else this.subscribers.add(subscriber);
    // Read the source once someone will receive what it yields.
    if (!this.pumping) {
      this.pumping = true;
      void this.pump();
    }
    const leave = async (): Promise<IteratorResult<ExecutionResult>> => {
      this.subscribers.delete(subscriber);
      settle?.({ done: true, value: undefined });
      if (this.subscribers.size === 0) await this.stop();
      return { done: true, value: undefined };
    };
    // The last result is given once; the next call is the end.
    let taken = false;
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      [Symbol.asyncIterator]: () => iterator,
      next: () =>
        finished.then((result) => {
          if (result.done || taken) return { done: true, value: undefined };
          taken = true;
          return result;
        }),
      return: leave,
      throw: async (error: unknown) => {
        await leave();
        throw error;
      },
    };
    return iterator;
  }

  private async pump(): Promise<void> {
    let outcome: Outcome = {};
    try {
      for (let delivered = 1; ; delivered++) {
        const next = await this.source.next();
        if (next.done) break;
        this.deliver(next.value);
        // A backlog resolves `next()` at once, result after result, in promise jobs that would keep the event loop
        // (and the writes waiting for it, and the sockets' pings) from running until it is drained: let it turn.
        if (delivered % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      outcome = { error };
    }
    this.finish(outcome);
  }

  private deliver(result: ExecutionResult): void {
    if (this.subscribers.size === 0) return;
    const payload = Buffer.from(JSON.stringify(result));
    for (const subscriber of this.subscribers) {
      if (this.shared.send(subscriber.socket, subscriber.prefix, payload)) continue;
      this.subscribers.delete(subscriber);
      this.shared.tooSlow(subscriber.socket);
      subscriber.end({ last: this.shared.tooSlowResult });
    }
    if (this.subscribers.size === 0) void this.stop();
  }

  private finish(outcome: Outcome): void {
    if (this.ended) return;
    this.ended = outcome;
    this.onEnd();
    for (const subscriber of this.subscribers) subscriber.end(outcome);
    this.subscribers.clear();
  }

  private async stop(): Promise<void> {
    if (this.ended) return;
    this.finish({});
    await this.source.return?.();
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === 'object' && value !== null && typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function';
}

/**
 * The live feeds whose results depend on the caller's role alone, never on
 * who the caller is: only subscriptions made of these are shared. Anything
 * else (the assistant's `ask`, which acts for one user in that user's
 * session) runs once per subscriber.
 */
export const SHAREABLE_SUBSCRIPTION_FIELDS: ReadonlySet<string> = new Set(['positions', 'events', 'itemChanges', 'alerts']);

/**
 * True when `query` selects a subscription whose root fields, found through
 * fragment spreads and inline fragments (`subscription { ...F }` selects
 * F's fields), are all among `fields`.
 */
function isShareableSubscription(query: string, operationName: unknown, fields: ReadonlySet<string>): boolean {
  try {
    const document = parse(query, { noLocation: true });
    const operation = getOperationAST(document, typeof operationName === 'string' ? operationName : undefined);
    if (operation?.operation !== 'subscription') return false;
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const roots = rootFieldNames(operation.selectionSet, fragments, new Set());
    return roots.length > 0 && roots.every((name) => fields.has(name));
  } catch {
    return false;
  }
}

/** The names of the fields a selection set selects at its own level, fragments spread in (each fragment once). */
function rootFieldNames(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, spread: Set<string>): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.push(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) names.push(...rootFieldNames(selection.selectionSet, fragments, spread));
    else if (!spread.has(selection.name.value)) {
      spread.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      // An unknown fragment makes the document invalid: the pipeline refuses it, so it is not shared.
      if (!fragment) return ['unknown fragment'];
      names.push(...rootFieldNames(fragment.selectionSet, fragments, spread));
    }
  }
  return names;
}
