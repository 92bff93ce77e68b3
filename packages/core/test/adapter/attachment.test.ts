import { describe, expect, it } from 'vitest';
import { createAdapterAttachment, tagTurn } from '../../src/adapter/index';
import type { MessageEventData } from '../../src/index';
import { scopedWebhooks } from './setup';

const inbound: MessageEventData = {
  platform: 'discord',
  direction: 'inbound',
  bot: { id: 'bot' },
  conversation: { id: 'channel-1' },
  user: { id: 'user-1' },
  message: { id: 'm1', text: 'secret plans', attachments: [{ type: 'poll', title: 'Lunch?' }] },
};
const reply: MessageEventData = {
  ...inbound,
  direction: 'outbound',
  message: { id: 'm2', text: 'ok', attachments: [] },
};

async function setup() {
  const created = await scopedWebhooks();
  const attach = (options = {}, bot: object = {}) =>
    createAdapterAttachment<{ name: string }>({
      adapter: 'test',
      target: bot,
      hooks: created.hooks,
      options,
    });
  return { ...created, attach };
}

describe('createAdapterAttachment', () => {
  it('attaches a Webhooks to a bot once: the second is refused with one warning, and nothing is doubled', async () => {
    const { hooks, of, bodies } = await setup();
    const bot = {};
    const first = createAdapterAttachment({ adapter: 'test', target: bot, hooks, options: {} });
    const second = createAdapterAttachment({ adapter: 'test', target: bot, hooks, options: {} });
    expect(first).toBeDefined();
    expect(second).toBeUndefined();
    expect(of('error')).toEqual([
      expect.objectContaining({ code: 'ALREADY_ATTACHED', severity: 'warning', source: 'test' }),
    ]);
    first?.publisher.publish('message.sent', reply);
    expect((await bodies('/all')).map((event) => event.type)).toEqual(['message.sent']);
    first?.detach();
    expect(createAdapterAttachment({ adapter: 'test', target: bot, hooks, options: {} })).toBeDefined();
  });

  it('observes a turn once per Webhooks, however many observers see its context', async () => {
    const { hooks, of } = await setup();
    const middleware = createAdapterAttachment({ adapter: 'test', hooks, options: {} });
    const again = createAdapterAttachment({ adapter: 'test', hooks, options: {} });
    const context = { name: 'update 1' };
    expect(middleware?.beginTurn(context, undefined)).toBeDefined();
    expect(middleware?.beginTurn(context, undefined)).toBeUndefined();
    expect(again?.beginTurn(context, undefined)).toBeUndefined();
    expect(again?.beginTurn({ name: 'update 2' }, undefined)).toBeDefined();
    expect(of('error').map((report) => report.code)).toEqual(['ALREADY_ATTACHED']);
  });

  it('tags the turn a context started, or the turn the caller runs in, and says whether it did', async () => {
    const { bodies, attach } = await setup();
    const attachment = attach();
    const context = { name: 'update' };
    const turn = attachment?.beginTurn(context, undefined);
    if (!attachment || !turn) throw new Error('the turn must start');
    attachment.publisher.publish('message.received', inbound, { turn });
    expect(tagTurn({ name: 'unrelated' }, 'order')).toBe(false);
    await attachment.runInTurn(turn, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(attachment.currentTurn()).toBe(turn);
      // A context the bot cloned from the turn's: the turn the caller runs in is tagged.
      expect(tagTurn({ name: 'clone' }, 'order')).toBe(true);
      attachment.publisher.publish('message.sent', reply, { turn: attachment.currentTurn() });
    });
    expect(attachment.currentTurn()).toBeUndefined();
    expect(tagTurn(context, '')).toBe(false);
    const scoped = await bodies('/orders');
    expect(scoped.map((event) => [event.type, event.data.interaction])).toEqual([
      ['message.received', 'order'],
      ['message.sent', 'order'],
    ]);
  });

  it('keeps overlapping turns apart', async () => {
    const { bodies, attach } = await setup();
    const attachment = attach();
    if (!attachment) throw new Error('attached');
    const run = (name: string, tag?: string) => {
      const turn = attachment.beginTurn({ name }, undefined);
      if (!turn) throw new Error('the turn must start');
      return attachment.runInTurn(turn, async () => {
        await new Promise((resolve) => setTimeout(resolve, tag ? 5 : 1));
        if (tag) tagTurn({}, tag);
        await new Promise((resolve) => setTimeout(resolve, 5));
        attachment.publisher.publish(
          'message.sent',
          { ...reply, message: { text: name, attachments: [] } },
          {
            turn: attachment.currentTurn(),
          },
        );
      });
    };
    await Promise.all([run('plain'), run('ordering', 'order')]);
    const all = await bodies('/all');
    expect(Object.fromEntries(all.map((event) => [event.data.message.text, event.data.interaction]))).toEqual(
      {
        plain: undefined,
        ordering: 'order',
      },
    );
  });

  it('detach() stops publishing and tagging at once, undoes its patches and runs its cleanups, once', async () => {
    const { bodies, attach } = await setup();
    const bot = { send: (text: string) => `sent ${text}` };
    const attachment = attach({}, bot);
    if (!attachment) throw new Error('attached');
    const cleanups: string[] = [];
    attachment.patch(bot, 'send', (original) => (text: string) => `${original(text)} (watched)`);
    attachment.onDetach(() => cleanups.push('cleanup'));
    const turn = attachment.beginTurn({ name: 'late' }, undefined);
    if (!turn) throw new Error('the turn must start');
    expect(bot.send('a')).toBe('sent a (watched)');
    attachment.detach();
    attachment.detach();
    expect(Object.hasOwn(bot, 'send')).toBe(true);
    expect(bot.send('b')).toBe('sent b');
    expect(cleanups).toEqual(['cleanup']);
    expect(attachment.active).toBe(false);
    attachment.publisher.publish('message.sent', reply, { turn });
    expect(turn.tag('order')).toBe(false);
    expect(attachment.beginTurn({ name: 'after' }, undefined)).toBeUndefined();
    expect(await bodies('/all')).toEqual([]);
  });

  it('describes failures without the bot’s secrets, and never lets a secrets function throw', async () => {
    const { hooks } = await setup();
    const token = 'Zm9vYmFyLXNlY3JldC10b2tlbg';
    const attachment = createAdapterAttachment({
      adapter: 'test',
      hooks,
      options: {},
      secrets: () => [token],
    });
    expect(attachment?.describeFailure('send', new Error(`denied for ${token}`))).toEqual({
      operation: 'send',
      code: 'UNKNOWN',
      message: 'denied for [REDACTED]',
    });
    const broken = createAdapterAttachment({
      adapter: 'test',
      hooks,
      options: {},
      secrets: () => {
        throw new Error('no token yet');
      },
    });
    expect(broken?.describeFailure('edit', { status: 404, message: 'gone' }).code).toBe('NOT_FOUND');
  });
});
