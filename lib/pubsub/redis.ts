import { Redis } from 'ioredis';
import { countSubscriberCut, PubSubError, PubSubErrorCode } from './errors.js';
import { createTopicHandlers } from './topic-handlers.js';
import type { PubSub, PubSubMessage, PubSubOptions } from './types.js';

export interface RedisPubSubOptions extends PubSubOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://` for TLS. */
  url: string;
  /**
   * Prefix of the client names shown by `CLIENT LIST`: the publisher is
   * `<name>:pub`, the subscriber `<name>:sub`.
   * @default 'lifestone'
   */
  name?: string;
}

/**
 * A channel message is `<key byte length>:<key><payload>`: the UTF-8 length of
 * the key in decimal ASCII, a colon, then the key and the payload as UTF-8,
 * e.g. `11:Sir Larsson{"hp":1}`. The length makes it unambiguous whatever the
 * key holds, and a subscriber splits off the key without reading the payload.
 */
function encodeFrame(key: string, payload: string): string {
  return `${Buffer.byteLength(key)}:${key}${payload}`;
}

const COLON = 0x3a;
/** How long the subscriber waits for the PING that confirms its channels after a reconnection before it sends another. */
const RESUBSCRIBED_PING_MS = 5_000;
/** More digits than any key length Redis could carry. */
const MAX_LENGTH_DIGITS = 10;

function decodeFrame(topic: string, frame: Buffer): PubSubMessage | undefined {
  const colon = frame.indexOf(COLON);
  if (colon < 1 || colon > MAX_LENGTH_DIGITS) return undefined;
  const digits = frame.toString('latin1', 0, colon);
  if (!/^\d+$/.test(digits)) return undefined;
  const keyEnd = colon + 1 + Number(digits);
  if (keyEnd > frame.length) return undefined;
  return { topic, key: frame.toString('utf8', colon + 1, keyEnd), payload: frame.toString('utf8', keyEnd) };
}

/**
 * Redis pubsub (at most once: a subscriber that is disconnected misses what is
 * published meanwhile, and `onGap` listeners are told when it is). One connection publishes; a second, opened at the
 * first `subscribe`, holds one SUBSCRIBE per topic whatever the number of
 * handlers. Both reconnect on their own (ioredis), and the subscriber
 * resubscribes to its channels when it does. Resolves once the publisher is
 * connected; rejects if it cannot connect.
 */
export async function createRedisPubSub(options: RedisPubSubOptions): Promise<PubSub> {
  const { url, name = 'lifestone' } = options;

  function connection(role: 'pub' | 'sub'): Redis {
    const redis = new Redis(url, { lazyConnect: true, connectionName: `${name}:${role}` });
    redis.on('error', (error: unknown) => topicHandlers.report(error));
    return redis;
  }

  async function open(role: 'pub' | 'sub'): Promise<Redis> {
    const redis = connection(role);
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw error;
    }
    return redis;
  }

  let subscriber: Promise<Redis> | undefined;
  /** The subscriber connection once open, for `up`. */
  let subscriberOpen: Redis | undefined;
  /** False from the subscriber's reconnection until its channels are subscribed again. */
  let resubscribed = true;
  function subscriberConnection(): Promise<Redis> {
    subscriber ??= open('sub').then(
      (redis) => {
        subscriberOpen = redis;
        // Closed under us (not by close()): Redis cuts a subscriber over its output buffer limit; what is published until
        // ioredis has resubscribed never reaches this process. Counted and named, since it cannot be told apart from silence.
        let ready = true;
        /** Counts the connection's 'ready's: a PING answers only for the connection it was sent on. */
        let readyCount = 0;
        redis.on('ready', () => {
          ready = true;
          // ioredis sends its SUBSCRIBEs again right after 'ready': a PING behind them answers once they are in
          // force. Until then `up` is false, so that the outbox does not publish into channels nobody here hears yet.
          resubscribed = false;
          const connection = ++readyCount;
          const current = (): boolean => connection === readyCount && redis.status === 'ready';
          // Sent again every RESUBSCRIBED_PING_MS until one answers (or the connection is replaced): a PING that
          // ioredis carried over from the connection before, or that was lost with it, does not leave `up` false.
          const confirm = (): void => {
            if (!current() || resubscribed) return;
            const again = setTimeout(confirm, RESUBSCRIBED_PING_MS);
            again.unref();
            redis.ping().then(() => {
              clearTimeout(again);
              if (current()) resubscribed = true;
            }, () => {});
          };
          setImmediate(confirm);
        });
        redis.on('close', () => {
          // Once per connection lost, not again for each failed attempt to reconnect.
          if (closing || !ready) return;
          ready = false;
          countSubscriberCut();
          topicHandlers.report(new PubSubError(
            PubSubErrorCode.SUBSCRIBER_CUT,
            'The subscriber connection to Redis closed (Redis cuts a subscriber that falls more than its client-output-buffer-limit pubsub behind, or it went away): live messages published until it resubscribes are lost to this process, and its live feeds are told so. If Redis cut it, give this process more CPU or raise the limit (docs/operations.md).',
          ));
          topicHandlers.gap();
        });
        redis.on('messageBuffer', (channel: Buffer, frame: Buffer) => {
          const topic = channel.toString();
          const message = decodeFrame(topic, frame);
          if (message) topicHandlers.deliver(message);
          else topicHandlers.report(new PubSubError(PubSubErrorCode.MALFORMED_MESSAGE, `A message on Redis channel ${topic} lacks the key framing; it was dropped.`));
        });
        return redis;
      },
      (error: unknown) => {
        subscriber = undefined;
        throw error;
      },
    );
    return subscriber;
  }

  let closing = false;
  const topicHandlers = createTopicHandlers({
    onError: options.onError,
    async bind(topic) {
      const redis = await subscriberConnection();
      await redis.subscribe(topic);
      return {
        async close() {
          // At close, QUIT drops every channel at once; an UNSUBSCRIBE queued while reconnecting would only delay it.
          if (!closing) await redis.unsubscribe(topic);
        },
      };
    },
  });

  const publisher = await open('pub');

  return {
    kind: 'redis',
    get up() {
      return !closing && publisher.status === 'ready' && (subscriberOpen === undefined || (subscriberOpen.status === 'ready' && resubscribed));
    },
    async publish({ topic, key, payload }) {
      topicHandlers.assertOpen();
      await publisher.publish(topic, encodeFrame(key, payload));
    },
    async publishMany(messages) {
      topicHandlers.assertOpen();
      if (messages.length === 0) return;
      const pipeline = publisher.pipeline();
      for (const { topic, key, payload } of messages) pipeline.publish(topic, encodeFrame(key, payload));
      const failures = (await pipeline.exec())?.filter(([error]) => error) ?? [];
      const first = failures[0]?.[0];
      if (first) {
        throw new PubSubError(PubSubErrorCode.PUBLISH_FAILED, `Redis refused ${failures.length} of ${messages.length} messages: ${first.message}`, { cause: first });
      }
    },
    subscribe: (topic, handler) => topicHandlers.subscribe(topic, handler),
    onGap: (listener) => topicHandlers.onGap(listener),
    async close() {
      closing = true;
      await topicHandlers.close();
      const connections = [publisher];
      const subscribed = await subscriber?.catch(() => undefined);
      if (subscribed) connections.push(subscribed);
      await Promise.all(connections.map(quit));
    },
  };
}

/** QUIT waits for the replies still due; a connection that is down is just dropped. */
async function quit(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    try {
      await redis.quit();
      return;
    } catch {
      // Fall through: the connection went away meanwhile.
    }
  }
  redis.disconnect();
}
