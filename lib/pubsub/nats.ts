import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  StorageType,
  type Consumer,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { connect, headers, nanos, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { PubSubError, PubSubErrorCode } from './errors.js';
import { createTopicHandlers, type TopicBinding } from './topic-handlers.js';
import { durableTopicSubjects, isDurableTopic, topicSegment } from './topics.js';
import type { PubSub, PubSubMessage, PubSubOptions } from './types.js';

export interface NatsPubSubOptions extends PubSubOptions {
  /** `nats://host:port`, or several separated by commas; JetStream must be enabled. */
  url: string;
  /**
   * Client name shown by the server's monitoring.
   * @default 'lifestone'
   */
  name?: string;
}

/** The JetStream stream holding every durable topic (commands). */
export const COMMAND_STREAM = 'LIFESTONE_COMMANDS';
/** How long a command subscriber's pull waits before it is renewed; a lost pull is noticed after about this long. */
const COMMAND_PULL_EXPIRES_MS = 15_000;

/** Waits between attempts to resume a command subscription after a reconnect: doubling from the first to the most. */
const RESUME_RETRY_FIRST_MS = 250;
const RESUME_RETRY_MAX_MS = 5_000;

/** How long an undelivered command is kept: long enough to outlast a reconnect, short enough to be stale by then. */
const COMMAND_MAX_AGE_MS = 10 * 60 * 1000;

/** The header carrying a message's key. */
export const KEY_HEADER = 'Lifestone-Key';

/**
 * A NATS header value cannot hold CR or LF and loses whitespace at either end,
 * so those characters (and `%` itself) are percent-encoded as UTF-8 bytes;
 * every other character is sent as is, so `Sir Larsson` stays readable in
 * `nats sub`.
 */
const HEADER_UNSAFE = /%|[\r\n]|^\s|\s$/g;

function keyHeaders(key: string): MsgHdrs {
  const h = headers();
  // topicSegment percent-encodes each of these characters whole, since none is in its safe set.
  h.set(KEY_HEADER, key.replace(HEADER_UNSAFE, topicSegment));
  return h;
}

/** The key of a received message; undefined when the header is missing or not our encoding. */
function keyFromHeaders(h: MsgHdrs | undefined): string | undefined {
  if (!h?.has(KEY_HEADER)) return undefined;
  const value = h.get(KEY_HEADER);
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

const commandStreamConfig = {
  name: COMMAND_STREAM,
  subjects: [durableTopicSubjects],
  max_age: nanos(COMMAND_MAX_AGE_MS),
  storage: StorageType.File,
  discard: DiscardPolicy.Old,
} satisfies Partial<StreamConfig>;

/** Creates the command stream, or brings an existing one to this configuration; safe to run from every instance at once. */
async function ensureCommandStream(jsm: JetStreamManager): Promise<void> {
  try {
    await jsm.streams.info(COMMAND_STREAM);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)) throw error;
    await jsm.streams.add(commandStreamConfig);
    return;
  }
  await jsm.streams.update(COMMAND_STREAM, commandStreamConfig);
}

/**
 * NATS pubsub. Events go over core NATS, fire-and-forget: `publish` returns
 * once the message is in the client's outgoing buffer, `publishMany` once the
 * server has received the whole batch. Durable topics (`isDurableTopic`:
 * commands) go through the JetStream stream `LIFESTONE_COMMANDS`, created or
 * updated here at connect: `publish` resolves once JetStream has stored the
 * message, and a subscriber reads it through an ordered consumer, resumed
 * after the last command it delivered whenever the connection comes back, so
 * a command published while it is reconnecting reaches it afterwards.
 * The key travels in the `Lifestone-Key` header. Reconnects forever.
 */
