import { createFakeDiscord } from '@bothooks/testkit/discord';
import type { Scenario } from '../../lib/scenario';

/** A discord.js client on a fake gateway and REST API: a user's message comes in, the bot's reply goes out. */
export const scenario: Scenario = {
  async world({ endpoint, label }) {
    const discord = await createFakeDiscord();
    const text = `hello from ${label}`;
    return {
      env: { DISCORD_API: discord.api, DISCORD_TOKEN: discord.token, DISCORDJS_WEBHOOK_URL: endpoint },
      drive: async () => {
        await discord.waitForSession();
        discord.userSends(text);
      },
      expected: [
        { type: 'message.received', platform: 'discord', text },
        { type: 'message.sent', platform: 'discord', text: `You said: ${text}` },
      ],
      close: () => discord.close(),
    };
  },
};
