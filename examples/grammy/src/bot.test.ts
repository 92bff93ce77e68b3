import { createWebhooks, generateSecret, type MessageEvent } from '@bothooks/core';
import { attachWebhooks } from '@bothooks/grammy';
import { createReceiver } from '@bothooks/testkit';
import { createFakeTelegram } from '@bothooks/testkit/telegram';
import { autoRetry } from '@grammyjs/auto-retry';
import type { Update } from 'grammy/types';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createBot } from './bot';
import { readConfig } from './config';

type Envelope = MessageEvent;

async function start() {
  const secret = generateSecret();
  const telegram = await createFakeTelegram();
  const receiver = await createReceiver({ secret });
  const hooks = createWebhooks({
    endpoints: [
      { id: 'all', url: receiver.url('/all'), secret },
      { id: 'orders', url: receiver.url('/orders'), secret, interactions: ['order'] },
    ],
    logger: false,
  });
  const bot = createBot(telegram.token, telegram.apiRoot);
  bot.botInfo = telegram.botInfo as typeof bot.botInfo;
  // As in main.ts: bothooks first, auto-retry after it.
  attachWebhooks(bot, hooks);
  bot.api.config.use(autoRetry());
  onTestFinished(async () => {
    await hooks.close({ timeoutMs: 1_000 });
    await receiver.close();
    await telegram.close();
  });
  const handle = (update: object) => bot.handleUpdate(update as Update);
  const delivered = async (path: string): Promise<string[]> => {
    await hooks.flush({ timeoutMs: 5_000 });
    return receiver.on(path).map((request) => {
      const event = request.json<Envelope>();
      return `${event.type} ${event.data.message.text ?? event.data.message.action?.value ?? ''}`.trim();
    });
  };
  return { telegram, handle, receiver, delivered };
}

describe('the example bot', () => {
  it('sends a webhook for each message of an order, and the order endpoint gets only those', async () => {
    const { telegram, handle, receiver, delivered } = await start();
    await handle(telegram.updates.text('hello'));
    await handle(telegram.updates.text('/order'));
    const question = telegram.callsTo('sendMessage').at(-1)?.response;
    const messageId = question?.ok ? (question.result as { message_id: number }).message_id : 0;
    await handle(telegram.updates.callbackQuery('order:tea', { messageId }));
    await receiver.waitFor(9);
    expect(await delivered('/orders')).toEqual([
      'message.received /order',
      'message.sent What would you like to order?',
      'message.received order:tea',
      'message.edited One tea, coming up.',
    ]);
    expect(await delivered('/all')).toEqual([
      'message.received hello',
      'message.sent You said: hello',
      'message.received /order',
      'message.sent What would you like to order?',
      'message.received order:tea',
      'message.edited One tea, coming up.',
    ]);
  });

  it('reports a send, its edit and its delete for /status, a flood limit waited out as one send', async () => {
    const { telegram, handle, delivered } = await start();
    telegram.fail(
      'sendMessage',
      { error_code: 429, description: 'Too Many Requests: retry after 0', parameters: { retry_after: 0 } },
      { times: 1 },
    );
    await handle(telegram.updates.text('/status'));
    expect(await delivered('/all')).toEqual([
      'message.received /status',
      'message.sent Checking your order…',
      'message.edited Your order has shipped.',
      'message.deleted',
      'message.sent Your order has shipped. (I tidied up my last message.)',
    ]);
    expect(telegram.callsTo('sendMessage')).toHaveLength(3);
  });

  it('reads its configuration from the environment', () => {
    expect(() => readConfig({})).toThrow(/BOT_TOKEN/);
    expect(() => readConfig({ BOT_TOKEN: '1:a', WEBHOOK_URL: 'ftp://x' })).toThrow(/WEBHOOK_URL/);
    expect(readConfig({ BOT_TOKEN: '1:a', TELEGRAM_API_ROOT: 'http://127.0.0.1:8081' })).toEqual({
      botToken: '1:a',
      apiRoot: 'http://127.0.0.1:8081',
      webhookUrl: undefined,
      webhookSecret: undefined,
      includeText: true,
    });
  });
});
