import { attachWebhooks, interaction, jsonApi } from '@bothooks/telegraf';
import { createFakeTelegram } from '@bothooks/testkit/telegram';
import { Telegraf } from 'telegraf';
import type { StartDemoBot } from './types';

/**
 * The same little shop assistant on each framework: echo, `order` (a tagged interaction), `status` (send, edit,
 * delete), `quote` (the JSON API).
 */
export const telegrafBot: StartDemoBot = async (hooks) => {
  const telegram = await createFakeTelegram();
  const bot = new Telegraf(telegram.token, { telegram: { apiRoot: telegram.apiRoot } });
  bot.botInfo = telegram.botInfo;
  bot.command('order', interaction('order'), (context) => context.reply('What would you like to order?'));
  bot.command('status', async (context) => {
    const sent = await context.reply('Checking your order…');
    await context.telegram.editMessageText(
      sent.chat.id,
      sent.message_id,
      undefined,
      'Your order has shipped.',
    );
    await context.deleteMessage(sent.message_id);
  });
  // The JSON API: the shop's endpoint (`quotes`) says what to answer, shown natively (texts, keyboard, photo card).
  bot.hears(
    'quote',
    jsonApi(hooks, 'quotes', { errorResponse: 'Sorry, the shop is not answering right now.' }),
  );
  bot.on('text', (context) => context.reply(`You said: ${context.message.text}`));
  const detach = attachWebhooks(bot, hooks);
  return {
    title: 'Telegraf bot, against a fake Telegram Bot API',
    say: async (text) => {
      await bot.handleUpdate(telegram.updates.text(text.replace(/^(order|status)$/, '/$1')));
    },
    stop: async () => {
      detach();
      await telegram.close();
    },
  };
};
