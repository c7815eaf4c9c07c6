import { Redis as IORedis, type Redis } from 'ioredis';

/** One connection as Redis's CLIENT LIST shows it: its id, and how many channels it subscribes to. */
export interface RedisClientEntry {
  id: string;
  sub: string;
}

/** The connections named `name` (ioredis's `connectionName`), as an operator sees them in CLIENT LIST. */
export async function redisClientsNamed(redis: Redis, name: string): Promise<RedisClientEntry[]> {
  const list = (await redis.call('CLIENT', 'LIST')) as string;
  return list
    .split('\n')
    .map((line) => Object.fromEntries(line.split(' ').map((field) => field.split('=', 2))) as Record<string, string>)
    .filter((client) => client.name === name)
    .map((client) => ({ id: client.id ?? '', sub: client.sub ?? '' }));
}

/** Closes the connections named `name` as Redis closes a subscriber past its output buffer limit; resolves how many it closed. */
export async function cutRedisClients(redis: Redis, name: string): Promise<number> {
  const clients = await redisClientsNamed(redis, name);
  for (const client of clients) await redis.call('CLIENT', 'KILL', 'ID', client.id);
  return clients.length;
}

/** Runs `use` with a plain client of the machine's Redis (`REDIS_URL`), closed after. */
export async function withRedis<T>(use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    return await use(redis);
  } finally {
    await redis.quit();
  }
}
