import { createWebhooks, MESSAGE_EVENT_TYPES } from '@bothooks/core';
import { attachWebhooks } from '@bothooks/grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { createBot } from './bot';
import { readConfig } from './config';

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig(process.env);
} catch (error) {
  console.error(String((error as Error).message));
  process.exit(1);
}

const hooks = createWebhooks({
  endpoints: config.webhookUrl
    ? [
        {
          id: 'webhook',
          url: config.webhookUrl,
          ...(config.webhookSecret && { secret: config.webhookSecret }),
        },
      ]
    : [],
});
hooks.on('delivered', (event) => console.log(`→ ${event.type} delivered (${event.status})`));
hooks.on('failed', (event) => console.warn(`→ ${event.type} failed: ${event.error.message}`));
hooks.on('dropped', (event) => console.warn(`→ ${event.type} dropped: ${event.reason}`));

const bot = createBot(config.botToken, config.apiRoot);

// The one line: every message in and out, including `message.failed` for calls Telegram refuses.
attachWebhooks(bot, hooks, {
  events: MESSAGE_EVENT_TYPES,
  includeText: config.includeText,
  attributes: (context) => ({ locale: context.from?.language_code }),
});
// Installed after bothooks on purpose: a send that waits out a flood limit is still one webhook, not one per try.
bot.api.config.use(autoRetry());

async function shutdown(): Promise<void> {
  await bot.stop();
  const { undelivered } = await hooks.close();
  if (undelivered.length > 0) console.warn(`${undelivered.length} webhook(s) could not be delivered`);
  process.exit(0);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());

console.log(
  config.webhookUrl
    ? `Webhooks go to ${config.webhookUrl} (${config.webhookSecret ? 'signed' : 'unsigned: set WEBHOOK_SECRET'})`
    : 'WEBHOOK_URL is not set: the bot answers, and no webhook is sent',
);
if (config.apiRoot) console.log(`Bot API: ${config.apiRoot}`);
// `bot.start()` resolves only once polling stops.
await bot.start({
  onStart: (me) => console.log(`@${me.username} is polling for updates. Ctrl-C to stop.`),
});
