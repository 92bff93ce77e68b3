import { ConfigError, createWebhooks } from '@bothooks/core';
import { AgentApplication, CardFactory, CloudAdapter, MessageFactory } from '@microsoft/agents-hosting';
import { describe, expect, it } from 'vitest';
import { type AgentsWebhooksOptions, attachWebhooks } from '../src/index';
import { hostSetup, message, pipelineOf, summary } from './harness';

const hooks = createWebhooks({ endpoints: [], logger: false });

function attachWith(options: unknown): () => void {
  return () => attachWebhooks(new CloudAdapter(), hooks, options as AgentsWebhooksOptions);
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

  it('accepts every documented option, on an adapter and on an AgentApplication', () => {
    const options: AgentsWebhooksOptions = {
      events: ['message.received', 'message.sent', 'message.edited', 'message.deleted', 'message.failed'],
      includeText: false,
      includeTyping: true,
      attributes: () => ({ plan: 'pro' }),
    };
    expect(attachWebhooks(new CloudAdapter(), hooks, options)).toBeTypeOf('function');
    expect(attachWebhooks(new AgentApplication(), hooks, options)).toBeTypeOf('function');
  });

  it('rejects something that is neither an adapter nor an AgentApplication', () => {
    expect(() => attachWebhooks({} as CloudAdapter, hooks)).toThrow(
      expect.objectContaining({ field: 'target' }),
    );
    expect(() => attachWebhooks(undefined as unknown as CloudAdapter, hooks)).toThrow(ConfigError);
  });

  it('rejects hooks that are not a Webhooks instance, leaving the adapter untouched', () => {
    const adapter = new CloudAdapter();

    expect(() => attachWebhooks(adapter, { url: 'https://example.com' } as never)).toThrow(
      expect.objectContaining({ field: 'hooks' }),
    );
    expect(() => attachWebhooks(adapter, hooks, { events: 'all' } as never)).toThrow(ConfigError);
    expect(Object.hasOwn(pipelineOf(adapter), 'run')).toBe(false);
  });

  it('applies includeText and attributes to every event', async () => {
    const { sink, host, say } = await hostSetup(async (context) => {
      await context.sendActivity(MessageFactory.attachment(CardFactory.heroCard('Secret plan', 'details')));
    });
    attachWebhooks(host.adapter, sink.hooks, {
      includeText: false,
      attributes: (context) => ({ plan: context.activity.from?.name === 'Ada Lovelace' ? 'pro' : 'free' }),
    });

    await say('my password is hunter2');

    const events = await sink.events();
    expect(events.map((event) => event.type)).toEqual(['message.received', 'message.sent']);
    expect(JSON.stringify(events)).not.toContain('hunter2');
    expect(JSON.stringify(events)).not.toContain('Secret plan');
    expect(events[1]?.data.message.attachments).toEqual([
      { type: 'card', contentType: 'application/vnd.microsoft.card.hero' },
    ]);
    expect(events.map((event) => event.data.attributes)).toEqual([{ plan: 'pro' }, { plan: 'pro' }]);
  });

  it('publishes only the configured event types', async () => {
    const { sink, host, say } = await hostSetup(async (context) => {
      const sent = await context.sendActivity('draft');
      await context.updateActivity(message({ id: sent?.id, text: 'final' }));
    });
    attachWebhooks(host.adapter, sink.hooks, { events: ['message.edited'] });

    await say('go');

    expect((await sink.events()).map(summary)).toEqual(['message.edited final']);
  });
});
