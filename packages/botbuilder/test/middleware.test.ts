import { ConfigError, createWebhooks, type Webhooks } from '@bothooks/core';
import { TestAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { attachWebhooks, webhookMiddleware } from '../src/index';
import { sink, summary } from './harness';

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

  it('reports each message once when attachWebhooks and webhookMiddleware share the Webhooks', async () => {
    const { hooks, events, errors } = await sink();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('once');
    });
    adapter.use(webhookMiddleware(hooks));
    attachWebhooks(adapter, hooks);
    attachWebhooks(adapter, hooks);

    await adapter.send('hi').startTest();
    await adapter.send('again').startTest();

    expect((await events()).map(summary)).toEqual([
      'message.received hi',
      'message.sent once',
      'message.received again',
      'message.sent once',
    ]);
    // One for the second attachWebhooks, one for the middleware standing aside.
    expect(errors.map((error) => error.code)).toEqual(['ALREADY_ATTACHED', 'ALREADY_ATTACHED']);
  });
});
