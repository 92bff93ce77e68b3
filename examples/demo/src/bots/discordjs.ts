import { attachWebhooks, jsonApi, tagInteraction } from '@bothooks/discordjs';
import { createFakeDiscord, loginClient } from '@bothooks/testkit/discord';
import { Events, type Message } from 'discord.js';
import type { StartDemoBot } from './types';

export const discordBot: StartDemoBot = async (hooks) => {
  const discord = await createFakeDiscord();
  const client = await loginClient(discord);
  const answered = new Map<string, () => void>();
  // The JSON API interaction: the `quotes` endpoint's reply becomes messages, an embed and buttons.
  const quote = jsonApi(hooks, 'quotes', { errorResponse: 'Sorry, the shop is not answering right now.' });
  client.on(Events.MessageCreate, async (message: Message) => {
    if (message.author.id === client.user?.id) return;
    try {
      if (message.content === 'quote') {
        await quote(message);
      } else if (message.content === 'order') {
        tagInteraction(message, 'order');
        await message.reply('What would you like to order?');
      } else if (message.content === 'status') {
        const sent = await message.reply('Checking your order…');
        await sent.edit('Your order has shipped.');
        await sent.delete();
      } else {
        await message.reply(`You said: ${message.content}`);
      }
    } finally {
      answered.get(message.id)?.();
    }
  });
  const detach = attachWebhooks(client, hooks);
  return {
    title: 'discord.js bot, against a fake Discord REST API and gateway',
    say: (text) =>
      new Promise<void>((resolve) => {
        answered.set(discord.userSends(text).id, resolve);
      }),
    stop: async () => {
      detach();
      await client.destroy();
      await discord.close();
    },
  };
};
