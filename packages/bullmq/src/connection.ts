import { Redis, type RedisOptions } from 'ioredis';
import type { ResolvedBullmqOptions } from './options';

/**
 * The two kinds of connection a process holds.
 * - `producer`: publishing and reading shared state. It fails fast (`enableOfflineQueue: false`,
 *   `commandTimeout`), so a Redis outage is seen at once and the publisher buffers in memory instead of waiting
 *   inside ioredis, whose default is to hang for minutes and then drop the command.
 * - `worker`: BullMQ workers, which must wait through an outage (`maxRetriesPerRequest: null`, BullMQ's own
 *   requirement) and resume by themselves.
 * Both reconnect with a capped backoff: BullMQ's default grows to 20 s, which made recovery up to 18 s late.
 */
export type ConnectionRole = 'producer' | 'worker';

export function createRedis(role: ConnectionRole, options: ResolvedBullmqOptions): Redis {
  const cap = options.reconnectMaxDelayMs;
  const overrides: RedisOptions = {
    retryStrategy: (times: number) =>
      Math.round(Math.min(50 * 2 ** times, cap) * (0.8 + 0.4 * Math.random())),
    connectionName: `${options.prefix}-${role}`,
    ...(role === 'producer'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: options.commandTimeoutMs }
      : { enableOfflineQueue: true, maxRetriesPerRequest: null }),
  };
  const { connection } = options;
  return typeof connection === 'string'
    ? new Redis(connection, overrides)
    : new Redis({ ...connection, ...overrides });
}

/** Where Redis is, for messages: host and port (or socket path) and database, never credentials. */
export function describeConnection(connection: string | RedisOptions): string {
  if (typeof connection === 'string') {
    const url = new URL(connection);
    const database = url.pathname.length > 1 ? url.pathname : '';
    return `${url.hostname}:${url.port || '6379'}${database}`;
  }
  if (connection.path) return `socket ${connection.path}`;
  const database = connection.db ? `/${connection.db}` : '';
  return `${connection.host ?? '127.0.0.1'}:${connection.port ?? 6379}${database}`;
}

/** Closes a connection politely, and for good if Redis does not answer in time. Never rejects. */
export async function closeRedis(redis: Redis, timeoutMs = 1_000): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    redis.quit().catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  redis.disconnect();
}
