import { ConfigError, createWebhooks, type Webhooks } from '@bothooks/core';
import { TestAdapter } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookMiddleware } from '../src/index';
import { createSink, type Sink, summary } from './support/sink';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sink(): Promise<Sink> {
  const created = await createSink();
  cleanups.push(() => created.close());
  return created;
}

describe('webhookMiddleware', () => {
  it('registered first, reports the turn and everything sent in it, and passes errors on unchanged', async () => {
    const { hooks, events } = await sink();
    const failure = new Error('bot failed');
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('partial answer');
      throw failure;
    });
    const turnErrors: unknown[] = [];
    adapter.onTurnError = async (context, error) => {
      turnErrors.push(error);
      await context.sendActivity('apology');
    };
    adapter.use(webhookMiddleware(hooks));
    adapter.use(async (context, next) => {
      await context.sendActivity('from later middleware');
      await next();
    });

    await adapter.send('hi').startTest();

    expect(turnErrors[0]).toBe(failure);
    expect((await events()).map(summary)).toEqual([
      'message.received hi',
      'message.sent from later middleware',
      'message.sent partial answer',
      'message.sent apology',
    ]);
  });

  it('registered after other middleware, cannot see what that middleware sends (hence "register it first")', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('from the bot');
    });
    adapter.use(async (context, next) => {
      await context.sendActivity('before bothooks');
      await next();
    });
    adapter.use(webhookMiddleware(hooks));

    await adapter.send('hi').startTest();

    expect((await events()).map(summary)).toEqual(['message.received hi', 'message.sent from the bot']);
  });

  it('validates its options when created', () => {
    const hooks = createWebhooks({ endpoints: [], logger: false });
    expect(() => webhookMiddleware(hooks, { includeText: 'no' as unknown as boolean })).toThrow(ConfigError);
    expect(() => webhookMiddleware({} as Webhooks)).toThrow(expect.objectContaining({ field: 'hooks' }));
  });
});
