import { attachWebhooks, interaction, jsonApi } from '@bothooks/grammy';
import { createFakeTelegram } from '@bothooks/testkit/telegram';
import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { StartDemoBot } from './types';

/**
 * The same little shop assistant on each framework: echo, `order` (a tagged interaction), `status` (send, edit,
 * delete), `quote` (the JSON API).
 */
export const grammyBot: StartDemoBot = async (hooks) => {
  const telegram = await createFakeTelegram();
  const bot = new Bot(telegram.token, {
    botInfo: telegram.botInfo as Bot['botInfo'],
    client: { apiRoot: telegram.apiRoot },
  });
  bot.command('order', interaction('order'), (context) => context.reply('What would you like to order?'));
  bot.command('status', async (context) => {
    const sent = await context.reply('Checking your order…');
    await context.api.editMessageText(sent.chat.id, sent.message_id, 'Your order has shipped.');
    await context.api.deleteMessage(sent.chat.id, sent.message_id);
  });
  // The JSON API: the shop's endpoint (`quotes`) says what to answer, shown natively (texts, keyboard, photo card).
  bot.hears(
    'quote',
    jsonApi(hooks, 'quotes', { errorResponse: 'Sorry, the shop is not answering right now.' }),
  );
  bot.on('message:text', (context) => context.reply(`You said: ${context.message.text}`));
  const detach = attachWebhooks(bot, hooks);
  return {
    title: 'grammY bot, against a fake Telegram Bot API',
    say: async (text) => {
      // The fake's updates are the Bot API's JSON, which grammY types with its own Bot API types.
      const update = telegram.updates.text(text.replace(/^(order|status)$/, '/$1')) as Update;
      await bot.handleUpdate(update);
    },
    stop: async () => {
      detach();
      await telegram.close();
    },
  };
};
