import { attachWebhooks } from '@bothooks/discordjs';
import { createFakeDiscord, loginClient } from '@bothooks/testkit/discord';
import { Events, type Message } from 'discord.js';
import type { BotDriver } from '../bot-cost';
import { inBatches } from './batches';

/** An echo bot on a real discord.js Client, logged in to a fake Discord (REST over HTTP, gateway over ws). */
export const discordDriver: BotDriver = {
  name: 'discord.js',
  scale: 0.1,
  start: async (instrumentation) => {
    const discord = await createFakeDiscord();
    const client = await loginClient(discord);
    const answered = new Map<string, () => void>();
    client.on(Events.MessageCreate, async (message: Message) => {
      if (message.author.id === client.user?.id) return;
      if (instrumentation.kind === 'naive') await instrumentation.post(message.toJSON());
      const reply = await message.reply(`echo: ${message.content}`);
      if (instrumentation.kind === 'naive') await instrumentation.post(reply.toJSON());
      answered.get(message.id)?.();
      answered.delete(message.id);
    });
    const detach =
      instrumentation.kind === 'bothooks' ? attachWebhooks(client, instrumentation.hooks) : () => undefined;
    return {
      handle: (count, concurrency) =>
        inBatches(count, concurrency, async (index) => {
          const done = new Promise<void>((resolve) => {
            // The id is known only once the fake made the message; register before dispatching.
            const sent = discord.userSends(`hello ${index}`);
            answered.set(sent.id, resolve);
          });
          await done;
        }),
      close: async () => {
        detach();
        await client.destroy();
        await discord.close();
      },
    };
  },
};
