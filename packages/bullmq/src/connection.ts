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

export function createRedis(
  role: ConnectionRole,
  options: ResolvedBullmqOptions,
  closing: () => boolean,
): Redis {
  const cap = options.reconnectMaxDelayMs;
  const overrides: RedisOptions = {
    // Once the engine closes, the next reconnection attempt ends the connection instead (see closeRedis). BullMQ
    // copies these options into the worker's blocking connection, so this ends that one too.
    retryStrategy: (times: number) =>
      closing() ? null : Math.round(Math.min(50 * 2 ** times, cap) * (0.8 + 0.4 * Math.random())),
    connectionName: `${options.prefix}-${role}`,
    // How long a closed connection's socket may linger; ioredis's 2 s kept a finished process alive that long.
    disconnectTimeout: 500,
    ...(role === 'producer'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: options.commandTimeoutMs }
      : { enableOfflineQueue: true, maxRetriesPerRequest: null }),
  };
  const { connection } = options;
  return endable(
    typeof connection === 'string'
      ? new Redis(connection, overrides)
      : new Redis({ ...connection, ...overrides }),
  );
}

/**
 * Makes `disconnect()` end a connection whatever its state. Between two reconnection attempts ioredis's own
 * `disconnect()` only cancels the next attempt: the connection then stays "reconnecting" for ever, its commands
 * never rejected, and BullMQ's `close()`, which waits for its blocking connection to end, never returns. Here a
 * last attempt is made instead, which ends the connection (or, should Redis be back, is closed once ready). The
 * copies BullMQ makes for its workers' blocking connections (`duplicate()`) get the same treatment.
 */
function endable(redis: Redis): Redis {
  const disconnect = redis.disconnect.bind(redis);
  redis.disconnect = (reconnect = false) => {
    const between = !reconnect && redis.status === 'reconnecting';
    disconnect(reconnect);
    if (!between) return;
    const closeOnceReady = (): void => disconnect();
    redis.once('ready', closeOnceReady);
    redis.once('end', () => redis.off('ready', closeOnceReady));
    redis.connect().catch(() => undefined);
  };
  const duplicate = redis.duplicate.bind(redis);
  redis.duplicate = (override?: Partial<RedisOptions>) => endable(duplicate(override));
  return redis;
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

/**
 * Closes a connection, politely if Redis answers, and for good in any case: every command still waiting on it is
 * rejected, which is what lets BullMQ's own close finish when Redis is away. Resolves within `timeoutMs`.
 */
export async function closeRedis(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'end') return;
  let timer: NodeJS.Timeout | undefined;
  const ended = new Promise<void>((resolve) => {
    redis.once('end', resolve);
    timer = setTimeout(resolve, timeoutMs);
  });
  if (redis.status === 'ready') await redis.quit().catch(() => undefined);
  redis.disconnect();
  await ended;
  clearTimeout(timer);
}
