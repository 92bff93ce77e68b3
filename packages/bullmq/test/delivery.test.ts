import { describe, expect, it } from 'vitest';
import { durableWebhooks, message, receiver, redisServer, SECRET, storedIds, until } from './helpers';
import { requireRedisServer } from './redis-server';

describe.runIf(requireRedisServer())('bullmqEngine: delivery in one process', () => {
  it('stores what is published, reports it stored, and delivers it signed with the same webhook-id', async () => {
    const redis = await redisServer();
    const target = await receiver();
    const recorded = durableWebhooks(redis, {
      endpoints: [{ id: 'crm', url: target.url(), secret: SECRET }],
    });
    const published = Array.from({ length: 200 }, (_, index) => recorded.hooks.publish(message(`m${index}`)));

    expect(await recorded.hooks.flush({ timeoutMs: 10_000 })).toEqual({ settled: true, pending: 0 });
    expect(storedIds(recorded)).toEqual(new Set(published));
    await until(() => recorded.of('delivered').length === 200, 10_000, '200 deliveries');
    expect(target.requests.every((request) => request.verified)).toBe(true);
    expect(new Set(target.requests.map((request) => request.headers['webhook-id']))).toEqual(
      new Set(published),
    );
    expect(recorded.of('delivered')[0]).toMatchObject({ endpointId: 'crm', status: 204, attempts: 1 });
  });
});
