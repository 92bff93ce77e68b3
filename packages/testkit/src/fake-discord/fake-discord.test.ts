import {
  ChannelType,
  Client,
  type ClientOptions,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  Partials,
  RESTEvents,
  type TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeDiscord, type FakeDiscord, type FakeDiscordOptions, snowflakeTime } from './index';

const EVERYTHING = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.MessageContent,
];

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(
  clientOptions: Partial<ClientOptions> = {},
  fakeOptions: FakeDiscordOptions = {},
): Promise<{ discord: FakeDiscord; client: Client<true> }> {
  const discord = await createFakeDiscord(fakeOptions);
  cleanups.push(() => discord.close());
  const client = new Client({
    intents: EVERYTHING,
    partials: [Partials.Channel],
    ...clientOptions,
    rest: { api: discord.api },
  });
  cleanups.push(() => client.destroy());
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(discord.token);
  await ready;
  return { discord, client: client as Client<true> };
}

function next<TArgs extends unknown[]>(
  client: Client,
  event: string,
  accept: (...args: TArgs) => boolean = () => true,
) {
  return new Promise<TArgs>((resolve) => {
    const listener = (...args: unknown[]): void => {
      if (!accept(...(args as TArgs))) return;
      client.off(event, listener);
      resolve(args as TArgs);
    };
    client.on(event, listener);
  });
}

/** Resolves once the client has handled every event the fake dispatched before this call. */
async function handled(discord: FakeDiscord, client: Client): Promise<void> {
  const marker = Math.random();
  const seen = next<[{ t?: string; d?: { marker?: number } }]>(
    client,
    Events.Raw,
    (packet) => packet.t === 'TEST_MARKER' && packet.d?.marker === marker,
  );
  discord.dispatch('TEST_MARKER', { marker });
  await seen;
}

