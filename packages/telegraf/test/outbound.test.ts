import { FAKE_CHATS, FAKE_USER } from '@bothooks/testkit/telegram';
import { Markup, Telegram, TelegramError } from 'telegraf';
import { describe, expect, it, onTestFinished } from 'vitest';
import { attachWebhooks, interaction } from '../src/index';
import { setup, summary } from './harness';

describe('outbound calls', () => {
  it('sees commands and handlers registered before it was attached', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    bot.start((context) => context.reply('Welcome!'));
    bot.command('help', (context) => context.replyWithMarkdownV2('*Help*'));
    attachWebhooks(bot, hooks);
    await bot.handleUpdate(telegram.updates.text('/start'));
    await bot.handleUpdate(telegram.updates.text('/help'));
    const events = await delivered();
    expect(events.map(summary)).toEqual([
      'message.received /start',
      'message.sent Welcome!',
      'message.received /help',
      'message.sent *Help*',
    ]);
    expect(events[0]?.data.message.action).toEqual({ kind: 'command', value: 'start' });
  });

  it('reports bot.telegram sends outside any update, before the bot even knows itself', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    attachWebhooks(bot, hooks);
    expect(bot.botInfo).toBeUndefined();
    await bot.telegram.sendMessage(FAKE_USER.id, 'Your order shipped');
    await bot.telegram.sendMessage(FAKE_CHATS.group.id, 'Daily digest');
    const [direct, broadcast] = await delivered();
    expect(direct?.data).toEqual({
      platform: 'telegram',
      direction: 'outbound',
      bot: { id: String(telegram.botInfo.id), name: 'Bothooks Test Bot', username: 'bothooks_test_bot' },
      conversation: { id: String(FAKE_USER.id), type: 'private', isGroup: false },
      user: { id: String(FAKE_USER.id), name: 'Ada Lovelace', username: 'ada_lovelace' },
      message: { id: '1', text: 'Your order shipped', attachments: [] },
    });
    expect(broadcast?.data.conversation).toEqual({
      id: String(FAKE_CHATS.group.id),
      type: 'group',
      name: 'Analytical Engine Club',
      isGroup: true,
    });
    expect(broadcast?.data).not.toHaveProperty('user');
  });

  it('counts bot.telegram calls made while handling an update as part of that update', async () => {
    const { telegram, bot, hooks, delivered } = await setup({
      endpoints: (url) => [
        { id: 'all', url: url('/all') },
        { id: 'orders', url: url('/orders'), interactions: ['order'] },
      ],
    });
    bot.command('order', interaction('order'), async (context) => {
      await bot.telegram.sendMessage(context.chat.id, 'Order received');
    });
    attachWebhooks(bot, hooks, { attributes: (context) => ({ updateId: context.update.update_id }) });
    const update = telegram.updates.text('/order');
    await bot.handleUpdate(update);
    const scoped = await delivered('/orders');
    expect(scoped.map(summary)).toEqual(['message.received /order', 'message.sent Order received']);
    expect(scoped.map((event) => [event.data.interaction, event.data.attributes])).toEqual([
      ['order', { updateId: update.update_id }],
      ['order', { updateId: update.update_id }],
    ]);
    expect((await delivered()).at(-1)?.data.user?.id).toBe(String(FAKE_USER.id));
  });

  it('keeps concurrent updates apart when their handlers use bot.telegram', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    bot.on('text', async (context) => {
      await new Promise((resolve) => setTimeout(resolve, context.message.text === 'slow' ? 20 : 0));
      await bot.telegram.sendMessage(context.chat.id, `done: ${context.message.text}`);
    });
    attachWebhooks(bot, hooks, { attributes: (context) => ({ updateId: context.update.update_id }) });
    const slow = telegram.updates.text('slow');
    const grace = { id: 5_123_456_789, is_bot: false, first_name: 'Grace' };
    const fast = telegram.updates.text('fast', { chat: FAKE_CHATS.group, from: grace });
    await Promise.all([bot.handleUpdate(slow), bot.handleUpdate(fast)]);
    const sent = (await delivered()).filter((event) => event.type === 'message.sent');
    const described = sent.map((event) => [
      event.data.message.text,
      event.data.attributes,
      event.data.user?.id,
    ]);
    expect(described.sort((left, right) => String(left[0]).localeCompare(String(right[0])))).toEqual([
      ['done: fast', { updateId: fast.update_id }, String(grace.id)],
      ['done: slow', { updateId: slow.update_id }, String(FAKE_USER.id)],
    ]);
  });

  it('reports media groups, copies, forwards, edits and deletes', async () => {
    const { telegram, bot, hooks, receiver, delivered } = await setup();
    bot.on('text', async (context) => {
      const album = await context.replyWithMediaGroup([
        { type: 'photo', media: { source: Buffer.alloc(1_000), filename: 'front.jpg' }, caption: 'Front' },
        { type: 'photo', media: { source: Buffer.alloc(2_000), filename: 'back.jpg' } },
      ]);
      const copy = await context.copyMessage(FAKE_CHATS.group.id);
      await context.forwardMessage(FAKE_CHATS.group.id);
      const menu = await context.reply('Menu', Markup.inlineKeyboard([Markup.button.callback('Buy', 'buy')]));
      await context.telegram.editMessageReplyMarkup(menu.chat.id, menu.message_id, undefined, undefined);
      await context.telegram.editMessageText(menu.chat.id, menu.message_id, undefined, 'Menu (updated)');
      await context.telegram.editMessageCaption(menu.chat.id, album[0]?.message_id, undefined, 'Front side');
      await context.deleteMessage(menu.message_id);
      await context.telegram.deleteMessages(FAKE_CHATS.group.id, [copy.message_id]);
    });
    attachWebhooks(bot, hooks);
    await bot.handleUpdate(telegram.updates.text('show me'));
    await receiver.waitFor(10);
    const events = await delivered();
    expect(
      events.map((event) => [
        event.type,
        event.data.conversation.id,
        event.data.message.id ?? event.data.message.ids,
      ]),
    ).toEqual([
      ['message.received', String(FAKE_USER.id), '1'],
      ['message.sent', String(FAKE_USER.id), '2'],
      ['message.sent', String(FAKE_USER.id), '3'],
      ['message.sent', String(FAKE_CHATS.group.id), '1'],
      ['message.sent', String(FAKE_CHATS.group.id), '2'],
      ['message.sent', String(FAKE_USER.id), '4'],
      ['message.edited', String(FAKE_USER.id), '4'],
      ['message.edited', String(FAKE_USER.id), '4'],
      ['message.edited', String(FAKE_USER.id), '2'],
      ['message.deleted', String(FAKE_USER.id), '4'],
      ['message.deleted', String(FAKE_CHATS.group.id), ['1']],
    ]);
    expect(events[1]?.data.message.attachments).toEqual([
      { type: 'photo', fileId: expect.any(String), name: 'front.jpg', size: 1_000 },
    ]);
    expect(events[4]?.data.message.text).toBe('show me');
    expect(events[7]?.data.message.text).toBe('Menu (updated)');
    expect(events[8]?.data.message.text).toBe('Front side');
    expect(events[3]?.data).not.toHaveProperty('user');
  });

  it('reports button presses, and the edits they lead to, but not answerCallbackQuery', async () => {
    const { telegram, bot, hooks, receiver, delivered } = await setup();
    bot.command('menu', (context) =>
      context.reply('Pick one', Markup.inlineKeyboard([Markup.button.callback('Tea', 'drink:tea')])),
    );
    bot.action(/^drink:(.+)$/, async (context) => {
      await context.answerCbQuery('Brewing');
      await context.editMessageText(`You picked ${context.match[1]}`);
    });
    attachWebhooks(bot, hooks);
    await bot.handleUpdate(telegram.updates.text('/menu'));
    const menu = telegram.callsTo('sendMessage')[0]?.response;
    const menuId = menu?.ok ? (menu.result as { message_id: number }).message_id : 0;
    await bot.handleUpdate(telegram.updates.callbackQuery('drink:tea', { messageId: menuId }));
    await receiver.waitFor(4);
    const events = await delivered();
    expect(events.map(summary)).toEqual([
      'message.received /menu',
      'message.sent Pick one',
      'message.received',
      'message.edited You picked tea',
    ]);
    expect(events[2]?.data.message).toEqual({
      id: expect.any(String),
      attachments: [],
      replyToId: String(menuId),
      action: { kind: 'button', value: 'drink:tea' },
    });
    expect(telegram.callsTo('answerCallbackQuery')).toHaveLength(1);
  });

  it('returns every result and rejects every error unchanged, the very same objects', async () => {
    const { telegram, bot, hooks } = await setup();
    // A spy below the adapter, on every Telegram client, records what the API call itself produced.
    const produced: unknown[] = [];
    const inner = Telegram.prototype.callApi;
    Telegram.prototype.callApi = function (this: Telegram, method, payload, options) {
      const call = inner.bind(this)(method, payload, options);
      call.then(
        (result) => produced.push(result),
        (error: unknown) => produced.push(error),
      );
      return call;
    };
    onTestFinished(() => {
      Reflect.deleteProperty(Telegram.prototype, 'callApi');
    });
    const returned: unknown[] = [];
    bot.on('text', async (context) => {
      returned.push(await context.reply('first'));
      telegram.fail('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' });
      returned.push(await context.reply('second').catch((error: unknown) => error));
    });
    attachWebhooks(bot, hooks, { events: ['message.sent', 'message.failed'] });
    bot.botInfo = telegram.botInfo;
    await bot.handleUpdate(telegram.updates.text('go'));
    returned.push(await bot.telegram.sendMessage(FAKE_USER.id, 'third'));
    expect(returned).toHaveLength(3);
    expect(produced).toHaveLength(3);
    returned.forEach((value, index) => {
      expect(value).toBe(produced[index]);
    });
    expect(returned[1]).toMatchObject({ code: 400, description: 'Bad Request: chat not found' });
  });
});

