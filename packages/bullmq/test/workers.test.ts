import type { RecordedRequest } from '@bothooks/testkit';
import { describe, expect, it } from 'vitest';
import {
  containsAll,
  durableWebhooks,
  message,
  receivedIds,
  receiver,
  redisServer,
  SECRET,
  until,
} from './helpers';
import { startProcess } from './processes';
import { requireRedisServer } from './redis-server';

const FAST = {
  lockDurationMs: 2_000,
  stalledIntervalMs: 1_000,
  orderingRecheckMs: 500,
  orderingGapMs: 1_000,
};

function text(request: RecordedRequest): string {
  return request.json<{ data: { message: { text: string } } }>().data.message.text;
}

describe.runIf(requireRedisServer())('bullmqEngine: several worker processes', () => {
  it.each([2, 3])(
    '%i workers deliver each event exactly once in normal operation',
    async (count) => {
      const redis = await redisServer();
      const target = await receiver();
      target.setDefault({ status: 204, delayMs: 1 });
      const endpoints = [{ id: 'crm', url: target.url(), secret: SECRET }];
      const workers = Array.from({ length: count }, () =>
        startProcess({ redis: redis.url, endpoints, role: 'worker', engine: { ...FAST, concurrency: 10 } }),
      );
      await Promise.all(workers.map((worker) => worker.ready));
      const bot = durableWebhooks(redis, { endpoints, queue: { maxSize: 10_000 } }, { worker: false });
      const ids = Array.from({ length: 3_000 }, (_, index) => bot.hooks.publish(message(`m${index}`)) ?? '');
      await bot.hooks.flush({ timeoutMs: 20_000 });
      const received = receivedIds(target);
      await until(() => containsAll(received(), ids), 30_000, 'every event delivered');
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(target.requests).toHaveLength(3_000);
      expect(received().size).toBe(3_000);
      await until(
        () => workers.reduce((sum, worker) => sum + worker.delivered, 0) === 3_000,
        5_000,
        'reports',
      );
      // Each took a share of the work.
      for (const worker of workers) expect(worker.delivered).toBeGreaterThan(100);
    },
    60_000,
  );

  it('keeps each conversation in order across three workers while the endpoint fails at random', async ({
    annotate,
  }) => {
    const redis = await redisServer();
    const target = await receiver();
    const acknowledged = new Map<string, number>(); // event text → when its 2xx answer was sent
    const succeeded = new Set<RecordedRequest>();
    target.respondWith((request) => {
      if (Math.random() < 0.3) return { status: 500 };
      acknowledged.set(text(request), performance.now());
      succeeded.add(request);
      return { status: 204 };
    });
    const endpoints = [
      { id: 'ordered', url: target.url(), secret: SECRET, ordering: 'conversation' as const },
    ];
    const retry = { delays: [5, 10, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20] };
    const workers = Array.from({ length: 3 }, () =>
      startProcess({
        redis: redis.url,
        endpoints,
        role: 'worker',
        retry,
        engine: { ...FAST, concurrency: 10 },
      }),
    );
    await Promise.all(workers.map((worker) => worker.ready));
    const conversations = 40;
    const perConversation = 15;
    const bot = durableWebhooks(redis, { endpoints, retry }, { worker: false });
    // Interleaved, as a busy bot publishes them.
    for (let index = 0; index < perConversation; index += 1) {
      for (let conversation = 0; conversation < conversations; conversation += 1) {
        bot.hooks.publish(message(`c${conversation}-${index}`, `c${conversation}`));
      }
    }
    await bot.hooks.flush({ timeoutMs: 20_000 });
    const total = conversations * perConversation;
    await until(() => acknowledged.size === total, 60_000, 'every event delivered');

    let outOfOrder = 0;
    let sentEarly = 0;
    for (let conversation = 0; conversation < conversations; conversation += 1) {
      const delivered = target.requests
        .filter((request) => text(request).startsWith(`c${conversation}-`))
        .filter((request) => succeeded.has(request));
      const order = delivered.map(text);
      const expected = Array.from({ length: perConversation }, (_, index) => `c${conversation}-${index}`);
      if (order.join() !== expected.join()) outOfOrder += 1;
      // No attempt at an event before its predecessor's success was answered.
      for (let index = 1; index < perConversation; index += 1) {
        const previousAcknowledged =
          acknowledged.get(`c${conversation}-${index - 1}`) ?? Number.POSITIVE_INFINITY;
        const firstAttempt = target.requests.find((request) => text(request) === `c${conversation}-${index}`);
        if ((firstAttempt?.arrivedAt ?? 0) < previousAcknowledged) sentEarly += 1;
      }
    }
    const failedAttempts = target.requests.length - total;
    const report = `${total} events in ${conversations} conversations over 3 workers, ${failedAttempts} failed attempts (30 % at random): ${outOfOrder} conversations out of order, ${sentEarly} attempts sent before the predecessor's success`;
    await annotate(report);
    process.stderr.write(`[bullmq ordering test] ${report}\n`);
    expect(failedAttempts).toBeGreaterThan(total * 0.2);
    expect(outOfOrder).toBe(0);
    expect(sentEarly).toBe(0);
    // Every worker took part.
    for (const worker of workers) expect(worker.delivered).toBeGreaterThan(0);
  }, 90_000);
});