describe('logging in', () => {
  it('serves the gateway URL over REST, takes IDENTIFY, and makes the client ready with its guild cached', async () => {
    const { discord, client } = await start();
    expect(discord.requests[0]).toMatchObject({
      method: 'GET',
      path: '/gateway/bot',
      authorized: true,
      status: 200,
    });
    expect(discord.gatewayUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(discord.identifies).toEqual([{ intents: 37377, shard: [0, 1], compress: false }]);
    expect(client.user.id).toBe(discord.bot.id);
    expect(client.application.id).toBe(discord.applicationId);
    const guild = client.guilds.cache.get(discord.guild.id);
    expect(guild?.name).toBe(discord.guild.name);
    expect(client.channels.cache.get(discord.textChannel.id)?.type).toBe(ChannelType.GuildText);
    expect(client.channels.cache.get(discord.thread.id)?.type).toBe(ChannelType.PublicThread);
  });

  it('acknowledges heartbeats', async () => {
    const discord = await createFakeDiscord({ heartbeatIntervalMs: 50 });
    cleanups.push(() => discord.close());
    const client = new Client({ intents: EVERYTHING, rest: { api: discord.api } });
    cleanups.push(() => client.destroy());
    const acknowledged = next<[string]>(client, Events.Debug, (message) =>
      message.includes('Heartbeat acknowledged'),
    );
    await client.login(discord.token);
    await acknowledged;
    expect(discord.heartbeats).toBeGreaterThan(0);
  });

  it('refuses a wrong token', async () => {
    const discord = await createFakeDiscord();
    cleanups.push(() => discord.close());
    const client = new Client({ intents: EVERYTHING, rest: { api: discord.api } });
    cleanups.push(() => client.destroy());
    await expect(client.login('not-the-token')).rejects.toThrow(/token/i);
    expect(discord.requests[0]).toMatchObject({ path: '/gateway/bot', authorized: false, status: 401 });
  });
});

describe('messages', () => {
  it('dispatches a user message, answers a reply with a recent snowflake, and echoes it on the gateway', async () => {
    const { discord, client } = await start();
    const received = next<[Message]>(client, Events.MessageCreate);
    const sent = discord.userSends('hello');
    const [message] = await received;
    expect(message).toMatchObject({
      id: sent.id,
      content: 'hello',
      channelId: discord.textChannel.id,
      guildId: discord.guild.id,
    });
    expect(message.author.id).toBe(discord.user.id);
    expect(message.member?.id).toBe(discord.user.id);

    const echoed = next<[Message]>(client, Events.MessageCreate, (own) => own.author.id === client.user.id);
    const reply = await message.reply('hi back');
    const [echo] = await echoed;
    expect(echo.id).toBe(reply.id);
    expect(reply.reference?.messageId).toBe(sent.id);
    expect(Math.abs(snowflakeTime(reply.id) - Date.now())).toBeLessThan(60_000);
    expect(discord.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/channels/${discord.textChannel.id}/messages`,
      json: expect.objectContaining({
        content: 'hi back',
        message_reference: expect.objectContaining({ message_id: sent.id }),
      }),
      status: 200,
    });
  });

  it('edits, deletes and bulk-deletes, dispatching the matching gateway events', async () => {
    const { discord, client } = await start();
    const channel = client.channels.cache.get(discord.textChannel.id) as TextChannel;
    const first = await channel.send('first');
    const updated = next<[Message, Message]>(client, Events.MessageUpdate);
    await first.edit('first, edited');
    const [, after] = await updated;
    expect(after.content).toBe('first, edited');
    expect(after.editedTimestamp).not.toBeNull();

    const deleted = next<[Message]>(client, Events.MessageDelete);
    await first.delete();
    expect((await deleted)[0].id).toBe(first.id);

    const a = await channel.send('a');
    const b = await channel.send('b');
    const bulk = next<[Map<string, Message>]>(client, Events.MessageBulkDelete);
    await channel.bulkDelete([a, b]);
    expect([...(await bulk)[0].keys()].sort()).toEqual([a.id, b.id].sort());
    expect(discord.messages(discord.textChannel.id)).toEqual([]);
    await channel.sendTyping();
    expect(discord.requests.at(-1)).toMatchObject({
      path: `/channels/${discord.textChannel.id}/typing`,
      status: 204,
    });
  });

  it('lets a user edit and delete, and a moderator bulk-delete', async () => {
    const { discord, client } = await start();
    const created = next<[Message]>(client, Events.MessageCreate);
    const sent = discord.userSends('teh');
    await created;
    const updated = next<[Message, Message]>(client, Events.MessageUpdate);
    discord.userEdits(sent.id, 'the');
    expect((await updated)[1].content).toBe('the');
    const deleted = next<[Message]>(client, Events.MessageDelete);
    discord.deleteMessage(sent.id);
    expect((await deleted)[0].id).toBe(sent.id);
    const other = discord.userSends('x', { author: discord.otherUser });
    const another = discord.userSends('y');
    const bulk = next<[Map<string, Message>]>(client, Events.MessageBulkDelete);
    discord.bulkDelete(discord.textChannel.id, [other.id, another.id]);
    expect((await bulk)[0].size).toBe(2);
  });

  it('stores uploads and serves them at the attachment URL', async () => {
    const { discord, client } = await start();
    const channel = client.channels.cache.get(discord.textChannel.id) as TextChannel;
    const sent = await channel.send({ files: [{ attachment: Buffer.from('file body'), name: 'notes.txt' }] });
    const attachment = sent.attachments.first();
    expect(attachment?.name).toBe('notes.txt');
    expect(discord.requests.at(-1)?.files).toEqual([
      expect.objectContaining({ filename: 'notes.txt', size: 9 }),
    ]);
    const download = await fetch(attachment?.url ?? '');
    expect(await download.text()).toBe('file body');
  });

  it('sends the echo after the HTTP answer when told to', async () => {
    const { discord, client } = await start({}, { echo: 'after-response' });
    const channel = client.channels.cache.get(discord.textChannel.id) as TextChannel;
    const echoed = next<[Message]>(client, Events.MessageCreate);
    const sent = await channel.send('later echo');
    expect((await echoed)[0].id).toBe(sent.id);
  });
});

describe('intents and partials', () => {
  it('delivers DMs only with the DirectMessages intent, and discord.js only emits them with Partials.Channel', async () => {
    const withPartial = await start();
    const dm = next<[Message]>(withPartial.client, Events.MessageCreate);
    withPartial.discord.userSendsDm('psst');
    const [message] = await dm;
    expect(message.channel.type).toBe(ChannelType.DM);
    expect(message.guildId).toBeNull();

    const without = await start({ partials: [] });
    const seen: string[] = [];
    without.client.on(Events.MessageCreate, (received) => seen.push(received.content));
    without.discord.userSendsDm('psst');
    await handled(without.discord, without.client);
    expect(seen).toEqual([]);

    const noIntent = await start({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
    const raw: string[] = [];
    noIntent.client.on(Events.Raw, (packet: { t: string }) => raw.push(packet.t));
    noIntent.discord.userSendsDm('psst');
    await handled(noIntent.discord, noIntent.client);
    expect(raw).toEqual(['TEST_MARKER']);
  });

  it('hides message content without the MessageContent intent, unless the bot is mentioned', async () => {
    const { discord, client } = await start({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    });
    const contents: string[] = [];
    client.on(Events.MessageCreate, (message) => contents.push(message.content));
    discord.userSends('private');
    discord.userSends(`<@${discord.bot.id}> public`);
    await handled(discord, client);
    expect(contents).toEqual(['', `<@${discord.bot.id}> public`]);
  });

  it('deletes a message the client never cached', async () => {
    const { discord, client } = await start({ partials: [Partials.Channel, Partials.Message] });
    const old = discord.seedMessage('old');
    const deleted = next<[Message]>(client, Events.MessageDelete);
    discord.deleteMessage(old.id);
    const [message] = await deleted;
    expect(message.partial).toBe(true);
    expect(message.id).toBe(old.id);
  });
});

describe('interactions', () => {
  it('dispatches a slash command and takes a reply, a follow-up, edits and the delete of the reply', async () => {
    const { discord, client } = await start();
    const created = next<[Interaction]>(client, Events.InteractionCreate);
    const record = discord.slashCommand({
      name: 'ask',
      subcommand: 'now',
      options: { question: 'why', count: 2 },
    });
    const [interaction] = await created;
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    expect(interaction.commandName).toBe('ask');
    expect(interaction.options.getSubcommand()).toBe('now');
    expect(interaction.options.getString('question')).toBe('why');
    expect(interaction.options.getInteger('count')).toBe(2);
    expect(interaction.user.id).toBe(discord.user.id);

    const response = await interaction.reply({ content: 'because', withResponse: true });
    expect(response.resource?.message?.content).toBe('because');
    expect(discord.interaction(record.id)?.originalId).toBe(response.resource?.message?.id);
    const followUp = await interaction.followUp('and also');
    expect(followUp.interactionMetadata?.originalResponseMessageId).toBe(response.resource?.message?.id);
    const edited = await interaction.editReply('because, edited');
    expect(edited.id).toBe(response.resource?.message?.id);
    await interaction.deleteReply();
    expect(discord.message(edited.id)).toBeUndefined();
    await expect(interaction.reply('twice')).rejects.toThrow();
  });

  it('creates a loading message for a deferred reply and fills it on the first edit', async () => {
    const { discord, client } = await start();
    const created = next<[Interaction]>(client, Events.InteractionCreate);
    const record = discord.slashCommand({ name: 'slow', channelId: discord.dmChannel().id });
    const [interaction] = await created;
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.deferReply();
    const loading = discord.message(discord.interaction(record.id)?.originalId ?? '');
    expect(loading?.flags).toBe(1 << 7);
    const edited = await interaction.editReply('done');
    expect(edited.content).toBe('done');
    expect(discord.message(edited.id)?.flags).toBe(0);
  });

  it('lets the first follow-up after a deferred reply fill the reply in, as Discord does', async () => {
    const { discord, client } = await start();
    const created = next<[Interaction]>(client, Events.InteractionCreate);
    const record = discord.slashCommand({ name: 'legacy' });
    const [interaction] = await created;
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.deferReply();
    const filled = await interaction.followUp('filled in');
    expect(filled.id).toBe(discord.interaction(record.id)?.originalId);
    const second = await interaction.followUp('a real follow-up');
    expect(second.id).not.toBe(filled.id);
  });

  it('dispatches an autocomplete request with its focused option', async () => {
    const { discord, client } = await start();
    const created = next<[Interaction]>(client, Events.InteractionCreate);
    discord.autocomplete({ name: 'size', options: { size: 'X' }, focused: 'size' });
    const [interaction] = await created;
    if (!interaction.isAutocomplete()) throw new Error('expected an autocomplete request');
    expect(interaction.options.getFocused(true)).toMatchObject({ name: 'size', value: 'X' });
  });

  it('dispatches button presses and select menus, and updates the message they are on', async () => {
    const { discord, client } = await start();
    const channel = client.channels.cache.get(discord.textChannel.id) as TextChannel;
    const question = await channel.send('Pick one');
    const pressed = next<[Interaction]>(client, Events.InteractionCreate);
    discord.pressButton({ messageId: question.id, customId: 'yes' });
    const [button] = await pressed;
    if (!button.isButton()) throw new Error('expected a button');
    expect(button.customId).toBe('yes');
    expect(button.message.id).toBe(question.id);
    await button.update({ content: 'Picked' });
    expect(discord.message(question.id)?.content).toBe('Picked');

    const picked = next<[Interaction]>(client, Events.InteractionCreate);
    discord.selectMenu({ messageId: question.id, customId: 'sizes', values: ['s', 'm'] });
    const [menu] = await picked;
    if (!menu.isStringSelectMenu()) throw new Error('expected a select menu');
    expect(menu.values).toEqual(['s', 'm']);
  });
});

describe('components and embeds', () => {
  const row = (count: number, prefix = 'b') => ({
    type: 1,
    components: Array.from({ length: count }, (_, index) => ({
      type: 2,
      style: 2,
      label: `${prefix}${index}`,
      custom_id: `${prefix}${index}`,
    })),
  });

  it('stores the components and embed a bot sends, and presses a shown button by its label', async () => {
    const { discord, client } = await start();
    const channel = client.channels.cache.get(discord.textChannel.id) as TextChannel;
    const sent = await channel.send({
      embeds: [{ title: 'Order #42', description: '2 items', image: { url: 'https://shop.example/42.png' } }],
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 5, label: 'Track', url: 'https://shop.example/track/42' },
            { type: 2, style: 1, label: 'Cancel order', custom_id: 'cancel 42' },
          ],
        },
      ],
    });
    expect(discord.message(sent.id)?.embeds).toEqual([
      {
        type: 'rich',
        title: 'Order #42',
        description: '2 items',
        image: { url: 'https://shop.example/42.png' },
      },
    ]);
    expect(discord.buttons(sent.id)).toEqual([
      [
        { type: 2, style: 5, label: 'Track', url: 'https://shop.example/track/42' },
        { type: 2, style: 1, label: 'Cancel order', custom_id: 'cancel 42' },
      ],
    ]);
    const pressed = next<[Interaction]>(client, Events.InteractionCreate);
    discord.pressButton({ messageId: sent.id, label: 'Cancel order' });
    const [press] = await pressed;
    expect(press.isButton() && press.customId).toBe('cancel 42');
    expect(() => discord.pressButton({ messageId: sent.id, label: 'Track' })).toThrow(/is a link/);
    expect(() => discord.pressButton({ messageId: sent.id, label: 'Nope' })).toThrow(/no button labelled/);
  });

  it('refuses what Discord refuses: 6 buttons in a row, 6 rows, long content, labels and custom ids, duplicates', async () => {
    const { discord, client } = await start();
    const channel = client.channels.cache.get(discord.textChannel.id) as TextChannel;
    const refusal = (body: Parameters<TextChannel['send']>[0]) =>
      channel.send(body).then(
        () => undefined,
        (error: unknown) => error as DiscordAPIError,
      );
    const sixInARow = await refusal({ components: [row(6)] });
    expect(sixInARow).toMatchObject({ status: 400, code: 50035 });
    expect(sixInARow?.message).toContain('components[0].components[BASE_TYPE_MAX_LENGTH]');
    const sixRows = await refusal({ components: [1, 2, 3, 4, 5, 6].map((index) => row(1, `r${index}`)) });
    expect(sixRows?.message).toContain('components[BASE_TYPE_MAX_LENGTH]');
    expect((await refusal({ content: 'x'.repeat(2001) }))?.message).toContain(
      'content[BASE_TYPE_MAX_LENGTH]',
    );
    const duplicate = await refusal({ content: 'dup', components: [row(2, 'same'), row(1, 'same')] });
    expect(duplicate?.message).toContain('COMPONENT_CUSTOM_ID_DUPLICATED');
    const longId = await refusal({
      components: [{ type: 1, components: [{ type: 2, style: 1, label: 'x', custom_id: 'i'.repeat(101) }] }],
    });
    expect(longId?.message).toContain('custom_id[BASE_TYPE_MAX_LENGTH]');
    const longTitle = await refusal({ embeds: [{ title: 't'.repeat(257) }] });
    expect(longTitle?.message).toContain('embeds[0].title[BASE_TYPE_MAX_LENGTH]');
    expect(discord.messages(discord.textChannel.id)).toEqual([]);

    const fits = await channel.send({
      content: 'x'.repeat(2000),
      components: [1, 2, 3, 4, 5].map((index) => row(5, `r${index}-`)),
    });
    expect(discord.buttons(fits.id).flat()).toHaveLength(25);
    const onlyButtons = await channel.send({ components: [row(1)] });
    expect(discord.message(onlyButtons.id)?.content).toBe('');
  });

  it('sends a reply without its reference when the replied message is gone and fail_if_not_exists is false', async () => {
    const { discord, client } = await start();
    const gone = discord.userSends('soon deleted');
    const channel = client.channels.cache.get(discord.textChannel.id) as TextChannel;
    const message = await channel.messages.fetch(gone.id);
    discord.deleteMessage(gone.id);
    await expect(message.reply({ content: 'strict' })).rejects.toMatchObject({ status: 400, code: 50035 });
    const lenient = await message.reply({ content: 'lenient', failIfNotExists: false });
    expect(discord.message(lenient.id)?.message_reference).toBeUndefined();
  });
});

describe('threads', () => {
  it('creates a forum post whose starter message has the thread’s id', async () => {
    const { discord, client } = await start();
    const forum = client.channels.cache.get(discord.forum.id);
    if (forum?.type !== ChannelType.GuildForum) throw new Error('expected the forum channel');
    const post = await forum.threads.create({ name: 'Idea', message: { content: 'Dark mode' } });
    expect(post.parentId).toBe(discord.forum.id);
    expect(discord.message(post.id)?.content).toBe('Dark mode');
    const thread = await (client.channels.cache.get(discord.textChannel.id) as TextChannel).threads.create({
      name: 'Chat',
    });
    expect(thread.type).toBe(ChannelType.PublicThread);
    expect(discord.messages(thread.id)).toEqual([]);
  });
});

describe('webhooks', () => {
  it('creates a channel webhook and sends, edits and deletes its messages', async () => {
    const { discord, client } = await start();
    const channel = client.channels.cache.get(discord.textChannel.id) as TextChannel;
    const webhook = await channel.createWebhook({ name: 'relay' });
    const sent = await webhook.send('from the relay');
    expect(sent.webhookId).toBe(webhook.id);
    expect(sent.author.username).toBe('relay');
    const edited = await webhook.editMessage(sent, { content: 'from the relay, edited' });
    expect(edited.content).toBe('from the relay, edited');
    await webhook.deleteMessage(sent);
    expect(discord.message(sent.id)).toBeUndefined();
    const inThread = await webhook.send({ content: 'in the thread', threadId: discord.thread.id });
    expect(inThread.channelId).toBe(discord.thread.id);
  });
});

describe('scripted failures', () => {
  it('answers a scripted 403 with Discord’s error body', async () => {
    const { discord, client } = await start();
    const channel = client.channels.cache.get(discord.textChannel.id) as TextChannel;
    discord.fail({ method: 'POST', path: /\/messages$/ });
    const failure = await channel.send('no').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DiscordAPIError);
    expect(failure).toMatchObject({ status: 403, code: 50013, message: 'Missing Permissions' });
    await expect(channel.send('yes')).resolves.toMatchObject({ content: 'yes' });
  });

  it('answers a scripted 429 with rate-limit headers that discord.js waits out', async () => {
    const { discord, client } = await start();
    const channel = client.channels.cache.get(discord.textChannel.id) as TextChannel;
    const limited = new Promise<{ retryAfter: number; global: boolean }>((resolve) =>
      client.rest.once(RESTEvents.RateLimited, resolve),
    );
    discord.rateLimit({
      method: 'POST',
      path: `/channels/${discord.textChannel.id}/messages`,
      retryAfterSeconds: 0.05,
    });
    const sent = await channel.send('eventually');
    expect(sent.content).toBe('eventually');
    expect(await limited).toMatchObject({ global: false, retryAfter: expect.any(Number) });
    const posts = discord.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.status)).toEqual([429, 200]);
  });

  it('answers unknown routes and unknown messages like Discord', async () => {
    const { discord, client } = await start();
    await expect(client.rest.get('/nowhere')).rejects.toMatchObject({ status: 404 });
    await expect(client.rest.delete(`/channels/${discord.textChannel.id}/messages/1`)).rejects.toMatchObject({
      status: 404,
      code: 10008,
    });
  });
});
