import { createWebhooks, generateSecret, type MessageEvent } from '@bothooks/core';
import { attachWebhooks } from '@bothooks/grammy';
import { createReceiver } from '@bothooks/testkit';
import { expect, it, onTestFinished } from 'vitest';
import { createBot } from './bot';
import { startLocalTelegram } from './local-telegram';

it('runs the example bot offline: real long polling against the local Bot API, webhooks to a receiver', async () => {
  const telegram = await startLocalTelegram();
  const secret = generateSecret();
  const receiver = await createReceiver({ secret });
  const hooks = createWebhooks({ endpoints: [{ url: receiver.url('/all'), secret }], logger: false });
  const bot = createBot(telegram.token, telegram.apiRoot);
  attachWebhooks(bot, hooks);
  let polling: Promise<void> = Promise.resolve();
  await new Promise<void>((resolve) => {
    polling = bot.start({ onStart: () => resolve(), timeout: 1 });
  });
  onTestFinished(async () => {
    await bot.stop();
    await polling;
    await telegram.close();
    await hooks.close({ timeoutMs: 1_000 });
    await receiver.close();
  });

  telegram.userSends('/order');
  await receiver.waitFor(2);
  telegram.userPresses('order:tea');
  await receiver.waitFor(4);
  await hooks.flush({ timeoutMs: 5_000 });

  const events = receiver.requests.map((request) => request.json<MessageEvent>());
  expect(
    events.map((event) => `${event.type} ${event.data.message.text ?? event.data.message.action?.value}`),
  ).toEqual([
    'message.received /order',
    'message.sent What would you like to order?',
    'message.received order:tea',
    'message.edited One tea, coming up.',
  ]);
  expect(receiver.requests.every((request) => request.verified)).toBe(true);
  expect(events[0]?.data.user).toMatchObject({ id: '42', name: 'Ada' });
});
