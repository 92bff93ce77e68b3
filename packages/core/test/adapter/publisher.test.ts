import { describe, expect, it } from 'vitest';
import { createAdapterPublisher } from '../../src/adapter/publisher';
import type { Turn } from '../../src/adapter/turns';
import type { MessageEventData } from '../../src/index';
import { scopedWebhooks } from './setup';

const data: MessageEventData = {
  platform: 'discord',
  direction: 'inbound',
  bot: { id: 'bot' },
  conversation: { id: 'channel-1' },
  user: { id: 'user-1' },
  message: {
    id: 'm1',
    text: 'secret plans',
    attachments: [{ type: 'embed', fileId: 'f1', title: 'Plans', summary: 'the secret plans' }],
    action: { kind: 'command', value: 'order', options: { item: 'secret' } },
  },
};

function turnOf<TContext>(context: TContext): Turn<TContext> {
  const turn: Turn<TContext> = {
    owner: {},
    hooks: undefined as never,
    context,
    facts: undefined,
    inbound: undefined,
    interaction: undefined,
    tag: () => false,
  };
  return turn;
}

const setup = scopedWebhooks;

describe('createAdapterPublisher', () => {
  it('strips every text-bearing field when includeText is false, and keeps the rest', async () => {
    const { hooks, bodies } = await setup();
    const publisher = createAdapterPublisher(hooks, { includeText: false }, 'test');
    publisher.publish('message.received', data);
    expect((await bodies('/all'))[0]?.data.message).toEqual({
      id: 'm1',
      attachments: [{ type: 'embed', fileId: 'f1' }],
      action: { kind: 'command', value: 'order' },
    });
  });

  it('adds attributes from the context, defaulting to the turn’s, and reports an attributes function that throws', async () => {
    const { hooks, of, bodies } = await setup();
    const publisher = createAdapterPublisher<{ locale?: string; explode?: boolean }>(
      hooks,
      {
        attributes: (context) => {
          if (context.explode) throw new Error('attributes bug');
          return { locale: context.locale };
        },
      },
      'test',
    );
    publisher.publish('message.received', data, { context: { locale: 'en' } });
    publisher.publish('message.sent', data, { turn: turnOf({ locale: 'fr' }) });
    publisher.publish('message.received', data, { context: { explode: true } });
    expect((await bodies('/all')).map((event) => event.data.attributes)).toEqual([
      { locale: 'en' },
      { locale: 'fr' },
      undefined,
    ]);
    expect(of('error')).toEqual([expect.objectContaining({ code: 'ATTRIBUTES_FAILED', source: 'test' })]);
  });

  it('publishes only the configured event types', async () => {
    const { hooks, bodies } = await setup();
    const publisher = createAdapterPublisher(hooks, { events: ['message.sent'] }, 'test');
    expect(publisher.wants('message.received')).toBe(false);
    publisher.publish('message.received', data);
    publisher.publish('message.sent', { ...data, direction: 'outbound' });
    expect((await bodies('/all')).map((event) => event.type)).toEqual(['message.sent']);
  });

  it('sends a tagged turn’s inbound message to its interaction’s endpoints, once, and tags what follows', async () => {
    const { hooks, bodies } = await setup();
    const publisher = createAdapterPublisher(hooks, {}, 'test');
    const turn = turnOf(undefined);
    publisher.publish('message.received', data, { turn });
    expect(publisher.tag(turn, 'order')).toBe(true);
    expect(publisher.tag(turn, 'order')).toBe(true);
    publisher.publish(
      'message.sent',
      { ...data, direction: 'outbound', message: { id: 'm2', text: 'ok', attachments: [] } },
      { turn },
    );
    expect((await bodies('/orders')).map((event) => [event.type, event.data.interaction])).toEqual([
      ['message.received', 'order'],
      ['message.sent', 'order'],
    ]);
    expect((await bodies('/all')).map((event) => [event.type, event.data.interaction])).toEqual([
      ['message.received', undefined],
      ['message.sent', 'order'],
    ]);
  });

  it('reports an invalid interaction name instead of throwing, and publishes nothing once inactive', async () => {
    const { hooks, of, bodies } = await setup();
    let active = true;
    const publisher = createAdapterPublisher(hooks, {}, 'test', () => active);
    expect(publisher.tag(turnOf(undefined), '')).toBe(false);
    expect(of('error')).toEqual([expect.objectContaining({ code: 'INVALID_INTERACTION' })]);
    active = false;
    publisher.publish('message.received', data);
    expect(publisher.tag(turnOf(undefined), 'order')).toBe(false);
    expect(await bodies('/all')).toEqual([]);
  });
});
