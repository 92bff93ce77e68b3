import { adapterContract } from '@bothooks/testkit';
import { createFakeTelegram, FAKE_USER } from '@bothooks/testkit/telegram';
import { attachWebhooks, tagInteraction } from '../src/index';
import { asUpdate, createBot } from './harness';

adapterContract({
  name: 'grammy',
  platform: 'telegram',
  source: 'grammy',
  start: async (hooks, options) => {
    const telegram = await createFakeTelegram();
    const bot = createBot(telegram);
    const frameworkErrors: unknown[] = [];
    bot.hears(/^tag (.+)$/, async (context) => {
      const name = context.match[1] ?? '';
      const tagged = tagInteraction(context, name);
      await context.reply(`${tagged ? 'tagged' : 'not tagged'} ${name}`);
    });
    bot.hears('edit me', async (context) => {
      const sent = await context.reply('original');
      await context.api.editMessageText(sent.chat.id, sent.message_id, 'edited');
    });
    bot.hears('delete me', async (context) => {
      const sent = await context.reply('temporary');
      await context.api.deleteMessage(sent.chat.id, sent.message_id);
    });
    // A venue is Telegram's message with a title and a summary (its address).
    bot.hears('rich', (context) => context.replyWithVenue(51.5, -0.12, 'Secret title', 'Secret summary'));
    bot.hears('fail', async (context) => {
      await context.reply('about to fail');
      throw new Error('contract failure');
    });
    bot.on('message:text', (context) => context.reply(`echo: ${context.message.text}`));
    // Attached after every handler on purpose: the adapter must not depend on middleware order.
    const detach = attachWebhooks(bot, hooks, options);
    return {
      frameworkErrors,
      credential: telegram.token,
      refuseNextSend: (description) => telegram.fail('sendMessage', { error_code: 403, description }),
      attachAgain: (again) => attachWebhooks(bot, hooks, again),
      detach,
      userSends: async (text, sendOptions = {}) => {
        const id =
          sendOptions.conversationId === undefined ? FAKE_USER.id : Number(sendOptions.conversationId);
        const from = { ...FAKE_USER, id };
        const chat = { id, type: 'private' as const, first_name: FAKE_USER.first_name };
        // What long polling hands to `bot.catch`: handleUpdate rejects with grammY's BotError.
        await bot
          .handleUpdate(asUpdate(telegram.updates.text(text, { chat, from })))
          .catch((error: unknown) => {
            frameworkErrors.push(error);
          });
      },
      close: async () => {
        detach();
        await telegram.close();
      },
    };
  },
});
