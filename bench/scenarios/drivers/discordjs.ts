import { attachWebhooks } from '@bothooks/discordjs';
import { MESSAGE_INTENTS } from '@bothooks/testkit/discord';
import { Client, Events, type Message, Partials } from 'discord.js';
import type { BotDriver } from '../bot-cost';

/** An echo bot on a real discord.js Client, logged in to the fake Discord (REST and gateway) in the platform process. */
export const discordDriver: BotDriver = {
  name: 'discord.js',
  // discord.js limits itself to 50 REST requests per second (its global rate limit).
  count: 300,
  start: async (instrumentation, platforms) => {
    const discord = await platforms.call<{ api: string; token: string }>({ op: 'discord.start' });
    const client = new Client({
      intents: MESSAGE_INTENTS,
      partials: [Partials.Channel],
      rest: { api: discord.api },
    });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(discord.token);
    await ready;
    client.on(Events.MessageCreate, async (message: Message) => {
      if (message.author.id === client.user?.id) return;
      if (instrumentation.kind === 'naive') await instrumentation.post(message.toJSON());
      const reply = await message.reply(`echo: ${message.content}`);
      if (instrumentation.kind === 'naive') await instrumentation.post(reply.toJSON());
    });
    const detach =
      instrumentation.kind === 'bothooks' ? attachWebhooks(client, instrumentation.hooks) : () => undefined;
    return {
      handle: (count, concurrency) => platforms.call({ op: 'discord.drive', count, concurrency }),
      close: async () => {
        detach();
        await client.destroy();
      },
    };
  },
};
