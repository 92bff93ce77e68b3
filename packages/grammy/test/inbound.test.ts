import { FAKE_CHATS, FAKE_USER } from '@bothooks/testkit/telegram';
import { run } from '@grammyjs/runner';
import { describe, expect, it, onTestFinished } from 'vitest';
import { attachWebhooks } from '../src/index';
import { serveWebhook, setup, start, summary } from './harness';

const bothooksBot = { id: '7000000001', name: 'Bothooks Test Bot', username: 'bothooks_test_bot' };
const ada = { id: String(FAKE_USER.id), name: 'Ada Lovelace', username: 'ada_lovelace', locale: 'en' };
const adaChat = { id: String(FAKE_CHATS.private.id), type: 'private', isGroup: false };

describe('updates from every source', () => {
  it('reports updates fed to bot.handleUpdate, with the bot from botInfo and the human as user', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    bot.on('message:text', (context) => context.reply(`echo: ${context.message.text}`));
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('hello'));
    const events = await delivered();
    expect(events.map(summary)).toEqual(['message.received hello', 'message.sent echo: hello']);
    expect(events[0]?.data).toEqual({
      platform: 'telegram',
      direction: 'inbound',
      bot: bothooksBot,
      conversation: adaChat,
      user: ada,
      message: { id: '1', text: 'hello', attachments: [] },
    });
    expect(events[1]?.data).toEqual({
      platform: 'telegram',
      direction: 'outbound',
      bot: bothooksBot,
      conversation: adaChat,
      user: ada,
      message: { id: '2', text: 'echo: hello', attachments: [] },
    });
  });

  it('sees updates consumed by middleware registered before it, which a late bot.use() would not', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    bot.command('start', (context) => context.reply('Welcome!'));
    const late: string[] = [];
    attachWebhooks(bot, hooks);
    bot.use((context, next) => {
      late.push(context.message?.text ?? '');
      return next();
    });
    await handle(telegram.updates.text('/start'));
    expect((await delivered()).map(summary)).toEqual(['message.received /start', 'message.sent Welcome!']);
    expect(late).toEqual([]);
  });

  it('reports updates received by real long polling (bot.start)', async () => {
    const { telegram, bot, hooks, receiver, delivered } = await setup();
    bot.on('message:text', (context) => context.reply(`echo: ${context.message.text}`));
    attachWebhooks(bot, hooks);
    await start(bot);
    telegram.pushUpdate(telegram.updates.text('one'));
    await telegram.waitForCalls('sendMessage', 1);
    telegram.pushUpdate(telegram.updates.text('two'));
    await telegram.waitForCalls('sendMessage', 2);
    await receiver.waitFor(4);
    expect((await delivered()).map(summary)).toEqual([
      'message.received one',
      'message.sent echo: one',
      'message.received two',
      'message.sent echo: two',
    ]);
    // Polling itself (deleteWebhook, getUpdates) goes through the same transformer and is not reported.
    expect(telegram.callsTo('getUpdates').length).toBeGreaterThanOrEqual(2);
  });

  it('reports updates run concurrently by @grammyjs/runner', async () => {
    const { telegram, bot, hooks, receiver, delivered } = await setup();
    bot.on('message:text', async (context) => {
      // The first update finishes last: each answer must still belong to its own update.
      await new Promise((resolve) => setTimeout(resolve, context.message.text === 'slow' ? 50 : 0));
      await bot.api.sendMessage(context.chat.id, `done: ${context.message.text}`);
    });
    attachWebhooks(bot, hooks, { attributes: (context) => ({ updateId: context.update.update_id }) });
    const runner = run(bot, { runner: { fetch: { timeout: 1 } } });
    onTestFinished(() => (runner.isRunning() ? runner.stop() : undefined));
    const slow = telegram.pushUpdate(telegram.updates.text('slow'));
    const fast = telegram.pushUpdate(telegram.updates.text('fast', { chat: FAKE_CHATS.group }));
    await telegram.waitForCalls('sendMessage', 2);
    await receiver.waitFor(4);
    const events = await delivered();
    const sent = events.filter((event) => event.type === 'message.sent');
    expect(
      sent.map((event) => [event.data.message.text, event.data.attributes, event.data.conversation.id]),
    ).toEqual([
      ['done: fast', { updateId: fast.update_id }, String(FAKE_CHATS.group.id)],
      ['done: slow', { updateId: slow.update_id }, String(FAKE_CHATS.private.id)],
    ]);
    await runner.stop();
  });

  it('reports updates received by webhookCallback, including the call answered inside the webhook response', async () => {
    const { telegram, bot, hooks, receiver, delivered } = await setup({
      // grammY answers the first eligible call of an update inside the HTTP response when asked to.
      client: { canUseWebhookReply: (method: string) => method === 'sendMessage' },
    });
    bot.on('message:text', async (context) => {
      await context.reply('answered in the webhook response');
      await context.reply('answered by a request');
    });
    attachWebhooks(bot, hooks);
    await serveWebhook(bot);
    telegram.pushUpdate(telegram.updates.text('hi'));
    const [delivery] = await telegram.waitForDeliveries(1);
    expect(delivery?.status).toBe(200);
    expect(delivery?.reply).toMatchObject({
      method: 'sendMessage',
      via: 'webhook-reply',
      params: { text: 'answered in the webhook response' },
    });
    await receiver.waitFor(3);
    const events = await delivered();
    expect(events.map(summary)).toEqual([
      'message.received hi',
      'message.sent answered in the webhook response',
      'message.sent answered by a request',
    ]);
    // The webhook reply resolves with `true`: the event is built from the call, with no id Telegram never gave.
    expect(events[1]?.data.message).toEqual({ text: 'answered in the webhook response', attachments: [] });
    expect(events[1]?.data.user).toEqual(ada);
    expect(events[2]?.data.message.id).toEqual(expect.any(String));
  });
});

