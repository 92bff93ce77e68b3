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
