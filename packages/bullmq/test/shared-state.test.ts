import type { EngineHost, ErrorInfo } from '@bothooks/core/engine';
import { describe, expect, it } from 'vitest';
import { EngineKeys } from '../src/keys';
import { Scripts } from '../src/scripts';
import { SharedState } from '../src/shared-state';
import { durableWebhooks, message, onCleanup, receiver, redisServer, SECRET, until } from './helpers';
import { inspectRedis, requireRedisServer } from './redis-server';

// Each `durableWebhooks` is an engine with its own Redis connections: what one process shares with another.
describe.runIf(requireRedisServer())('bullmqEngine: state shared by every process', () => {
  it('a refresh that read Redis before this process disabled or enabled an endpoint does not undo it', async () => {
    const redis = await redisServer();
    const connection = inspectRedis(redis);
    onCleanup(async () => connection.disconnect());
    await until(() => connection.status === 'ready', 5_000, 'Redis connected');
    const announced: string[] = [];
    // Only what SharedState calls: the host's announcements and its breaker settings.
    const host = {
      settings: { circuitBreaker: undefined },
      endpointDisabled: (endpointId: string) => announced.push(`disabled ${endpointId}`),
      endpointEnabled: (endpointId: string) => announced.push(`enabled ${endpointId}`),
      circuit: () => undefined,
    } as unknown as EngineHost;
    const state = new SharedState(
      connection,
      new Scripts(connection),
      new EngineKeys('t'),
      host,
      60_000,
      () => {},
    );
    const gone: ErrorInfo = { code: 'ENDPOINT_GONE', message: 'the endpoint answered 410' };

    // The refresh's read goes to Redis before the disable's write, on the same connection.
    const refreshed = state.refresh();
    const disabled = state.disable('crm', gone);
    await Promise.all([refreshed, disabled]);
    await state.refresh();
    expect(state.isDisabled('crm')).toBe(true);
    expect(announced).toEqual(['disabled crm']);

    const refreshedAgain = state.refresh();
    state.enable('crm');
    await refreshedAgain;
    expect(state.isDisabled('crm')).toBe(false);
    // Sent after the enable's delete on the same connection, so it sees it.
    expect(await connection.hlen('t:~engine:disabled')).toBe(0);
    await state.refresh();
    expect(state.isDisabled('crm')).toBe(false);
    expect(announced).toEqual(['disabled crm']);
  });

  it('a 410 disables the endpoint in every process; enableEndpoint in one re-enables it in all', async () => {
    const redis = await redisServer();
    const target = await receiver();
    const release = target.hold();
    target.script([{ status: 410 }]);
    const endpoints = [{ id: 'crm', url: target.url(), secret: SECRET }];
    const bot = durableWebhooks(redis, { endpoints }, { worker: false });
    const workers = [durableWebhooks(redis, { endpoints }), durableWebhooks(redis, { endpoints })];
    const before = Array.from({ length: 30 }, (_, index) => bot.hooks.publish(message(`m${index}`)) ?? '');
    await target.waitFor(1);
    release();

    for (const process of [bot, ...workers]) {
      await until(() => process.of('endpoint-disabled').length === 1, 15_000, 'endpoint-disabled everywhere');
      expect(process.of('endpoint-disabled')[0]).toEqual({
        endpointId: 'crm',
        error: expect.objectContaining({ code: 'ENDPOINT_GONE', status: 410 }),
      });
      expect(process.hooks.endpoints()[0]?.state).toBe('disabled');
    }
    // Every stored job ends once: the 410 itself failed, the ones in flight were delivered, the rest dropped.
    const ends = () =>
      workers.flatMap((process) => [
        ...process.of('delivered').map((event) => event.messageId),
        ...process.of('failed').map((event) => event.messageId),
        ...process.of('dropped').map((event) => event.messageId),
      ]);
    await until(() => ends().length === 30, 10_000, 'every job ended');
    expect(new Set(ends())).toEqual(new Set(before));
    const dropped = workers.flatMap((process) => process.of('dropped'));
    expect(dropped.every((event) => event.reason === 'endpoint-disabled')).toBe(true);
    expect(workers.flatMap((process) => process.of('failed'))).toHaveLength(1);
    // A disabled endpoint is refused at publish time, in the bot, without reaching Redis.
    bot.hooks.publish(message('while disabled'));
    expect(bot.of('dropped').at(-1)).toMatchObject({ reason: 'endpoint-disabled', endpointId: 'crm' });

    bot.hooks.enableEndpoint('crm');
    for (const process of workers) {
      await until(() => process.hooks.endpoints()[0]?.state === 'active', 15_000, 'active again everywhere');
    }
    // The dropped ones are dead letters, sent again by a replay.
    const letters = await bot.engine.deadLetters({ endpoint: 'crm' });
    expect(letters.filter((letter) => letter.error.code === 'ENDPOINT_DISABLED')).toHaveLength(
      dropped.length,
    );
    expect(await bot.engine.replayAll({ endpoint: 'crm' })).toBe(dropped.length + 1);
    const delivered = () =>
      workers.flatMap((process) => process.of('delivered').map((event) => event.messageId));
    await until(() => new Set(delivered()).size === 30, 10_000, 'all 30 delivered');
    const after = bot.hooks.publish(message('after'));
    await until(() => delivered().includes(after ?? ''), 5_000, 'a new publish delivered');
  });

  it('the circuit breaker is shared: it opens for every worker, pauses the endpoint, and one probe closes it', async () => {
    const redis = await redisServer();
    const target = await receiver();
    let healthy = false;
    target.respondWith(() => (healthy ? { status: 204 } : { status: 500 }));
    const endpoints = [{ id: 'flaky', url: target.url(), secret: SECRET, maxConcurrency: 2 }];
    const options = {
      endpoints,
      circuitBreaker: { failureThreshold: 4, cooldownMs: 1_500 },
      retry: { delays: [10, 10, 10, 10, 10, 10, 10, 10, 10, 10] },
    };
    const workers = [durableWebhooks(redis, options), durableWebhooks(redis, options)];
    const ids = Array.from({ length: 10 }, (_, index) => workers[0]?.hooks.publish(message(`m${index}`)));
    for (const process of workers) {
      await until(() => process.of('circuit-open').length === 1, 10_000, 'circuit-open everywhere');
      expect(process.of('circuit-open')[0]).toEqual({ endpointId: 'flaky', cooldownMs: 1_500 });
      expect(process.hooks.endpoints()[0]?.state).toBe('circuit-open');
    }
    const openedAt = performance.now();
    const sentBeforeOpen = target.requests.length;
    healthy = true;
    for (const process of workers) {
      await until(() => process.of('circuit-closed').length === 1, 10_000, 'circuit-closed everywhere');
    }
    await until(
      () =>
        new Set(workers.flatMap((process) => process.of('delivered').map((event) => event.messageId)))
          .size === 10,
      10_000,
      'all delivered',
    );

    // Four consecutive failures, counted across both workers (two in flight each at most), opened it.
    expect(sentBeforeOpen).toBeLessThanOrEqual(4 + 4);
    // Paused: nothing was sent until the cooldown passed, then a single probe went first.
    const afterOpen = target.requests.filter((request) => request.arrivedAt > openedAt + 50);
    expect((afterOpen[0]?.arrivedAt ?? 0) - openedAt).toBeGreaterThanOrEqual(1_200);
    const probe = afterOpen[0]?.arrivedAt ?? 0;
    expect(afterOpen.filter((request) => request.arrivedAt < probe + 5)).toHaveLength(1);
    expect(new Set(target.requests.map((request) => request.headers['webhook-id']))).toEqual(new Set(ids));
    // A paused delivery costs no attempt: none of them ran out.
    expect(workers.flatMap((process) => process.of('failed'))).toEqual([]);
  });
});
