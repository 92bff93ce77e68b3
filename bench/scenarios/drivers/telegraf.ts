import { attachWebhooks } from '@bothooks/telegraf';
import { createFakeTelegram } from '@bothooks/testkit/telegram';
import { Telegraf } from 'telegraf';
import type { BotDriver } from '../bot-cost';
import { inBatches } from './batches';

/** An echo bot on Telegraf, fed with `handleUpdate`, answering through a fake Bot API over real HTTP. */
export const telegrafDriver: BotDriver = {
  name: 'telegraf',
  start: async (instrumentation) => {
    const telegram = await createFakeTelegram();
    const bot = new Telegraf(telegram.token, { telegram: { apiRoot: telegram.apiRoot } });
    bot.botInfo = telegram.botInfo;
    if (instrumentation.kind === 'naive') {
      const { post } = instrumentation;
      bot.use(async (context, next) => {
        await post(context.update);
        await next();
      });
    }
    bot.on('text', async (context) => {
      const sent = await context.reply(`echo: ${context.message.text}`);
      if (instrumentation.kind === 'naive') await instrumentation.post(sent);
    });
    const detach =
      instrumentation.kind === 'bothooks' ? attachWebhooks(bot, instrumentation.hooks) : () => undefined;
    return {
      handle: (count, concurrency) =>
        inBatches(count, concurrency, async (index) => {
          await bot.handleUpdate(telegram.updates.text(`hello ${index}`));
        }),
      close: async () => {
        detach();
        await telegram.close();
      },
    };
  },
};
