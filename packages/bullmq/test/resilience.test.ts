import { inspect } from 'node:util';
import { ConfigError, createWebhooks } from '@bothooks/core';
import { RedisServer } from '@bothooks/testkit';
import { describe, expect, it } from 'vitest';
import { bullmqEngine } from '../src/index';
import { durableWebhooks, message, receiver, redisServer, SECRET, storedIds, until } from './helpers';
import { requireRedisServer } from './redis-server';

describe('bullmqEngine options', () => {
  it('refuses unknown or invalid options with a ConfigError naming the field', () => {
    const field = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).field;
      }
      throw new Error('no ConfigError');
    };
    expect(field(() => bullmqEngine({ workers: 2 } as never))).toBe('bullmqEngine.workers');
    expect(field(() => bullmqEngine({ connection: 'http://127.0.0.1:6379' }))).toBe(
      'bullmqEngine.connection',
    );
    expect(field(() => bullmqEngine({ connection: 'not a url' }))).toBe('bullmqEngine.connection');
    expect(field(() => bullmqEngine({ connection: 6379 as never }))).toBe('bullmqEngine.connection');
    expect(field(() => bullmqEngine({ connection: { port: '6379' as never } }))).toBe(
      'bullmqEngine.connection.port',
    );
    expect(field(() => bullmqEngine({ connection: { keyPrefix: 'x' } }))).toBe(
      'bullmqEngine.connection.keyPrefix',
    );
    expect(field(() => bullmqEngine({ prefix: 'a:b' }))).toBe('bullmqEngine.prefix');
    expect(field(() => bullmqEngine({ worker: 'yes' as never }))).toBe('bullmqEngine.worker');
    expect(field(() => bullmqEngine({ concurrency: 0 }))).toBe('bullmqEngine.concurrency');
    expect(field(() => bullmqEngine({ lockDurationMs: 1.5 }))).toBe('bullmqEngine.lockDurationMs');
    expect(field(() => bullmqEngine({ retention: { completed: { maxAge: 1 } } as never }))).toBe(
      'bullmqEngine.retention.completed.maxAge',
    );
    expect(field(() => bullmqEngine({ retention: { deadLetters: { maxCount: -1 } } }))).toBe(
      'bullmqEngine.retention.deadLetters.maxCount',
    );
  });

  it('serves one Webhooks instance only', () => {
    const engine = bullmqEngine({ connection: 'redis://127.0.0.1:9' });
    const hooks = createWebhooks({ engine, logger: false });
    expect(() => createWebhooks({ engine, logger: false })).toThrow(/one engine per createWebhooks/);
    return hooks.close();
  });
});

