import { createWebhooks, type Webhooks } from '@bothooks/core';
import { attachWebhooks } from '@bothooks/discordjs';
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { registerBot } from './bot';
import type { ExampleConfig } from './config';

/** The running example. */
export interface Example {
  client: Client<true>;
  hooks: Webhooks;
  /** Logs out, then delivers what is still queued. */
  close(): Promise<void>;
}

/** Starts the bot with webhooks on every message, and resolves once it is logged in and ready. */
export async function startExample(config: ExampleConfig): Promise<Example> {
  const hooks = createWebhooks({
    endpoints: config.webhookUrl
      ? [{ id: 'bot', url: config.webhookUrl, ...(config.webhookSecret && { secret: config.webhookSecret }) }]
      : [],
  });
  hooks.on('failed', (event) => console.error(`webhook ${event.type} failed: ${event.error.message}`));
  hooks.on('error', (report) => console.error(`bothooks: ${report.code}: ${report.message}`));

  const client = new Client({
    // MessageContent is privileged: turn it on under Bot → Privileged Gateway Intents.
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.MessageContent,
    ],
    // DM channels are never cached in advance; without this partial discord.js drops direct messages.
    partials: [Partials.Channel],
    ...(config.discordApiUrl && { rest: { api: config.discordApiUrl } }),
  });
  registerBot(client);
  attachWebhooks(client, hooks, { includeText: config.includeText });

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(config.token);
  const readyClient = await ready;
  return {
    client: readyClient,
    hooks,
    close: async () => {
      await client.destroy();
      await hooks.close();
    },
  };
}
