import { hasRedisServer } from '@bothooks/testkit';
import { describe, expect, it } from 'vitest';
import { runDemo } from './main';

const available = hasRedisServer();
if (!available && process.env.CI === 'true') {
  throw new Error('redis-server is not on the PATH: apt-get install -y redis-server');
}
if (!available)
  process.stderr.write('\n!!! SKIPPING example-bullmq-workers: redis-server is not on the PATH !!!\n\n');

describe.runIf(available)('the bullmq-workers example', () => {
  it('delivers every message of the bot through two workers, although one is killed with kill -9', async () => {
    const result = await runDemo({ messages: 12 });

    expect(result.webhooks).toBe(24);
    expect(result.verified).toBe(true);
    expect(result.byWorker['worker-2']).toBeGreaterThan(0);
    expect((result.byWorker['worker-1'] ?? 0) + (result.byWorker['worker-2'] ?? 0)).toBeGreaterThanOrEqual(
      24,
    );
  }, 90_000);
});
