import { hasRedisServer, type RedisServer } from '@bothooks/testkit';
import { Redis } from 'ioredis';

/**
 * Tests that need Redis run against a real `redis-server` they start themselves. Without one on the PATH they
 * fail under CI (`CI=true`) and skip, saying so loudly, elsewhere.
 */
export function requireRedisServer(): boolean {
  if (hasRedisServer()) return true;
  const message =
    'redis-server is not on the PATH: install it (apt-get install -y redis-server) to run the @bothooks/bullmq tests';
  if (process.env.CI === 'true') throw new Error(message);
  process.stderr.write(`\n\n!!! SKIPPING the @bothooks/bullmq Redis tests: ${message} !!!\n\n`);
  return false;
}

/** A plain client for a test to look into Redis with; disconnect it when done. */
export function inspectRedis(server: RedisServer): Redis {
  const client = new Redis(server.url, { disconnectTimeout: 100 });
  client.on('error', () => undefined);
  return client;
}