describe.runIf(requireRedisServer())('bullmqEngine when Redis is wrong or away', () => {
  it('a bad connection is a clear error at once, never a hang or a throw into the bot', async () => {
    const nowhere = await RedisServer.start();
    await nowhere.destroy(); // a free port where nothing listens
    const { hooks, engine, of } = durableWebhooks(`redis://127.0.0.1:${nowhere.port}`, {
      endpoints: [{ id: 'crm', url: 'http://127.0.0.1:9/hooks', secret: SECRET }],
    });
    const ids = [hooks.publish(message('one')), hooks.publish(message('two'))];

    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    await until(() => of('error').length > 0, 3_000, 'an error report');
    expect(of('error')[0]).toMatchObject({
      code: 'REDIS_UNAVAILABLE',
      source: 'bullmq-engine',
      severity: 'error',
    });
    expect(of('error')[0]?.message).toContain(`127.0.0.1:${nowhere.port}`);
    expect(of('error')[0]?.message).toMatch(/ECONNREFUSED/);
    await expect(engine.ready({ timeoutMs: 300 })).rejects.toMatchObject({ code: 'REDIS_UNAVAILABLE' });
    await expect(engine.deadLetters({ endpoint: 'crm' })).rejects.toMatchObject({
      code: 'REDIS_UNAVAILABLE',
    });
    const closing = Date.now();
    const result = await hooks.close({ timeoutMs: 200 });
    expect(Date.now() - closing).toBeLessThan(3_000);
    expect(result.undelivered.map((entry) => entry.messageId)).toEqual(ids);
    expect(of('dropped').map((event) => event.reason)).toEqual(['shutdown', 'shutdown']);
  });

  it('a wrong password is reported as such, and the password appears in no report and no inspect()', async () => {
    const redis = await redisServer({ password: 'redis-pa55word' });
    const { hooks, engine, of } = durableWebhooks(`redis://:wrong-pa55@127.0.0.1:${redis.port}`, {
      endpoints: [{ unsigned: true, url: 'http://127.0.0.1:9/hooks' }],
    });
    hooks.publish(message('one'));
    await until(() => of('error').length > 0, 3_000, 'an error report');

    expect(of('error')[0]?.message).toMatch(/WRONGPASS|NOAUTH|invalid username-password/);
    const right = durableWebhooks(redis.url, {
      endpoints: [{ unsigned: true, url: 'http://127.0.0.1:9/hooks' }],
    });
    await right.engine.ready();
    const shown = [
      inspect(engine, { depth: 8 }),
      inspect(right.hooks, { depth: 8 }),
      JSON.stringify(of('error')),
    ];
    for (const text of shown) {
      expect(text).not.toContain('wrong-pa55');
      expect(text).not.toContain('redis-pa55word');
    }
  });

  it('buffers while Redis is down, reports it once, and drains by itself when Redis is back', async () => {
    const redis = await redisServer();
    const target = await receiver();
    const endpoints = [{ id: 'crm', url: target.url(), secret: SECRET }];
    const bot = durableWebhooks(redis, { endpoints }, { worker: false });
    const worker = durableWebhooks(redis, { endpoints });
    await Promise.all([bot.engine.ready(), worker.engine.ready()]);
    const before = Array.from(
      { length: 50 },
      (_, index) => bot.hooks.publish(message(`before ${index}`)) ?? '',
    );
    await bot.hooks.flush({ timeoutMs: 5_000 });
    await redis.stop('SIGKILL');

    const publishing = performance.now();
    const during = Array.from(
      { length: 100 },
      (_, index) => bot.hooks.publish(message(`during ${index}`)) ?? '',
    );
    expect(performance.now() - publishing).toBeLessThan(200);
    await until(
      () => bot.of('error').some((report) => report.code === 'REDIS_UNAVAILABLE'),
      3_000,
      'the outage report',
    );
    expect(await bot.hooks.flush({ timeoutMs: 300 })).toEqual({ settled: false, pending: 100 });
    await redis.launch();

    expect(await bot.hooks.flush({ timeoutMs: 10_000 })).toEqual({ settled: true, pending: 0 });
    const all = [...before, ...during];
    expect(storedIds(bot)).toEqual(new Set(all));
    const received = () => new Set(target.requests.map((request) => String(request.headers['webhook-id'])));
    await until(() => all.every((id) => received().has(id)), 15_000, 'every message delivered');
    expect(bot.of('dropped')).toEqual([]);
    expect(bot.of('error').filter((report) => report.code === 'REDIS_UNAVAILABLE')).toHaveLength(1);
  });

  it('during an outage the memory bound holds: what does not fit is reported dropped, the rest is stored later', async () => {
    const redis = await redisServer();
    const bot = durableWebhooks(
      redis,
      { endpoints: [{ unsigned: true, id: 'crm', url: 'http://127.0.0.1:9/hooks' }], queue: { maxSize: 40 } },
      { worker: false },
    );
    await bot.engine.ready();
    await redis.stop('SIGKILL');
    const ids = Array.from({ length: 100 }, (_, index) => bot.hooks.publish(message(`m${index}`)) ?? '');

    expect(bot.of('dropped')).toHaveLength(60);
    expect(bot.of('dropped').every((event) => event.reason === 'queue-full')).toBe(true);
    await redis.launch();
    expect(await bot.hooks.flush({ timeoutMs: 10_000 })).toEqual({ settled: true, pending: 0 });
    const dropped = new Set(bot.of('dropped').map((event) => event.messageId));
    expect(storedIds(bot)).toEqual(new Set(ids.filter((id) => !dropped.has(id))));
  });

  it('warns at startup when Redis may lose what it stores (eviction policy, no append-only file)', async () => {
    const redis = await redisServer({ appendOnly: false, maxmemoryPolicy: 'allkeys-lru' });
    const { engine, of } = durableWebhooks(redis, { endpoints: [] }, { worker: false });
    await engine.ready();
    await until(() => of('error').length >= 2, 3_000, 'two warnings');

    expect(of('error').map((report) => [report.code, report.severity])).toEqual([
      ['REDIS_EVICTION_POLICY', 'warning'],
      ['REDIS_NOT_DURABLE', 'warning'],
    ]);
    expect(of('error')[0]?.message).toContain('maxmemory-policy allkeys-lru');
    expect(of('error')[1]?.message).toContain('appendonly yes');
  });

  it('says nothing at startup about a Redis set up as documented', async () => {
    const redis = await redisServer();
    const { engine, of } = durableWebhooks(redis, { endpoints: [] }, { worker: false });
    await engine.ready();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(of('error')).toEqual([]);
  });
});
