import { FAKE_CHATS, FAKE_USER } from '@bothooks/testkit/telegram';
import { Bot, GrammyError, InlineKeyboard, InputMediaBuilder } from 'grammy';
import { describe, expect, it } from 'vitest';
import { attachWebhooks, interaction } from '../src/index';
import { setup, summary } from './harness';

describe('outbound calls', () => {
  it('sees commands and handlers registered before it was attached', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    bot.command('start', (context) => context.reply('Welcome!'));
    bot.command('help', (context) => context.reply('*Help*', { parse_mode: 'MarkdownV2' }));
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('/start'));
    await handle(telegram.updates.text('/help'));
    const events = await delivered();
    expect(events.map(summary)).toEqual([
      'message.received /start',
      'message.sent Welcome!',
      'message.received /help',
      'message.sent *Help*',
    ]);
    expect(events[0]?.data.message.action).toEqual({ kind: 'command', value: 'start' });
  });

  it('reports bot.api sends outside any update, before the bot even knows itself', async () => {
    const { telegram, hooks, delivered } = await setup();
    const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } });
    attachWebhooks(bot, hooks);
    expect(bot.isInited()).toBe(false);
    await bot.api.sendMessage(FAKE_USER.id, 'Your order shipped');
    await bot.api.sendMessage(FAKE_CHATS.group.id, 'Daily digest');
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

  it('counts bot.api calls made while handling an update as part of that update', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup({
      endpoints: (url) => [
        { id: 'all', url: url('/all') },
        { id: 'orders', url: url('/orders'), interactions: ['order'] },
      ],
    });
    bot.command('order', interaction('order'), async (context) => {
      await bot.api.sendMessage(context.chat.id, 'Order received');
    });
    attachWebhooks(bot, hooks, { attributes: (context) => ({ updateId: context.update.update_id }) });
    const update = telegram.updates.text('/order');
    await handle(update);
    const scoped = await delivered('/orders');
    expect(scoped.map(summary)).toEqual(['message.received /order', 'message.sent Order received']);
    expect(scoped.map((event) => [event.data.interaction, event.data.attributes])).toEqual([
      ['order', { updateId: update.update_id }],
      ['order', { updateId: update.update_id }],
    ]);
    expect((await delivered()).at(-1)?.data.user?.id).toBe(String(FAKE_USER.id));
  });

  it('keeps the calls of ctx.api with their update, even when made after the handler returned', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    let later: Promise<unknown> = Promise.resolve();
    bot.on('message:text', (context) => {
      const api = context.api;
      const chat = context.chat.id;
      // Queued outside the update's async context: only the per-update client still knows the update.
      later = new Promise((resolve) => setImmediate(resolve)).then(() => api.sendMessage(chat, 'later'));
    });
    attachWebhooks(bot, hooks, { attributes: (context) => ({ updateId: context.update.update_id }) });
    const update = telegram.updates.text('remind me');
    await handle(update);
    await later;
    const events = await delivered();
    expect(events.map((event) => [summary(event), event.data.attributes])).toEqual([
      ['message.received remind me', { updateId: update.update_id }],
      ['message.sent later', { updateId: update.update_id }],
    ]);
  });

  it('reports media groups, copies, forwards, edits and deletes', async () => {
    const { telegram, bot, hooks, handle, receiver, delivered } = await setup();
    bot.on('message:text', async (context) => {
      const album = await context.replyWithMediaGroup([
        InputMediaBuilder.photo('https://cdn.example.com/front.jpg', { caption: 'Front' }),
        InputMediaBuilder.photo('https://cdn.example.com/back.jpg'),
      ]);
      const copy = await context.copyMessage(FAKE_CHATS.group.id);
      await context.forwardMessage(FAKE_CHATS.group.id);
      const menu = await context.reply('Menu', { reply_markup: new InlineKeyboard().text('Buy', 'buy') });
      await context.api.editMessageReplyMarkup(menu.chat.id, menu.message_id);
      await context.api.editMessageText(menu.chat.id, menu.message_id, 'Menu (updated)');
      await context.api.editMessageCaption(menu.chat.id, album[0]?.message_id ?? 0, {
        caption: 'Front side',
      });
      await context.api.deleteMessage(menu.chat.id, menu.message_id);
      await context.api.deleteMessages(FAKE_CHATS.group.id, [copy.message_id]);
    });
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('show me'));
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
      { type: 'photo', fileId: expect.any(String), size: 48_213 },
    ]);
    expect(events[4]?.data.message.text).toBe('show me');
    expect(events[7]?.data.message.text).toBe('Menu (updated)');
    expect(events[8]?.data.message.text).toBe('Front side');
    expect(events[3]?.data).not.toHaveProperty('user');
  });

  it('reports button presses, and the edits they lead to, but not answerCallbackQuery', async () => {
    const { telegram, bot, hooks, handle, receiver, delivered } = await setup();
    bot.command('menu', (context) =>
      context.reply('Pick one', { reply_markup: new InlineKeyboard().text('Tea', 'drink:tea') }),
    );
    bot.callbackQuery(/^drink:(.+)$/, async (context) => {
      await context.answerCallbackQuery('Brewing');
      await context.editMessageText(`You picked ${context.match[1]}`);
    });
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('/menu'));
    const menu = telegram.callsTo('sendMessage')[0]?.response;
    const menuId = menu?.ok ? (menu.result as { message_id: number }).message_id : 0;
    await handle(telegram.updates.callbackQuery('drink:tea', { messageId: menuId }));
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
    const { telegram, bot, hooks, handle } = await setup();
    // A transformer below the adapter records what the Bot API call itself produced.
    const produced: unknown[] = [];
    bot.api.config.use(async (prev, method, payload, signal) => {
      const answer = await prev(method, payload, signal);
      if (method === 'sendMessage') produced.push(answer.ok ? answer.result : answer);
      return answer;
    });
    const returned: unknown[] = [];
    bot.on('message:text', async (context) => {
      returned.push(await context.reply('first'));
      telegram.fail('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' });
      returned.push(await context.reply('second').catch((error: unknown) => error));
    });
    attachWebhooks(bot, hooks, { events: ['message.sent', 'message.failed'] });
    await handle(telegram.updates.text('go'));
    returned.push(await bot.api.sendMessage(FAKE_USER.id, 'third'));
    expect(returned).toHaveLength(3);
    expect(produced).toHaveLength(3);
    expect(returned[0]).toBe(produced[0]);
    expect(returned[2]).toBe(produced[2]);
    // grammY builds its GrammyError from the answer after the transformers: the one the bot gets is grammY's own.
    expect(returned[1]).toBeInstanceOf(GrammyError);
    expect(returned[1]).toMatchObject({ error_code: 400, description: 'Bad Request: chat not found' });
    expect(produced[1]).toMatchObject({ ok: false, error_code: 400 });
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
  it('reject to the bot exactly as before, and reach the update handler', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    bot.on('message:text', (context) => context.reply('you will not see this'));
    attachWebhooks(bot, hooks);
    telegram.fail('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const error = await handle(telegram.updates.text('hi')).catch((caught: unknown) => caught);
    expect((error as { error?: unknown }).error).toBeInstanceOf(GrammyError);
    expect((error as { error: GrammyError }).error.error_code).toBe(403);
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
      bot.api.sendMessage(FAKE_USER.id, 'Your order shipped'),
      bot.api.editMessageText(FAKE_USER.id, 5, 'Edited'),
      bot.api.deleteMessage(FAKE_USER.id, 6),
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
    // grammY keeps no status for an answer that is not the Bot API's JSON (a proxy's error page).
    expect(byMessage.Edited?.data.message.id).toBe('5');
    expect(byMessage.Edited?.data.error).toMatchObject({ operation: 'edit', code: 'UNKNOWN' });
    expect(byMessage.Edited?.data.error?.message).toContain('/bot7000000001:[REDACTED]/editMessageText');
    expect(byMessage['6']?.data.error?.code).toBe('NETWORK_ERROR');
    for (const event of events) expect(JSON.stringify(event)).not.toContain(telegram.token.split(':')[1]);
  });
});
