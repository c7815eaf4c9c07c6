import { setting } from '../config/index.js';
import type { Logger } from '../log/index.js';
import type { PubSub, PubSubOptions } from './types.js';

export type { GapListener, MessageHandler, PubSub, PubSubErrorHandler, PubSubMessage, PubSubOptions, Subscription } from './types.js';
export { PubSubError, PubSubErrorCode, subscriberCuts } from './errors.js';
export { durableTopicSubjects, isDurableTopic, topics, topicSegment } from './topics.js';

export interface CreatePubSubOptions extends PubSubOptions {
  /** Redis to use (`REDIS_URL`); takes precedence over `natsUrl`. */
  redisUrl?: string | undefined;
  /** NATS with JetStream to use (`NATS_URL`). */
  natsUrl?: string | undefined;
  /**
   * What the server calls this process's connections: Redis's `CLIENT LIST`
   * shows `<name>:pub` and `<name>:sub`, NATS's monitoring `<name>`.
   * @default 'lifestone'
   */
  name?: string | undefined;
}

/**
 * The pubsub the configuration asks for: Redis when `redisUrl` is set, else
 * NATS when `natsUrl` is set, else the in-memory one (one process only). The
 * only place a backend is chosen; the client library of the other backends is
 * not even loaded.
 */
export async function createPubSub(options: CreatePubSubOptions = {}): Promise<PubSub> {
  const { redisUrl, natsUrl, onError, name } = options;
  if (redisUrl) {
    const { createRedisPubSub } = await import('./redis.js');
    return createRedisPubSub({ url: redisUrl, onError, ...(name ? { name } : {}) });
  }
  if (natsUrl) {
    const { createNatsPubSub } = await import('./nats.js');
    return createNatsPubSub({ url: natsUrl, onError, ...(name ? { name } : {}) });
  }
  const { createMemoryPubSub } = await import('./memory.js');
  return createMemoryPubSub({ onError });
}

/** The pubsub the environment asks for (`REDIS_URL`, `NATS_URL`, else memory), its errors logged, its connections called `name`. */
export function createPubSubFromEnv(log: Logger, name?: string, env: Record<string, string | undefined> = process.env): Promise<PubSub> {
  return createPubSub({
    redisUrl: setting('REDIS_URL', env),
    natsUrl: setting('NATS_URL', env),
    onError: (error) => log.error({ err: error }, 'pubsub error'),
    name,
  });
}
