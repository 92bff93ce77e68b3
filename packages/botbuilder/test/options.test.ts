import { ConfigError, createWebhooks } from '@bothooks/core';
import { type BotAdapter, CardFactory, MessageFactory, type MiddlewareSet, TestAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { attachWebhooks, type BotbuilderWebhooksOptions } from '../src/index';
import { sink, summary } from './harness';

const hooks = createWebhooks({ endpoints: [], logger: false });

function attachWith(options: unknown): () => void {
  return () => attachWebhooks(new TestAdapter(), hooks, options as BotbuilderWebhooksOptions);
}

describe('attachWebhooks options', () => {
  it.each([
    ['options', 'verbose'],
    ['events', 'message.received'],
    ['events[1]', { events: ['message.sent', 'message.typed'] }],
    ['includeText', { includeText: 'false' }],
    ['includeTyping', { includeTyping: 1 }],
    ['attributes', { attributes: { locale: 'en' } }],
  ])('rejects a wrong %s with a ConfigError naming it', (field, options) => {
    const input = field === 'events' ? { events: options } : options;
    expect(attachWith(input)).toThrow(ConfigError);
    expect(attachWith(input)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG', field }));
  });

  it('accepts every documented option', () => {
    const detach = attachWebhooks(new TestAdapter(), hooks, {
      events: ['message.received', 'message.sent', 'message.edited', 'message.deleted', 'message.failed'],
      includeText: false,
      includeTyping: true,
      attributes: () => ({ plan: 'pro' }),
    });
    expect(detach).toBeTypeOf('function');
  });

  it('rejects something that is not a botbuilder adapter', () => {
    expect(() => attachWebhooks({} as BotAdapter, hooks)).toThrow(
      expect.objectContaining({ field: 'adapter' }),
    );
    expect(() => attachWebhooks(undefined as unknown as BotAdapter, hooks)).toThrow(ConfigError);
  });

  it('rejects hooks that are not a Webhooks instance, leaving the adapter untouched', () => {
    const adapter = new TestAdapter();
    const pipeline = (adapter as unknown as { middleware: MiddlewareSet }).middleware;

    expect(() => attachWebhooks(adapter, { url: 'https://example.com' } as never)).toThrow(
      expect.objectContaining({ field: 'hooks' }),
    );
    expect(() => attachWebhooks(adapter, hooks, { events: 'all' } as never)).toThrow(ConfigError);
    expect(Object.hasOwn(pipeline, 'run')).toBe(false);
  });

  it('applies includeText and attributes to every event', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity(MessageFactory.attachment(CardFactory.heroCard('Secret plan', 'details')));
    });
    attachWebhooks(adapter, hooks, {
      includeText: false,
      attributes: (context) => ({ plan: context.activity.from.name === 'User1' ? 'pro' : 'free' }),
    });

    await adapter.send('my password is hunter2').startTest();

    const received = await events();
    expect(received.map((event) => event.type)).toEqual(['message.received', 'message.sent']);
    expect(JSON.stringify(received)).not.toContain('hunter2');
    expect(JSON.stringify(received)).not.toContain('Secret plan');
    expect(received[1]?.data.message.attachments).toEqual([
      { type: 'card', contentType: 'application/vnd.microsoft.card.hero' },
    ]);
    expect(received.map((event) => event.data.attributes)).toEqual([{ plan: 'pro' }, { plan: 'pro' }]);
  });

  it('publishes only the configured event types', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      const sent = await context.sendActivity('draft');
      await context.updateActivity({ id: sent?.id, text: 'final' });
    });
    attachWebhooks(adapter, hooks, { events: ['message.edited'] });

    await adapter.send('go').startTest();

    expect((await events()).map(summary)).toEqual(['message.edited final']);
  });
});
