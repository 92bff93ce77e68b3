import { hasRedisServer, RedisServer } from '@bothooks/testkit';
import type { Scenario } from '../../lib/scenario';

/**
 * `@bothooks/bullmq` from the installed package: a bot process that publishes through the durable engine and
 * also runs its worker, against a real redis-server the install test starts on a free loopback port.
 */
export const scenario: Scenario = {
  async world({ endpoint, label }) {
    if (!hasRedisServer()) {
      throw new Error('redis-server is not on the PATH: install it (apt-get install -y redis-server)');
    }
    const redis = await RedisServer.start();
    const text = `hello from ${label}`;
    return {
      env: { BULLMQ_REDIS_URL: redis.url, BULLMQ_WEBHOOK_URL: endpoint, BULLMQ_MESSAGE_TEXT: text },
      drive: async () => undefined,
      expected: [{ type: 'message.received', platform: 'telegram', text }],
      close: () => redis.stop(),
    };
  },
};
