import { setTimeout as sleep } from 'node:timers/promises';
import { buildSubgraphSchema } from '@apollo/subgraph';
// The CommonJS build, the one @apollo/subgraph builds the schema with: under vitest a bare 'graphql' resolves to the ESM build, a second copy that refuses the schema.
import { graphql, parse, subscribe, type ExecutionResult, type GraphQLSchema } from 'graphql/index.js';
import type pg from 'pg';
import { requestLoaders, type Identity, type SubgraphContext } from '@lifestone/lib/graph';
import { createLogger } from '@lifestone/lib/log';
import type { PubSub } from '@lifestone/lib/pubsub';
import { sendAndFlush } from '@lifestone/test-kit/plugin-session';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';
import { connectPlugin, type TestPlugin } from '@lifestone/test-kit/plugin';
import { recordingPubSub, type RecordingPubSub } from '@lifestone/test-kit/recording-pubsub';
import { telemetrySubgraph, type TelemetrySubgraphOptions } from '../index.js';

/**
 * The telemetry subgraph over the real pipeline, for its tests: an ingest on
 * a fresh database with the memory pubsub, a plugin connected to it, and the
 * subgraph's schema executed in process with a context built from the same
 * pool and pubsub (or with the pubsubs given, see {@link HarnessPubSubs}).
 */

export const viewer: Identity = { kind: 'user', id: '1', name: 'vera', role: 'viewer' };
export const operator: Identity = { kind: 'user', id: '2', name: 'otto', role: 'operator' };
export const admin: Identity = { kind: 'token', id: '3', name: 'ops-bot', role: 'admin' };

/** A pool that counts the queries run through it. */
export interface CountingPool {
  pool: pg.Pool;
  queries: string[];
}

function counting(pool: pg.Pool): CountingPool {
  const queries: string[] = [];
  const counted = new Proxy(pool, {
    get(target, property, receiver) {
      if (property === 'query') {
        return (text: string, ...rest: unknown[]) => {
          queries.push(text);
          return (target.query as (...args: unknown[]) => unknown)(text, ...rest);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { pool: counted, queries };
}

export interface ContextOptions {
  identity?: Identity;
  now?: () => Date;
  log?: SubgraphContext['log'];
  pool?: pg.Pool;
}

/** A live subscription as a test reads it. */
export interface TestSubscription {
  /** The next result; fails after `timeoutMs`. */
  next(timeoutMs?: number): Promise<ExecutionResult>;
  /** Resolves with the next result if one arrives within `ms`, else undefined (and the result, if late, is kept for `next`). */
  nextWithin(ms: number): Promise<ExecutionResult | undefined>;
  close(): Promise<void>;
}

export interface TelemetryHarness {
  stack: TestIngest;
  plugin: TestPlugin;
  schema: GraphQLSchema;
  /** The pubsub every context of the harness uses, recording subscriptions. */
  pubsub: RecordingPubSub;
  /** The logger of every context unless a test passes its own (the live feeds keep the first one they see). */
  log: SubgraphContext['log'];
  /** Sends frames through the plugin; resolves once they are committed and published (live types on accept, the rest after commit). */
  send(...frames: object[]): Promise<void>;
  context(options?: ContextOptions): SubgraphContext;
  /** Runs a query or mutation; the whole result, errors included. */
  execute(source: string, variables?: Record<string, unknown>, options?: ContextOptions): Promise<ExecutionResult>;
  /** Runs a query; its data, failing on any error. */
  query<T = Record<string, unknown>>(source: string, variables?: Record<string, unknown>, options?: ContextOptions): Promise<T>;
  subscribe(source: string, variables?: Record<string, unknown>, options?: ContextOptions): Promise<TestSubscription>;
  /** A pool for the harness's contexts that counts the queries run through it. */
  countingPool(): CountingPool;
  close(): Promise<void>;
}

/**
 * Connections of a shared backend (Redis, NATS) for ingest and the subgraph,
 * each its own as in production. The caller closes them after the harness.
 */
export interface HarnessPubSubs {
  ingest: PubSub;
  subgraph: PubSub;
}

export async function startTelemetryHarness(options: TelemetrySubgraphOptions = {}, pubsubs?: HarnessPubSubs): Promise<TelemetryHarness> {
  const stack = await startTestIngest(pubsubs ? { pubsub: pubsubs.ingest } : {});
  const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
  const schema = buildSubgraphSchema([telemetrySubgraph(options)]);
  const pubsub = recordingPubSub(pubsubs?.subgraph ?? stack.pubsub);
  const log = createLogger('telemetry-test', process.env.LIFESTONE_LOG_LEVEL ?? 'silent');

  const context = (contextOptions: ContextOptions = {}): SubgraphContext => ({
    identity: contextOptions.identity ?? viewer,
    pool: contextOptions.pool ?? stack.db,
    pubsub,
    log: contextOptions.log ?? log,
    now: contextOptions.now ?? (() => new Date()),
    loaders: requestLoaders(),
  });

  const execute: TelemetryHarness['execute'] = (source, variableValues, contextOptions) =>
    graphql({ schema, source, variableValues, contextValue: context(contextOptions) });

  return {
    stack,
    plugin,
    schema,
    pubsub,
    log,
    send: (...frames) => sendAndFlush(stack, plugin, frames),
    context,
    execute,
    async query<T>(source: string, variables?: Record<string, unknown>, contextOptions?: ContextOptions) {
      const result = await execute(source, variables, contextOptions);
      if (result.errors) throw new Error(`query failed: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    async subscribe(source, variableValues, contextOptions) {
      const stream = await subscribe({ schema, document: parse(source), variableValues, contextValue: context(contextOptions) });
      if (!(Symbol.asyncIterator in stream)) throw new Error(`subscription refused: ${JSON.stringify(stream.errors)}`);
      let pending: Promise<IteratorResult<ExecutionResult>> | undefined;
      const take = (): Promise<IteratorResult<ExecutionResult>> => (pending ??= stream.next());
      const settle = (result: IteratorResult<ExecutionResult>): ExecutionResult => {
        pending = undefined;
        if (result.done) throw new Error('the subscription ended');
        return result.value;
      };
      return {
        async next(timeoutMs = 5_000) {
          const timeout = sleep(timeoutMs).then(() => 'timeout' as const);
          const result = await Promise.race([take(), timeout]);
          if (result === 'timeout') throw new Error(`no subscription result within ${timeoutMs} ms`);
          return settle(result);
        },
        async nextWithin(ms) {
          const result = await Promise.race([take(), sleep(ms).then(() => undefined)]);
          return result === undefined ? undefined : settle(result);
        },
        async close() {
          await stream.return?.();
        },
      };
    },
    countingPool: () => counting(stack.db),
    async close() {
      await plugin.close();
      await stack.close();
    },
  };
}
