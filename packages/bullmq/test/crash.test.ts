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

/** Recovery in a second or two: locks of 2 s, stalled checks every second (the defaults are 30 s and 30 s). */
const FAST_RECOVERY = {
  lockDurationMs: 2_000,
  stalledIntervalMs: 1_000,
  reconnectMaxDelayMs: 200,
  concurrency: 20,
};

describe.runIf(requireRedisServer())('bullmqEngine: crashes and restarts of real processes', () => {
  it('kill -9 of a publisher and a worker mid-stream (10,000 events): everything reported stored arrives', async ({
    annotate,
  }) => {
    const redis = await redisServer();
    const target = await receiver();
    target.setDefault({ status: 204, delayMs: 2 });
    const endpoints = [{ id: 'crm', url: target.url(), secret: SECRET }];
    const common = { redis: redis.url, endpoints, engine: FAST_RECOVERY };
    const received = () => target.requests.length;

    const firstWorker = startProcess({ ...common, role: 'worker' });
    await firstWorker.ready;
    const firstBot = startProcess({ ...common, role: 'publisher', from: 0, count: 10_000, perSecond: 2_500 });
    await until(() => received() >= 1_500, 30_000, '1,500 deliveries');
    await firstWorker.kill('SIGKILL');
    const workerKilledAt = performance.now();
    const secondWorker = startProcess({ ...common, role: 'worker' });
    await until(() => firstBot.stored.size >= 5_000, 30_000, '5,000 stored');
    await firstBot.kill('SIGKILL');
    // What the killed bot had published but not yet stored died with it: the bot (restarted) goes on from there.
    const lastPublished = Math.max(...firstBot.published.keys());
    const secondBot = startProcess({
      ...common,
      role: 'publisher',
      from: lastPublished + 1,
      count: 10_000 - lastPublished - 1,
      perSecond: 2_500,
    });
    await secondBot.done;
    const stored = new Set([...firstBot.stored, ...secondBot.stored]);
    const distinctIds = receivedIds(target);
    await until(() => containsAll(distinctIds(), stored), 60_000, 'every stored event delivered');
    await new Promise((resolve) => setTimeout(resolve, 500)); // late duplicates, if any

    const arrived = target.requests.map((request) => String(request.headers['webhook-id']));
    const distinct = new Set(arrived);
    const unacknowledged = [...firstBot.published.values()].filter((id) => !firstBot.stored.has(id));
    const lostWithBot = unacknowledged.length;
    const storedUnacknowledged = unacknowledged.filter((id) => distinct.has(id)).length;
    // Duplicates: the jobs the killed worker had in flight, delivered again once their lock expired.
    const counts = new Map<string, number>();
    for (const id of arrived) counts.set(id, (counts.get(id) ?? 0) + 1);
    const duplicated = [...counts.entries()].filter(([, count]) => count > 1).map(([id]) => id);
    const redeliveredAfterMs = Math.max(
      0,
      ...target.requests
        .filter((request) => duplicated.includes(String(request.headers['webhook-id'])))
        .map((request) => request.arrivedAt - workerKilledAt),
    );
    const report = `${stored.size} events reported stored, ${distinct.size} distinct webhook-ids received, ${arrived.length - distinct.size} duplicate deliveries (${duplicated.length} events, the killed worker's in-flight ones, delivered again ${Math.round(redeliveredAfterMs)} ms after the kill); ${lostWithBot} events the killed bot published without hearing they were stored (${storedUnacknowledged} of them had reached Redis and were delivered, the rest died with it)`;
    await annotate(report);
    process.stderr.write(`[bullmq crash test] ${report}\n`);

    expect([...stored].every((id) => distinct.has(id))).toBe(true);
    const published = new Set([...firstBot.published.values(), ...secondBot.published.values()]);
    expect([...distinct].every((id) => published.has(id))).toBe(true);
    expect(stored.size + lostWithBot).toBe(10_000);
    expect(arrived.length - distinct.size).toBeLessThanOrEqual(FAST_RECOVERY.concurrency);
    expect(target.requests.every((request) => request.verified)).toBe(true);
    expect(secondBot.dropped).toEqual([]);
    // The new worker delivered what was left, the dead one's unfinished jobs included.
    expect(secondWorker.delivered).toBeGreaterThan(0);
  }, 120_000);

  it('Redis killed and restarted mid-stream (append-only file, everysec): nothing lost, delivery resumes unaided', async ({
    annotate,
  }) => {
    const redis = await redisServer({ appendOnly: true });
    const target = await receiver();
    target.setDefault({ status: 204, delayMs: 2 });
    const endpoints = [{ id: 'crm', url: target.url(), secret: SECRET }];
    const common = { redis: redis.url, endpoints, engine: FAST_RECOVERY };
    const worker = startProcess({ ...common, role: 'worker' });
    await worker.ready;
    const bot = startProcess({ ...common, role: 'publisher', from: 0, count: 4_000, perSecond: 1_000 });
    await until(() => bot.stored.size >= 1_000, 30_000, '1,000 stored');
    await redis.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const restartedAt = performance.now();
    await redis.launch();
    await bot.done;
    const received = receivedIds(target);
    await until(() => containsAll(received(), bot.stored), 60_000, 'every stored event delivered');

    const firstAfter = target.requests.find((request) => request.arrivedAt > restartedAt);
    const report = `${bot.stored.size} stored, all delivered; first delivery ${Math.round((firstAfter?.arrivedAt ?? 0) - restartedAt)} ms after Redis was back; ${target.requests.length - received().size} duplicates`;
    await annotate(report);
    process.stderr.write(`[bullmq restart test] ${report}\n`);
    // Nothing the bot published was lost: it buffered through the outage and stored it all afterwards.
    expect(bot.stored).toEqual(new Set(bot.published.values()));
    expect(bot.stored.size).toBe(4_000);
    expect(bot.dropped).toEqual([]);
    expect(bot.problems.map((problem) => problem.code)).toContain('REDIS_UNAVAILABLE');
    // Neither process was restarted.
    expect(worker.child.exitCode).toBeNull();
  }, 120_000);

  it('a message whose workers keep dying is dead-lettered (STALLED) instead of killing the next one', async () => {
    const redis = await redisServer();
    const target = await receiver();
    target.hold(); // every delivery hangs: each worker holding it is then killed, as if the message killed it
    const endpoints = [{ id: 'crm', url: target.url(), secret: SECRET }];
    const engine = { ...FAST_RECOVERY, maxStalledCount: 1 };
    const bot = durableWebhooks(redis, { endpoints }, { worker: false });
    const id = bot.hooks.publish(message('poison')) ?? '';
    await bot.hooks.flush({ timeoutMs: 5_000 });
    for (let death = 1; death <= 2; death += 1) {
      const worker = startProcess({ redis: redis.url, endpoints, role: 'worker', engine });
      await target.waitFor(death, { timeoutMs: 15_000 });
      await worker.kill('SIGKILL');
    }
    startProcess({ redis: redis.url, endpoints, role: 'worker', engine });
    let letters: Awaited<ReturnType<typeof bot.engine.deadLetters>> = [];
    const deadline = Date.now() + 15_000;
    while (letters.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      letters = await bot.engine.deadLetters({ endpoint: 'crm' });
    }

    expect(letters).toEqual([
      expect.objectContaining({ messageId: id, error: expect.objectContaining({ code: 'STALLED' }) }),
    ]);
    // Two workers died with it; the third never sent it.
    expect(target.requests).toHaveLength(2);
  }, 60_000);

  it('a finished process exits by itself after close(), whether Redis is up or away', async () => {
    const redis = await redisServer();
    const target = await receiver();
    const endpoints = [{ id: 'crm', url: target.url(), secret: SECRET }];
    const up = startProcess({ redis: redis.url, endpoints, role: 'publisher', from: 0, count: 100 });
    await up.done;
    expect(await up.exited).toBe(0);

    const worker = startProcess({ redis: redis.url, endpoints, role: 'worker', engine: FAST_RECOVERY });
    await worker.ready;
    await redis.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stopping = performance.now();
    expect(await worker.kill('SIGTERM')).toBe(0);
    expect(performance.now() - stopping).toBeLessThan(5_000);
  }, 30_000);
});
