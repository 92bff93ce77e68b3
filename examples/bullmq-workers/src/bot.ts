// The bot process: a Telegraf bot whose webhooks are only published here, stored in Redis and delivered by the
// worker processes. Restart or kill it at will: what it reported `stored` is delivered anyway.
import { bullmqEngine } from '@bothooks/bullmq';
import { createWebhooks } from '@bothooks/core';
import { attachWebhooks } from '@bothooks/telegraf';
import { Telegraf } from 'telegraf';
import { readConfig } from './config';

const { redisUrl, endpoints } = readConfig(process.env);
const hooks = createWebhooks({
  endpoints,
  engine: bullmqEngine({ connection: redisUrl, worker: false }),
});
hooks.on('stored', (event) => console.log(`bot: ${event.messageIds.length} webhook(s) stored in Redis`));
hooks.on('error', (report) => console.warn(`bot: ${report.code}: ${report.message}`));

const bot = new Telegraf(process.env.BOT_TOKEN ?? '', {
  telegram: { apiRoot: process.env.TELEGRAM_API_ROOT ?? 'https://api.telegram.org' },
});
bot.on('text', (context) => context.reply(`You said: ${context.message.text}`));
attachWebhooks(bot, hooks);

process.once('SIGTERM', async () => {
  bot.stop('SIGTERM');
  await hooks.close(); // waits until everything published is stored, within closeTimeoutMs
  process.exit(0);
});
await bot.launch(() => process.send?.('ready'));
