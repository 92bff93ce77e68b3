import { attachWebhooks } from '@bothooks/telegraf';
import { Telegraf } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import type { BotDriver } from '../bot-cost';
import { inBatches } from './batches';

/** An echo bot on Telegraf, fed with `handleUpdate`, answering through the fake Bot API over real HTTP. */
export const telegrafDriver: BotDriver = {
  name: 'telegraf',
  count: 5_000,
  start: async (instrumentation, platforms) => {
    const telegram = await platforms.call<{ apiRoot: string; token: string; botInfo: UserFromGetMe }>({
      op: 'telegram.start',
    });
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
    let updates: Update[] = [];
    return {
      // The updates are made by the fake (it keeps message ids consistent), before the clock starts.
      prepare: async (count) => {
        updates = await platforms.call<Update[]>({ op: 'telegram.updates', count });
      },
      handle: (count, concurrency) =>
        inBatches(count, concurrency, async (index) => {
          const update = updates[index];
          if (update) await bot.handleUpdate(update);
        }),
      close: async () => detach(),
    };
  },
};
