import { describe, expect, it } from 'vitest';
import {
  assertWebhooks,
  createAdapterPublisher,
  createTurn,
  type MessageEvent,
  type MessageEventData,
  resolveAdapterOptions,
} from '../src/index';
import { receiver, webhooks } from './helpers';

const data: MessageEventData = {
  platform: 'discord',
  direction: 'inbound',
  bot: { id: 'bot' },
  conversation: { id: 'channel-1' },
  user: { id: 'user-1' },
  message: { id: 'm1', text: 'secret plans', attachments: [{ type: 'photo', fileId: 'f1' }] },
};

async function setup() {
  const target = await receiver({});
  const { hooks, of } = webhooks({
    endpoints: [
      { unsigned: true, id: 'all', url: target.url('/all') },
      { unsigned: true, id: 'orders', url: target.url('/orders'), interactions: ['order'] },
    ],
  });
  const bodies = (path: string) => target.on(path).map((request) => request.json<MessageEvent>());
  return { hooks, of, bodies };
}

describe('createAdapterPublisher', () => {
  it('leaves text out when includeText is false, and keeps the rest', async () => {
    const { hooks, bodies } = await setup();
    const publisher = createAdapterPublisher(hooks, { includeText: false }, 'test');
    publisher.publish('message.received', data);
    await hooks.flush();
    expect(bodies('/all')[0]?.data.message).toEqual({
      id: 'm1',
      attachments: [{ type: 'photo', fileId: 'f1' }],
    });
  });

  it('adds attributes from the context, and reports an attributes function that throws', async () => {
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
    publisher.publish('message.received', data, { context: { explode: true } });
    await hooks.flush();
    expect(bodies('/all').map((event) => event.data.attributes)).toEqual([{ locale: 'en' }, undefined]);
    expect(of('error')).toEqual([expect.objectContaining({ code: 'ATTRIBUTES_FAILED', source: 'test' })]);
  });

  it('publishes only the configured event types', async () => {
    const { hooks, bodies } = await setup();
    const publisher = createAdapterPublisher(hooks, { events: ['message.sent'] }, 'test');
    expect(publisher.wants('message.received')).toBe(false);
    publisher.publish('message.received', data);
    publisher.publish('message.sent', { ...data, direction: 'outbound' });
    await hooks.flush();
    expect(bodies('/all').map((event) => event.type)).toEqual(['message.sent']);
  });

  it('sends a tagged turn’s inbound message to its interaction’s endpoints, once, and tags what follows', async () => {
    const { hooks, bodies } = await setup();
    const publisher = createAdapterPublisher(hooks, {}, 'test');
    const turn = createTurn();
    publisher.publish('message.received', data, { turn });
    publisher.tag(turn, 'order');
    publisher.tag(turn, 'order');
    publisher.publish(
      'message.sent',
      { ...data, direction: 'outbound', message: { id: 'm2', text: 'ok', attachments: [] } },
      { turn },
    );
    await hooks.flush();

    expect(bodies('/orders').map((event) => [event.type, event.data.interaction])).toEqual([
      ['message.received', 'order'],
      ['message.sent', 'order'],
    ]);
    expect(bodies('/all').map((event) => [event.type, event.data.interaction])).toEqual([
      ['message.received', undefined],
      ['message.sent', 'order'],
    ]);
  });

  it('reports an invalid interaction name instead of throwing', async () => {
    const { hooks, of } = await setup();
    const publisher = createAdapterPublisher(hooks, {}, 'test');
    expect(() => publisher.tag(createTurn(), '')).not.toThrow();
    expect(of('error')).toEqual([expect.objectContaining({ code: 'INVALID_INTERACTION' })]);
  });
});

describe('resolveAdapterOptions', () => {
  it('applies the defaults and the adapter’s switches', () => {
    expect(resolveAdapterOptions(undefined, '@bothooks/test', { typing: false })).toEqual({
      shared: { includeText: true },
      switches: { typing: false },
    });
    const attributes = () => ({ plan: 'pro' });
    expect(
      resolveAdapterOptions(
        { events: ['message.sent'], includeText: false, attributes, typing: true },
        '@bothooks/test',
        {
          typing: false,
        },
      ),
    ).toEqual({
      shared: { events: ['message.sent'], includeText: false, attributes },
      switches: { typing: true },
    });
  });

  it.each([
    ['options', 'everything'],
    ['events', { events: 'message.sent' }],
    ['events[1]', { events: ['message.sent', 'message.typed'] }],
    ['includeText', { includeText: 'no' }],
    ['attributes', { attributes: { plan: 'pro' } }],
    ['typing', { typing: 1 }],
    ['includetext', { includetext: false }],
  ])('names %s when it is wrong', (field, options) => {
    expect(() => resolveAdapterOptions(options, '@bothooks/test', { typing: false })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field }),
    );
  });

  it('refuses anything but a Webhooks instance as hooks', () => {
    expect(() => assertWebhooks({ publish: 'no' })).toThrow(expect.objectContaining({ field: 'hooks' }));
  });
});

describe('includeText: false', () => {
  it('also leaves out the values a person typed into a command or form', async () => {
    const { hooks, bodies } = await setup();
    const publisher = createAdapterPublisher(hooks, { includeText: false }, 'test');
    publisher.publish('message.received', {
      ...data,
      message: {
        id: 'i1',
        text: '/order',
        attachments: [],
        action: { kind: 'command', value: 'order', options: { item: 'secret' } },
      },
    });
    await hooks.flush();
    expect(bodies('/all')[0]?.data.message).toEqual({
      id: 'i1',
      attachments: [],
      action: { kind: 'command', value: 'order' },
    });
  });
});
