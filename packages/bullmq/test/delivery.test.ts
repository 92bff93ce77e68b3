import { verifyWebhook } from '@bothooks/core';
import { describe, expect, it } from 'vitest';
import { durableWebhooks, message, receiver, redisServer, SECRET, storedIds, until } from './helpers';
import { inspectRedis, requireRedisServer } from './redis-server';

describe.runIf(requireRedisServer())('bullmqEngine: delivery', () => {
  it('stores what is published, reports it stored, and delivers it signed with the same webhook-id', async () => {
    const redis = await redisServer();
    const target = await receiver();
    const { hooks, of } = durableWebhooks(redis, {
      endpoints: [{ id: 'crm', url: target.url(), secret: SECRET, headers: { 'x-tenant': 'acme' } }],
    });
    const event = message('hello');
    const published = [hooks.publish(event)];
    for (let index = 0; index < 199; index += 1) published.push(hooks.publish(message(`m${index}`)));

    expect(await hooks.flush({ timeoutMs: 10_000 })).toEqual({ settled: true, pending: 0 });
    expect(storedIds({ hooks, of } as never)).toEqual(new Set(published));
    await until(() => of('delivered').length === 200, 10_000, '200 deliveries');
    expect(target.requests.every((request) => request.verified)).toBe(true);
    expect(new Set(target.requests.map((request) => request.headers['webhook-id']))).toEqual(
      new Set(published),
    );
    const first = target.requests.find((request) => request.headers['webhook-id'] === published[0]);
    expect(first?.headers['x-tenant']).toBe('acme');
    expect(first?.body).toBe(JSON.stringify(event));
    expect(
      verifyWebhook({ payload: first?.rawBody ?? '', headers: first?.headers ?? {}, secret: SECRET }),
    ).toEqual(event);
    expect(of('delivered')[0]).toMatchObject({ endpointId: 'crm', status: 204, attempts: 1 });
    expect(of('error')).toEqual([]);
  });

  it('retries on the configured schedule, never sooner than Retry-After, with a fresh signature', async () => {
    const redis = await redisServer();
    const target = await receiver();
    target.script([{ status: 503, retryAfter: 1 }, { status: 500 }]);
    const { hooks, of } = durableWebhooks(redis, {
      endpoints: [{ url: target.url(), secret: SECRET }],
      retry: { delays: [50, 50], jitter: 0 },
    });
    const id = hooks.publish(message('retry me'));
    await until(() => of('delivered').length === 1, 10_000, 'the delivery');

    expect(target.requests.map((request) => request.headers['webhook-id'])).toEqual([id, id, id]);
    const [first, second, third] = target.requests.map((request) => request.arrivedAt);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(950);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(45);
    expect(of('retrying').map((event) => [event.attempts, event.delayMs, event.error.status])).toEqual([
      [1, 1_000, 503],
      [2, 50, 500],
    ]);
    expect(of('delivered')).toEqual([expect.objectContaining({ messageId: id, attempts: 3 })]);
    expect(target.requests.every((request) => request.verified)).toBe(true);
  });

  it('dead-letters what exhausts its attempts, lists it, and replays it with its original webhook-id', async () => {
    const redis = await redisServer();
    const target = await receiver();
    target.setDefault({ status: 500 });
    const { hooks, engine, of } = durableWebhooks(redis, {
      endpoints: [{ id: 'crm', url: target.url(), secret: SECRET }],
      retry: { delays: [10] },
      circuitBreaker: false,
    });
    const published = Array.from({ length: 5 }, (_, index) => hooks.publish(message(`dead ${index}`)) ?? '');
    await until(() => of('failed').length === 5, 10_000, 'five failures');

    expect(target.requests).toHaveLength(10);
    expect(of('failed')[0]).toMatchObject({
      endpointId: 'crm',
      attempts: 2,
      error: { code: 'HTTP_STATUS', status: 500, message: 'the endpoint answered 500' },
      body: expect.stringContaining('"text":"dead'),
    });
    const letters = await engine.deadLetters({ endpoint: 'crm' });
    expect(new Set(letters.map((letter) => letter.messageId))).toEqual(new Set(published));
    const letter = letters.find((entry) => entry.messageId === published[0]);
    expect(letter).toMatchObject({
      endpointId: 'crm',
      type: 'message.received',
      attempts: 2,
      error: { code: 'HTTP_STATUS', status: 500 },
    });
    expect(JSON.parse(letter?.body ?? '{}').data.message.text).toBe('dead 0');
    expect(Date.parse(letter?.failedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(await engine.deadLetters({ endpoint: 'crm', offset: 1, limit: 2 })).toHaveLength(2);

    target.setDefault({ status: 204 });
    expect(await engine.replay(published[0] ?? '')).toBe(1);
    await until(() => of('delivered').length === 1, 10_000, 'the replayed delivery');
    expect(of('delivered')[0]).toMatchObject({ messageId: published[0], attempts: 1 });
    expect(await engine.replay('msg_unknown')).toBe(0);
    expect(await engine.replayAll({ endpoint: 'crm' })).toBe(4);
    await until(() => of('delivered').length === 5, 10_000, 'the other replays');

    const delivered = target.requests.filter((request) => request.verified).slice(10);
    expect(new Set(delivered.map((request) => request.headers['webhook-id']))).toEqual(new Set(published));
    expect(await engine.deadLetters({ endpoint: 'crm' })).toEqual([]);
  });

  it('dead-letters what the receiver refuses (abort-message) at once, and a dropped delivery does not hold back its conversation', async () => {
    const redis = await redisServer();
    const target = await receiver();
    target.respondWith((request) =>
      request.json<{ data: { message: { text: string } } }>().data.message.text === 'two'
        ? { status: 400, headers: { 'webhook-delivery': 'abort-message' } }
        : undefined,
    );
    const { hooks, engine, of } = durableWebhooks(redis, {
      endpoints: [{ id: 'ordered', url: target.url(), secret: SECRET, ordering: 'conversation' }],
    });
    const ids = ['one', 'two', 'three', 'four'].map((text) => hooks.publish(message(text, 'c1')) ?? '');
    await until(() => of('delivered').length === 3, 10_000, 'three deliveries');

    const texts = (requests: typeof target.requests) =>
      requests.map((request) => request.json<{ data: { message: { text: string } } }>().data.message.text);
    expect(texts(target.requests)).toEqual(['one', 'two', 'three', 'four']);
    expect(of('failed')).toEqual([
      expect.objectContaining({
        messageId: ids[1],
        attempts: 1,
        error: expect.objectContaining({ code: 'ABORTED_BY_RECEIVER' }),
      }),
    ]);
    target.respondWith(undefined);
    expect(await engine.replay(ids[1] ?? '', { endpoint: 'ordered' })).toBe(1);
    await until(() => of('delivered').length === 4, 10_000, 'the replay');
    // A replay is sent at once, out of order on purpose.
    expect(texts(target.requests).at(-1)).toBe('two');
  });

  it('a conversation goes on after orderingGapMs when a numbered job never reached Redis (its publisher died)', async () => {
    const redis = await redisServer();
    const target = await receiver();
    const { hooks, of } = durableWebhooks(redis, {
      endpoints: [{ id: 'ordered', url: target.url(), secret: SECRET, ordering: 'conversation' }],
    });
    hooks.publish(message('first', 'c1'));
    await until(() => of('delivered').length === 1, 5_000, 'the first delivery');
    // A publisher that took the next number and died before storing its job.
    const client = inspectRedis(redis);
    const [, [seqKey]] = await client.scan('0', 'MATCH', 'bothooks:ordered:~lane:*:seq', 'COUNT', 1_000);
    await client.incr(seqKey ?? 'missing');
    client.disconnect();
    const published = performance.now();
    hooks.publish(message('after the gap', 'c1'));
    await until(() => of('delivered').length === 2, 10_000, 'the delivery after the gap');

    const waited = (target.requests[1]?.arrivedAt ?? 0) - published;
    expect(waited).toBeGreaterThanOrEqual(900); // orderingGapMs is 1 s in these tests
    expect(waited).toBeLessThan(5_000);
  });

  it('close() lets deliveries in flight finish: nothing is delivered twice after a graceful shutdown', async () => {
    const redis = await redisServer();
    const target = await receiver();
    target.setDefault({ status: 204, delayMs: 400 });
    const endpoints = [{ id: 'slow', url: target.url(), secret: SECRET }];
    const first = durableWebhooks(redis, { endpoints });
    for (let index = 0; index < 5; index += 1) first.hooks.publish(message(`m${index}`));
    await target.waitFor(5);
    const closing = Date.now();
    await first.hooks.close();

    expect(Date.now() - closing).toBeGreaterThanOrEqual(300);
    expect(first.of('delivered')).toHaveLength(5);
    // Every job finished in Redis: none active (which a dead worker leaves behind), none waiting.
    const client = inspectRedis(redis);
    expect(await client.zcard('bothooks:slow:completed')).toBe(5);
    expect(await client.llen('bothooks:slow:active')).toBe(0);
    expect(await client.llen('bothooks:slow:wait')).toBe(0);
    client.disconnect();
    // And another worker on the same Redis finds nothing left to send.
    const second = durableWebhooks(redis, { endpoints });
    await second.engine.ready();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(target.requests).toHaveLength(5);
    expect(second.of('delivered')).toEqual([]);
  });

  it('delivers what another process stored, and reports it there with no settlement of its own', async () => {
    const redis = await redisServer();
    const target = await receiver();
    const endpoints = [{ id: 'crm', url: target.url(), secret: SECRET }];
    const bot = durableWebhooks(redis, { endpoints }, { worker: false });
    const worker = durableWebhooks(redis, { endpoints });
    const ids = Array.from({ length: 50 }, (_, index) => bot.hooks.publish(message(`m${index}`)));
    expect(await bot.hooks.flush({ timeoutMs: 10_000 })).toEqual({ settled: true, pending: 0 });
    await until(() => worker.of('delivered').length === 50, 10_000, 'the deliveries');

    expect(bot.of('delivered')).toEqual([]);
    expect(new Set(worker.of('delivered').map((event) => event.messageId))).toEqual(new Set(ids));
    expect(bot.hooks.endpoints()[0]?.pending).toBe(0);
    expect(bot.hooks.engineName).toBe('bullmq');
  });
});
