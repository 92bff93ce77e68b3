import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAKE_CHATS, FAKE_USER } from '@bothooks/testkit/telegram';
import { describe, expect, it, onTestFinished } from 'vitest';
import { attachWebhooks } from '../src/index';
import { launch, setup, summary } from './harness';

describe('updates from every source', () => {
  it('reports updates fed to bot.handleUpdate, with the bot from getMe and the human as user', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    bot.on('text', (context) => context.reply(`echo: ${context.message.text}`));
    attachWebhooks(bot, hooks);
    await bot.handleUpdate(telegram.updates.text('hello'));
    const events = await delivered();
    expect(events.map(summary)).toEqual(['message.received hello', 'message.sent echo: hello']);
    const bothooksBot = {
      id: String(telegram.botInfo.id),
      name: 'Bothooks Test Bot',
      username: 'bothooks_test_bot',
    };
    const ada = { id: String(FAKE_USER.id), name: 'Ada Lovelace', username: 'ada_lovelace', locale: 'en' };
    const conversation = { id: String(FAKE_CHATS.private.id), type: 'private', isGroup: false };
    expect(events[0]?.data).toEqual({
      platform: 'telegram',
      direction: 'inbound',
      bot: bothooksBot,
      conversation,
      user: ada,
      message: { id: '1', text: 'hello', attachments: [] },
    });
    expect(events[1]?.data).toEqual({
      platform: 'telegram',
      direction: 'outbound',
      bot: bothooksBot,
      conversation,
      user: ada,
      message: { id: '2', text: 'echo: hello', attachments: [] },
    });
  });

  it('reports updates received by real long polling (bot.launch)', async () => {
    const { telegram, bot, hooks, receiver, delivered } = await setup();
    bot.on('text', (context) => context.reply(`echo: ${context.message.text}`));
    attachWebhooks(bot, hooks);
    launch(bot);
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
    // Polling itself (getMe, deleteWebhook, getUpdates) is not reported.
    expect(telegram.callsTo('getUpdates').length).toBeGreaterThanOrEqual(2);
  });

  it('reports updates received by webhook, including the call answered inside the webhook response', async () => {
    const { telegram, bot, hooks, receiver, delivered } = await setup();
    bot.on('text', async (context) => {
      // deleteMessage is the first eligible call, so Telegraf writes it into the HTTP answer (webhook reply).
      await context.deleteMessage();
      await context.reply('deleted your message');
    });
    attachWebhooks(bot, hooks);
    const server = createServer(bot.webhookCallback('/telegram'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    await bot.telegram.setWebhook(`http://127.0.0.1:${port}/telegram`);

    const update = telegram.pushUpdate(telegram.updates.text('secret'));
    const [delivery] = await telegram.waitForDeliveries(1);
    expect(delivery?.reply).toMatchObject({
      method: 'deleteMessage',
      via: 'webhook-reply',
      response: { ok: true },
    });
    await receiver.waitFor(3);
    const events = await delivered();
    expect(events.map(summary)).toEqual([
      'message.received secret',
      'message.deleted',
      'message.sent deleted your message',
    ]);
    const userMessageId = String(update.message.message_id);
    expect(events[1]?.data.message).toEqual({ id: userMessageId, attachments: [] });
    expect(events[1]?.data.user?.id).toBe(String(FAKE_USER.id));
  });
});

describe('incoming updates', () => {
  it('reports a user editing a message as an inbound message.edited', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    attachWebhooks(bot, hooks);
    const original = telegram.updates.text('see you at 5');
    await bot.handleUpdate(original);
    await bot.handleUpdate(telegram.updates.editedText(original.message, 'see you at 6'));
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
    const { telegram, bot, hooks, delivered } = await setup();
    bot.on('text', (context) => context.reply('Answered in the topic'));
    attachWebhooks(bot, hooks);
    await bot.handleUpdate(telegram.updates.text('question', { chat: FAKE_CHATS.forum, threadId: 12 }));
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
    const { telegram, bot, hooks, delivered } = await setup();
    bot.on('channel_post', (context) => context.reply('Thanks for the news'));
    attachWebhooks(bot, hooks);
    await bot.handleUpdate(telegram.updates.channelPost('We are open on Sunday'));
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
    const { telegram, bot, hooks, delivered } = await setup();
    bot.on('photo', (context) =>
      context.reply('Lovely', { reply_parameters: { message_id: context.message.message_id } }),
    );
    attachWebhooks(bot, hooks);
    const update = telegram.updates.photo({ caption: 'my cat', chat: FAKE_CHATS.group });
    await bot.handleUpdate(update);
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