export async function createNatsPubSub(options: NatsPubSubOptions): Promise<PubSub> {
  const nc = await connect({ servers: options.url.split(','), name: options.name ?? 'lifestone', maxReconnectAttempts: -1 });
  let jsm: JetStreamManager;
  try {
    jsm = await jetstreamManager(nc);
    await ensureCommandStream(jsm);
  } catch (error) {
    await nc.close();
    throw error;
  }
  const js = jsm.jetstream();

  function deliver(topic: string, h: MsgHdrs | undefined, payload: string): void {
    const key = keyFromHeaders(h);
    if (key === undefined) {
      topicHandlers.report(new PubSubError(PubSubErrorCode.MALFORMED_MESSAGE, `A message on NATS subject ${topic} has no valid ${KEY_HEADER} header; it was dropped.`));
      return;
    }
    topicHandlers.deliver({ topic, key, payload });
  }

  async function bindCore(topic: string): Promise<TopicBinding> {
    const sub = nc.subscribe(topic, {
      callback: (error, msg) => {
        if (error) topicHandlers.report(error);
        else deliver(topic, msg.headers, msg.string());
      },
    });
    // The server has the subscription once it answers a PING sent after it: while the connection is down, once it is
    // back (the client sends its subscriptions again first), as Redis's SUBSCRIBE waits for its reconnection.
    try {
      await flushedOnceConnected();
    } catch (error) {
      sub.unsubscribe();
      throw error;
    }
    return {
      async close() {
        if (!nc.isClosed()) sub.unsubscribe();
      },
    };
  }

  /** The command subscriptions, each resumed after the last command it delivered when the connection comes back. */
  const durables = new Set<{ resume(): void }>();
  const commands: CommandReading = { nc, jsm, js, durables, deliver, report: (error) => topicHandlers.report(error) };

  const topicHandlers = createTopicHandlers({
    onError: options.onError,
    bind: (topic) => (isDurableTopic(topic) ? bindDurable(commands, topic) : bindCore(topic)),
  });

  /** False from a lost connection until the client is back. */
  let connected = true;
  /** Resolved when the connection comes back (or closes for good), then replaced. */
  let back = deferred();
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'error') topicHandlers.report(status.error);
      else if (status.type === 'disconnect') {
        // Core NATS delivers at most once: what is published until the client is back is lost to this process.
        if (connected) topicHandlers.gap();
        connected = false;
      }
      else if (status.type === 'reconnect') {
        connected = true;
        back.resolve();
        back = deferred();
        for (const durable of durables) durable.resume();
      }
    }
  })();

  /** Resolves once the server has everything sent so far; while the connection is down, once it is back and has. */
  async function flushedOnceConnected(): Promise<void> {
    for (;;) {
      if (!connected) await back.promise;
      if (nc.isClosed()) throw new PubSubError(PubSubErrorCode.CLOSED, 'The connection to NATS closed for good.');
      try {
        await nc.flush();
        return;
      } catch (error) {
        // Lost while flushing: the status loop hears of it; another reason is the caller's.
        if (nc.isClosed()) throw error;
        await sleep(RESUME_RETRY_FIRST_MS);
        if (connected) throw error;
      }
    }
  }
  void nc.closed().then((error) => {
    back.resolve();
    if (error) topicHandlers.report(error);
  });

  /** Sends one message; for a durable topic, returns JetStream's acknowledgement to wait for. */
  function send({ topic, key, payload }: PubSubMessage): Promise<unknown> | undefined {
    if (isDurableTopic(topic)) return js.publish(topic, payload, { headers: keyHeaders(key) });
    nc.publish(topic, payload, { headers: keyHeaders(key) });
    return undefined;
  }

  return {
    kind: 'nats',
    get up() {
      return connected && !nc.isClosed();
    },
    async publish(message) {
      topicHandlers.assertOpen();
      await send(message);
    },
    async publishMany(messages) {
      topicHandlers.assertOpen();
      const acks = messages.map(send).filter((ack) => ack !== undefined);
      const results = await Promise.allSettled([nc.flush(), ...acks]);
      const failures = results.filter((result) => result.status === 'rejected');
      if (failures.length > 0) {
        const first: unknown = failures[0]?.reason;
        throw new PubSubError(
          PubSubErrorCode.PUBLISH_FAILED,
          `Publishing ${messages.length} messages to NATS failed (${failures.length} errors, the first: ${first instanceof Error ? first.message : String(first)})`,
          { cause: first },
        );
      }
    },
    subscribe: (topic, handler) => topicHandlers.subscribe(topic, handler),
    onGap: (listener) => topicHandlers.onGap(listener),
    async close() {
      await topicHandlers.close();
      if (!nc.isClosed()) await nc.drain();
    },
  };
}

/** What reading a command topic through JetStream needs of the pubsub. */
interface CommandReading {
  nc: NatsConnection;
  jsm: JetStreamManager;
  js: JetStreamClient;
  durables: Set<{ resume(): void }>;
  deliver(topic: string, h: MsgHdrs | undefined, payload: string): void;
  report(error: unknown): void;
}

/** Reads a command topic through an ordered JetStream consumer, resumed after the last command it delivered whenever the connection comes back. */
async function bindDurable({ nc, jsm, js, durables, deliver, report }: CommandReading, topic: string): Promise<TopicBinding> {
  // The stream sequence of the last command delivered here. A consumer starts right after it: the first one after the
  // stream's last message (rather than deliver policy "new"), so that it has a cursor to resume from.
  let delivered = (await jsm.streams.info(COMMAND_STREAM)).state.last_seq;
  let closing = false;
  const start = async (): Promise<{ consumer: Consumer; messages: ConsumerMessages }> => {
    const consumer = await js.consumers.get(COMMAND_STREAM, { filter_subjects: topic, opt_start_seq: delivered + 1 });
    // Pulls expire after 15 s (heartbeats every 7.5 s) rather than the default 30 s: a pull lost with a
    // connection is noticed, and the commands stored meanwhile delivered, within about 15 s of the reconnect.
    const messages = await consumer.consume({
      expires: COMMAND_PULL_EXPIRES_MS,
      callback: (msg) => {
        // A consumer resumed after a reconnect may repeat what the one before it delivered.
        if (msg.seq <= delivered) return;
        delivered = msg.seq;
        deliver(topic, msg.headers, msg.string());
      },
    });
    void messages.closed().then((error) => {
      if (error && !closing) report(error);
    });
    return { consumer, messages };
  };
  const stop = async (reading: Promise<Awaited<ReturnType<typeof start>> | undefined>): Promise<void> => {
    const stopped = await reading.catch(() => undefined);
    if (!stopped) return;
    await stopped.messages.close();
    if (!nc.isClosed()) await stopped.consumer.delete().catch(() => false);
  };
  let current: Promise<Awaited<ReturnType<typeof start>> | undefined> = start();
  await current;
  const durable = {
    /**
     * A command published while the connection was down can be handed by the server to the pull of the connection
     * it had not yet seen go (an ordered consumer does not acknowledge), and the consumer would then wait past it
     * until a later command reveals the gap. So after a reconnect, a new consumer resumes after the last command
     * delivered here, and the one it replaces is deleted.
     */
    resume(): void {
      const previous = current;
      current = (async () => {
        await stop(previous);
        for (let attempt = 0; !closing && !nc.isClosed(); attempt++) {
          try {
            return await start();
          } catch (error) {
            report(error);
            await sleep(Math.min(RESUME_RETRY_MAX_MS, RESUME_RETRY_FIRST_MS * 2 ** attempt));
          }
        }
        return undefined;
      })();
    },
  };
  durables.add(durable);
  return {
    async close() {
      closing = true;
      durables.delete(durable);
      await stop(current);
    },
  };
}

/** A promise and the function that resolves it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
