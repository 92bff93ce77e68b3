import { ConfigError, createWebhooks, type Webhooks } from '@bothooks/core';
import { describe, expect, it } from 'vitest';
import { attachWebhooks, webhookMiddleware } from '../src/index';
import { hostSetup, summary } from './harness';

describe('webhookMiddleware', () => {
  it('registered first, reports the turn and everything sent in it, and passes errors on unchanged', async () => {
    const failure = new Error('agent failed');
    const { sink, host, say, turnErrors } = await hostSetup(async (context) => {
      await context.sendActivity('partial answer');
      throw failure;
    });
    host.adapter.use(webhookMiddleware(sink.hooks));
    host.adapter.use(async (context, next) => {
      await context.sendActivity('from later middleware');
      await next();
    });

    await say('hi');

    expect(turnErrors[0]).toBe(failure);
    expect((await sink.events()).map(summary)).toEqual([
      'message.received hi',
      'message.sent from later middleware',
      'message.sent partial answer',
      'message.sent Sorry, something went wrong.',
    ]);
  });

  it('registered after a middleware that ends the turn, never sees it (hence "register it first")', async () => {
    const { sink, host, say } = await hostSetup(async (context) => {
      await context.sendActivity('from the agent');
    });
    host.adapter.use(async (context, next) => {
      if (context.activity.text === 'stop') {
        await context.sendActivity('stopped early');
        return;
      }
      await next();
    });
    host.adapter.use(webhookMiddleware(sink.hooks));

    await say('stop');
    await say('hi');

    expect((await sink.events()).map(summary)).toEqual([
      'message.received hi',
      'message.sent from the agent',
    ]);
  });

  it('validates its options when created', () => {
    const hooks = createWebhooks({ endpoints: [], logger: false });
    expect(() => webhookMiddleware(hooks, { includeText: 'no' as unknown as boolean })).toThrow(ConfigError);
    expect(() => webhookMiddleware({} as Webhooks)).toThrow(expect.objectContaining({ field: 'hooks' }));
  });

  it('reports each message once when attachWebhooks and webhookMiddleware share the Webhooks', async () => {
    const { sink, host, say } = await hostSetup(async (context) => {
      await context.sendActivity('once');
    });
    host.adapter.use(webhookMiddleware(sink.hooks));
    attachWebhooks(host.adapter, sink.hooks);
    attachWebhooks(host.adapter, sink.hooks);

    await say('hi');
    await say('again');

    expect((await sink.events()).map(summary)).toEqual([
      'message.received hi',
      'message.sent once',
      'message.received again',
      'message.sent once',
    ]);
    // One for the second attachWebhooks, one for the middleware standing aside.
    expect(sink.errors.map((error) => error.code)).toEqual(['ALREADY_ATTACHED', 'ALREADY_ATTACHED']);
  });
});