const EVERY_EVENT = [
  'message.received',
  'message.sent',
  'message.edited',
  'message.deleted',
  'message.failed',
] as const;

describe('failed API calls', () => {
  it('reject to the bot exactly as before, and reach bot.catch when unhandled', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    const caught: unknown[] = [];
    bot.catch((error) => {
      caught.push(error);
    });
    bot.on('text', (context) => context.reply('you will not see this'));
    attachWebhooks(bot, hooks);
    telegram.fail('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    await bot.handleUpdate(telegram.updates.text('hi'));
    expect(caught).toHaveLength(1);
    expect(caught[0]).toBeInstanceOf(TelegramError);
    expect((caught[0] as TelegramError).code).toBe(403);
    // Not asked for: a refused call is not an event by default.
    expect((await delivered()).map(summary)).toEqual(['message.received hi']);
  });

  it('are reported as message.failed when asked, for Bot API errors, bad gateways and network failures', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    attachWebhooks(bot, hooks, { events: [...EVERY_EVENT] });
    telegram.fail('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    telegram.fail('editMessageText', { httpStatus: 502 });
    telegram.fail('deleteMessage', { reset: true });
    const outcomes = await Promise.allSettled([
      bot.telegram.sendMessage(FAKE_USER.id, 'Your order shipped'),
      bot.telegram.editMessageText(FAKE_USER.id, 5, undefined, 'Edited'),
      bot.telegram.deleteMessage(FAKE_USER.id, 6),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const events = await delivered();
    const byMessage = Object.fromEntries(
      events.map((event) => [event.data.message.text ?? event.data.message.id, event]),
    );
    expect(events.every((event) => event.type === 'message.failed')).toBe(true);
    expect(byMessage['Your order shipped']?.data.error).toEqual({
      operation: 'send',
      code: 'FORBIDDEN',
      message: 'Forbidden: bot was blocked by the user (sendMessage)',
      status: 403,
    });
    expect(byMessage.Edited?.data.message.id).toBe('5');
    expect(byMessage.Edited?.data.error).toMatchObject({
      operation: 'edit',
      code: 'SERVER_ERROR',
      status: 502,
    });
    expect(byMessage['6']?.data.error?.code).toBe('NETWORK_ERROR');
    for (const event of events) expect(JSON.stringify(event)).not.toContain(telegram.token.split(':')[1]);
  });
});
