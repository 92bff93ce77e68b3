// The fake chat platforms of the cost-to-the-bot benchmark, in a process of their own: the bot under test
// then spends its CPU on being a bot, as in production, and none on playing Telegram, Discord or the Bot
// Connector. Driven over IPC by platform.ts; run with tsx and the @bothooks/source condition.
import {
  createFakeBotConnector,
  createUserActivity,
  type FakeBotConnector,
} from '@bothooks/testkit/botbuilder';
import { createFakeDiscord, type FakeDiscord } from '@bothooks/testkit/discord';
import { createFakeTelegram, type FakeTelegram } from '@bothooks/testkit/telegram';
import { inBatches } from '../scenarios/drivers/batches';

export type PlatformRequest =
  | { op: 'telegram.start' }
  | { op: 'telegram.updates'; count: number }
  | { op: 'discord.start' }
  | { op: 'discord.drive'; count: number; concurrency: number }
  | { op: 'connector.start' }
  | { op: 'botframework.drive'; botUrl: string; count: number; concurrency: number };

let telegram: FakeTelegram | undefined;
let discord: FakeDiscord | undefined;
let connector: FakeBotConnector | undefined;
let sequence = 0;

async function handle(request: PlatformRequest): Promise<unknown> {
  switch (request.op) {
    case 'telegram.start':
      await telegram?.close();
      telegram = await createFakeTelegram();
      return { apiRoot: telegram.apiRoot, token: telegram.token, botInfo: telegram.botInfo };
    case 'telegram.updates': {
      const fake = telegram;
      if (!fake) throw new Error('telegram.start first');
      return Array.from({ length: request.count }, () => {
        sequence += 1;
        return fake.updates.text(`hello ${sequence}`);
      });
    }
    case 'discord.start':
      await discord?.close();
      discord = await createFakeDiscord();
      return { api: discord.api, token: discord.token };
    case 'discord.drive': {
      const fake = discord;
      if (!fake) throw new Error('discord.start first');
      await inBatches(request.count, request.concurrency, async () => {
        sequence += 1;
        const sent = fake.userSends(`hello ${sequence}`);
        // The echo bot's reply references the user's message: that is when the message was handled.
        await fake.waitForRequest(
          (rest) =>
            rest.method === 'POST' &&
            (rest.json as { message_reference?: { message_id?: string } } | undefined)?.message_reference
              ?.message_id === sent.id,
          { timeoutMs: 120_000 },
        );
      });
      return {};
    }
    case 'connector.start':
      connector ??= await createFakeBotConnector();
      return { serviceUrl: connector.serviceUrl };
    case 'botframework.drive': {
      const fake = connector;
      if (!fake) throw new Error('connector.start first');
      await inBatches(request.count, request.concurrency, async () => {
        sequence += 1;
        const response = await fetch(request.botUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(createUserActivity(fake.serviceUrl, { text: `hello ${sequence}` })),
        });
        await response.arrayBuffer();
        if (response.status >= 300) throw new Error(`the bot answered ${response.status}`);
      });
      return {};
    }
  }
}

process.on('message', (message: { id: number; request: PlatformRequest }) => {
  handle(message.request).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) => process.send?.({ id: message.id, error: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
