import { interaction, tagInteraction } from '@bothooks/grammy';
import { Bot, InlineKeyboard, InputMediaBuilder } from 'grammy';

/** A small shop assistant: every message it receives and sends becomes a webhook once `attachWebhooks` runs. */
export function createBot(token: string, apiRoot: string | undefined): Bot {
  const bot = new Bot(token, apiRoot === undefined ? {} : { client: { apiRoot } });

  bot.command('start', (context) =>
    context.reply('Hi! Try /order, /menu, /status, or send me a photo. Anything else, I repeat.'),
  );

  // Tags the update: its messages also go to the endpoints scoped to the `order` interaction.
  bot.command('order', interaction('order'), (context) =>
    context.reply('What would you like to order?', {
      reply_markup: new InlineKeyboard().text('Tea', 'order:tea').text('Coffee', 'order:coffee'),
    }),
  );

  // A button press is a `message.received` with `action: { kind: 'button', value: 'order:tea' }`; the edit that
  // answers it is a `message.edited`.
  bot.callbackQuery(/^order:(.+)$/, async (context) => {
    tagInteraction(context, 'order');
    await context.answerCallbackQuery('Noted');
    await context.editMessageText(`One ${context.match[1]}, coming up.`);
  });

  // A URL given as a string is fetched by Telegram, not by the bot; each photo is its own `message.sent`.
  bot.command('menu', (context) =>
    context.replyWithMediaGroup([
      InputMediaBuilder.photo('https://telegram.org/img/t_logo.png', { caption: 'Tea' }),
      InputMediaBuilder.photo('https://telegram.org/img/t_logo.png', { caption: 'Coffee' }),
    ]),
  );

  // Sends, edits, then deletes: three webhooks for one message.
  bot.command('status', async (context) => {
    const sent = await context.reply('Checking your order…');
    await context.api.editMessageText(sent.chat.id, sent.message_id, 'Your order has shipped.');
    await context.api.deleteMessage(sent.chat.id, sent.message_id);
    await context.reply('Your order has shipped. (I tidied up my last message.)');
  });

  bot.on('message:photo', (context) =>
    context.reply('Nice picture! It is in the webhook as a file id, never as bytes.'),
  );
  bot.on('message:text', (context) => context.reply(`You said: ${context.message.text}`));

  bot.catch((error) => {
    console.error(`update ${error.ctx.update.update_id} failed:`, error.error);
  });
  return bot;
}
