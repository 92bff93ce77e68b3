import type { MessageEvent } from '@bothooks/core';
import { createReceiver } from '@bothooks/testkit';
import { expect, it, onTestFinished } from 'vitest';
import { startExample } from './app';
import { readConfig } from './config';
import { startLocalDiscord } from './local-discord';

const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

it('runs the example bot offline against the local Discord, every message a signed webhook', async () => {
  const discord = await startLocalDiscord();
  const receiver = await createReceiver({ secret: SECRET });
  const example = await startExample(
    readConfig({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.api,
      WEBHOOK_URL: receiver.url('/hooks'),
      WEBHOOK_SECRET: SECRET,
    }),
  );
  onTestFinished(async () => {
    await example.close();
    await receiver.close();
    await discord.close();
  });
  const bot: string[] = [];
  discord.onBotMessage((what, content) => bot.push(`${what} ${content}`));
  await discord.waitForSession();

  discord.userSends('!status');
  await receiver.waitFor(3);
  discord.userSends('!order');
  await receiver.waitFor(5);
  discord.pressButton('size:M');
  await receiver.waitFor(7);
  discord.slashCommand('order', { size: 'L' });
  await receiver.waitFor(9);
  discord.userSendsDm('hello');
  await receiver.waitFor(11);
  await example.hooks.flush({ timeoutMs: 5_000 });

  const events = receiver.requests.map((request) => request.json<MessageEvent>());
  const summary = (event: MessageEvent) =>
    `${event.type} ${event.data.message.text ?? event.data.message.action?.value ?? ''}`.trim();
  expect(events.map(summary)).toEqual([
    'message.received !status',
    'message.sent Checking the courier…',
    'message.edited Your parcel arrives on Friday.',
    'message.received !order',
    'message.sent Which size?',
    'message.received size:M',
    'message.edited Size M, noted.',
    'message.received /order size:L',
    'message.sent One T-shirt in size L, coming up.',
    'message.received hello',
    'message.sent You said: hello',
  ]);
  expect(receiver.requests.every((request) => request.verified)).toBe(true);
  expect(bot).toContain('edited Your parcel arrives on Friday.');
});
