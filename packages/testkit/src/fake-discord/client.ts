import { Client, type ClientOptions, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { FakeDiscord } from './fake-discord';

/** The intents a bot needs to see every message: guild and direct messages, with their content. */
export const MESSAGE_INTENTS: GatewayIntentBits[] = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.MessageContent,
];

/**
 * A real discord.js `Client` logged in to the fake and ready (`clientReady` emitted). Intents default to
 * {@link MESSAGE_INTENTS}, partials to `Partials.Channel` (needed for direct messages).
 */
export async function loginClient(
  discord: FakeDiscord,
  options: Partial<Pick<ClientOptions, 'intents' | 'partials'>> = {},
): Promise<Client<true>> {
  const client = new Client({
    intents: options.intents ?? MESSAGE_INTENTS,
    partials: options.partials ?? [Partials.Channel],
    rest: { api: discord.api },
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(discord.token);
  await ready;
  return client as Client<true>;
}
