import type { Webhooks } from '@bothooks/core';
import { adapterContract, type ContractBot, type ContractOptions } from '@bothooks/testkit';
import { createFakeDiscord } from '@bothooks/testkit/discord';
import { Client, Events, type Message, Partials } from 'discord.js';
import { attachWebhooks, tagInteraction } from '../src/index';
import { FULL_INTENTS } from './harness';

/** The contract's bot, as a discord.js bot would be written. */
async function handle(message: Message): Promise<void> {
  const text = message.content;
  const channel = message.channel;
  if (!channel.isSendable()) return;
  if (text === 'edit me') {
    const sent = await channel.send('original');
    await sent.edit('edited');
  } else if (text === 'delete me') {
    const sent = await channel.send('temporary');
    await sent.delete();
  } else if (text.startsWith('tag ')) {
    const name = text.slice('tag '.length);
    const tagged = tagInteraction(message, name);
    await channel.send(`${tagged ? 'tagged' : 'not tagged'} ${name}`);
  } else if (text === 'rich') {
    await channel.send({ embeds: [{ title: 'Secret title', description: 'Secret summary' }] });
  } else if (text === 'fail') {
    await channel.send('about to fail');
    throw new Error('contract failure');
  } else {
    await channel.send(`echo: ${text}`);
  }
}

async function startContractBot(hooks: Webhooks, options: ContractOptions): Promise<ContractBot> {
  const discord = await createFakeDiscord();
  const client = new Client({
    intents: FULL_INTENTS,
    partials: [Partials.Channel],
    rest: { api: discord.api },
  });
  const frameworkErrors: unknown[] = [];
  // discord.js creates its client with `captureRejections`: a rejected async listener lands here.
  client.on(Events.Error, (error) => frameworkErrors.push(error));
  const turns = new Map<string, Promise<void>>();
  const waiting = new Map<string, (turn: Promise<void>) => void>();
  client.on(Events.MessageCreate, (message) => {
    if (message.author.bot) return undefined;
    const turn = handle(message);
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    turns.set(message.id, settled);
    waiting.get(message.id)?.(settled);
    return turn;
  });
  const detach = attachWebhooks(client, hooks, options);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(discord.token);
  await ready;

  /** Resolves when the bot's handling of the message has finished, however it ended. */
  const turnOf = (messageId: string): Promise<void> =>
    turns.get(messageId) ??
    new Promise<void>((resolve) => waiting.set(messageId, (settled) => void settled.then(resolve)));

  return {
    frameworkErrors,
    credential: discord.token,
    refuseNextSend: (description) =>
      discord.fail({ method: 'POST', path: /\/messages$/, status: 403, code: 50013, message: description }),
    attachAgain: (again) => attachWebhooks(client, hooks, again),
    detach,
    userSends: async (text, options = {}) => {
      const sent = discord.userSends(text, {
        ...(options.conversationId && { channelId: options.conversationId }),
      });
      await turnOf(sent.id);
      // A rejected listener reaches the `error` event on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
    },
    close: async () => {
      detach();
      await client.destroy();
      await discord.close();
    },
  };
}

adapterContract({ name: 'discordjs', platform: 'discord', source: 'discordjs', start: startContractBot });