describe('incoming updates', () => {
  it('reports a user editing a message as an inbound message.edited', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    attachWebhooks(bot, hooks);
    const original = telegram.updates.text('see you at 5');
    await handle(original);
    await handle(telegram.updates.editedText(original.message, 'see you at 6'));
    const [received, edited] = await delivered();
    expect(received?.type).toBe('message.received');
    expect(edited?.type).toBe('message.edited');
    expect(edited?.data).toMatchObject({
      direction: 'inbound',
      user: { id: String(FAKE_USER.id) },
      message: { id: received?.data.message.id, text: 'see you at 6' },
    });
  });

  it('keeps a forum topic on both sides of the conversation', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    bot.on('message:text', (context) => context.reply('Answered in the topic'));
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('question', { chat: FAKE_CHATS.forum, threadId: 12 }));
    const events = await delivered();
    expect(events.map(summary)).toEqual(['message.received question', 'message.sent Answered in the topic']);
    const topic = {
      id: String(FAKE_CHATS.forum.id),
      type: 'supergroup',
      name: 'Engine Room',
      isGroup: true,
      threadId: '12',
    };
    expect(events.map((event) => event.data.conversation)).toEqual([topic, topic]);
    expect(events[1]?.data.user?.id).toBe(String(FAKE_USER.id));
    expect(telegram.callsTo('sendMessage')[0]?.params.message_thread_id).toBe(12);
  });

  it('reports channel posts and the answers posted to the channel, with no user', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    bot.on('channel_post', (context) => context.reply('Thanks for the news'));
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.channelPost('We are open on Sunday'));
    const events = await delivered();
    expect(events.map(summary)).toEqual([
      'message.received We are open on Sunday',
      'message.sent Thanks for the news',
    ]);
    for (const event of events) {
      expect(event.data.conversation).toEqual({
        id: String(FAKE_CHATS.channel.id),
        type: 'channel',
        name: 'Engine News',
        isGroup: false,
      });
      expect(event.data).not.toHaveProperty('user');
    }
  });

  it('reports photos with their caption, and replies to them', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    bot.on('message:photo', (context) =>
      context.reply('Lovely', { reply_parameters: { message_id: context.message.message_id } }),
    );
    attachWebhooks(bot, hooks);
    const update = telegram.updates.photo({ caption: 'my cat', chat: FAKE_CHATS.group });
    await handle(update);
    const [received, sent] = await delivered();
    const largest = update.message.photo.at(-1);
    expect(received?.data.message).toEqual({
      id: String(update.message.message_id),
      text: 'my cat',
      attachments: [{ type: 'photo', fileId: largest?.file_id, size: largest?.file_size }],
    });
    expect(sent?.data.message.replyToId).toBe(String(update.message.message_id));
    expect(sent?.data.user?.id).toBe(String(FAKE_USER.id));
  });
});
