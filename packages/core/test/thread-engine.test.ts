import { describe, expect, it } from 'vitest';
import { ConfigError, threadEngine, type WebhooksEvents } from '../src/index';
import { crashWorker } from '../src/thread-engine/thread-engine';
import { message, receiver, SECRET, until, webhooks } from './helpers';

type Crashable = { [crashWorker](how: 'throw' | 'exit' | 'out-of-memory'): void };

/** Each published message must end exactly once: delivered, failed or dropped. */
function outcomesPerMessage(
  of: <TName extends keyof WebhooksEvents>(name: TName) => WebhooksEvents[TName][],
) {
  const ends = new Map<string, string[]>();
  const add = (messageId: string, outcome: string) =>
    ends.set(messageId, [...(ends.get(messageId) ?? []), outcome]);
  for (const event of of('delivered')) add(event.messageId, 'delivered');
  for (const event of of('failed')) add(event.messageId, 'failed');
  for (const event of of('dropped')) add(event.messageId, `dropped:${event.reason}`);
  return ends;
}

describe('threadEngine', () => {
  it.each(['exit', 'throw', 'out-of-memory'] as const)(
    'restarts a worker that dies (%s) mid-stream and accounts for every event',
    async (how) => {
      const target = await receiver();
      target.setDefault({ delayMs: 2 });
      const engine = threadEngine({ maxHeapMb: 64 });
      const { hooks, of } = webhooks({
        engine,
        endpoints: [{ url: target.url(), secret: SECRET }],
        maxConcurrency: 20,
      });
      const published: string[] = [];
      for (let index = 0; index < 600; index += 1) published.push(hooks.publish(message(`a${index}`)) ?? '');
      await until(() => of('delivered').length >= 100);
      (engine as unknown as Crashable)[crashWorker](how);
      await until(() => of('error').some((report) => report.code === 'WORKER_CRASHED'), 15_000);
      for (let index = 0; index < 400; index += 1) published.push(hooks.publish(message(`b${index}`)) ?? '');
      const flushed = await hooks.flush({ timeoutMs: 15_000 });

      expect(flushed).toEqual({ settled: true, pending: 0 });
      const ends = outcomesPerMessage(of);
      expect(published.every((messageId) => ends.get(messageId)?.length === 1)).toBe(true);
      // One crash drops nothing: every job the dead worker held went to the new one.
      expect(of('dropped')).toEqual([]);
      expect(new Set(published)).toEqual(new Set(of('delivered').map((event) => event.messageId)));
      // At least once: whatever the dead worker had in flight may arrive twice, never not at all.
      const received = new Set(target.requests.map((request) => String(request.headers['webhook-id'])));
      expect(published.every((messageId) => received.has(messageId))).toBe(true);
      expect(target.requests.every((request) => request.verified)).toBe(true);
      const crash = of('error').find((report) => report.code === 'WORKER_CRASHED');
      expect(crash).toMatchObject({ source: 'thread-engine', severity: 'error' });
    },
    30_000,
  );

  it('drops (engine-failed) what a worker held through maxCrashesPerJob crashes, and goes on delivering', async () => {
    const target = await receiver();
    const release = target.hold();
    const engine = threadEngine({ maxCrashesPerJob: 2 });
    const { hooks, of } = webhooks({
      engine,
      endpoints: [{ id: 'held', url: target.url(), secret: SECRET }],
    });
    const poisoned = ['a', 'b', 'c'].map((text) => hooks.publish(message(text)));
    await target.waitFor(3);
    const crashes = () => of('error').filter((report) => report.code === 'WORKER_CRASHED').length;
    (engine as unknown as Crashable)[crashWorker]('exit');
    await until(() => crashes() === 1);
    await target.waitFor(6); // the new worker sent them again
    (engine as unknown as Crashable)[crashWorker]('exit');
    await until(() => crashes() === 2);
    release();
    const later = hooks.publish(message('after'));
    await hooks.flush({ timeoutMs: 10_000 });

    expect(of('dropped')).toEqual(
      poisoned.map((messageId) =>
        expect.objectContaining({
          messageId,
          endpointId: 'held',
          reason: 'engine-failed',
          body: expect.any(String),
        }),
      ),
    );
    expect(of('delivered').map((event) => event.messageId)).toEqual([later]);
  });

  it('holds the queue bound across the thread boundary: handed over and unsettled counts', async () => {
    const target = await receiver();
    const release = target.hold();
    const { hooks, of } = webhooks({
      engine: threadEngine(),
      endpoints: [{ id: 'slow', url: target.url(), secret: SECRET }],
      queue: { maxSize: 50 },
    });
    for (let index = 0; index < 200; index += 1) hooks.publish(message(`m${index}`));
    await target.waitFor(10); // the worker has them, ten in flight
    expect(hooks.endpoints()[0]?.pending).toBe(50);
    for (let index = 0; index < 10; index += 1) hooks.publish(message(`late${index}`));
    release();
    await hooks.flush();

    expect(of('delivered')).toHaveLength(50);
    expect(of('dropped')).toHaveLength(160);
    expect(of('dropped').every((event) => event.reason === 'queue-full')).toBe(true);
  });

  it('refuses unknown or out-of-range options with a ConfigError naming them', () => {
    expect(() => threadEngine({ maxHeap: 10 } as never)).toThrow(ConfigError);
    expect(() => threadEngine({ maxHeap: 10 } as never)).toThrow(/threadEngine\.maxHeap/);
    expect(() => threadEngine({ maxCrashesPerJob: 0 })).toThrow(/threadEngine\.maxCrashesPerJob/);
    expect(() => threadEngine({ maxHeapMb: Number.NaN })).toThrow(/threadEngine\.maxHeapMb/);
  });

  it('serves one Webhooks instance only', () => {
    const engine = threadEngine();
    webhooks({ engine });
    expect(() => webhooks({ engine })).toThrow(/one engine per createWebhooks/);
  });
});
