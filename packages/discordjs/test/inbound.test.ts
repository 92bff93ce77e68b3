import { GatewayIntentBits, Partials } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { type Bot, FULL_INTENTS, startBotsClosedAfterEach, summary } from './harness';

const bot = startBotsClosedAfterEach();

function warnings(target: Bot): string[] {
  return target.errors
    .filter((report) => report.source === 'discordjs' && report.severity === 'warning')
    .map((report) => report.code);
}

describe('messages in a server', () => {
  it('reports a user message in and the reply out, with the reply id from Discord and the user on both', async () => {
    const target = await bot();
    target.onMessage((message) => message.reply(`echo: ${message.content}`));
    const inbound = target.discord.userSends('hello');
    await target.handled(1);
    await target.settle();

    const events = target.events();
    expect(events.map(summary)).toEqual(['message.received hello', 'message.sent echo: hello']);
    const [received, sent] = events;
    const reply = target.discord
      .messages(target.discord.textChannel.id)
      .find((message) => message.content === 'echo: hello');
    expect(received?.data).toEqual({
      platform: 'discord',
      direction: 'inbound',
      bot: { id: target.discord.bot.id, name: 'bothooks-test', username: 'bothooks-test' },
      conversation: {
        id: target.discord.textChannel.id,
        type: 'guild_text',
        name: 'general',
        isGroup: true,
        guildId: target.discord.guild.id,
      },
      user: { id: target.discord.user.id, name: 'Ada Lovelace', username: 'ada' },
      message: { id: inbound.id, text: 'hello', attachments: [] },
    });
    expect(received?.timestamp).toBe(inbound.timestamp);
    expect(sent?.data).toMatchObject({
      direction: 'outbound',
      conversation: { id: target.discord.textChannel.id, type: 'guild_text' },
      user: { id: target.discord.user.id },
      message: { id: reply?.id, text: 'echo: hello', replyToId: inbound.id },
    });
    expect(target.receiver.requests.every((request) => request.verified)).toBe(true);
    expect(target.errors).toEqual([]);
  });

  it('describes attachments and embeds without their content', async () => {
    const target = await bot();
    target.onMessage(() => undefined);
    const inbound = target.discord.userSends('look', {
      attachments: [
        { filename: 'cat.png', contentType: 'image/png', bytes: Buffer.from('not really a png') },
      ],
      embeds: [{ title: 'A link', url: 'https://example.com/a', description: 'x'.repeat(500) }],
    });
    await target.handled(1);
    await target.settle();
    const [received] = target.events();
    const file = inbound.attachments[0];
    expect(received?.data.message.attachments).toEqual([
      {
        type: 'photo',
        contentType: 'image/png',
        url: file?.url,
        name: 'cat.png',
        fileId: file?.id,
        size: 16,
      },
      { type: 'embed', title: 'A link', url: 'https://example.com/a', summary: `${'x'.repeat(199)}…` },
    ]);
  });

  it('reports a message in a thread as a conversation of its own', async () => {
    const target = await bot();
    target.onMessage((message) => message.reply('in the thread'));
    target.discord.userSends('help', { channelId: target.discord.thread.id });
    await target.handled(1);
    await target.settle();
    const events = target.events();
    expect(events.map((event) => event.data.conversation)).toEqual([
      {
        id: target.discord.thread.id,
        type: 'thread',
        name: 'support thread',
        isGroup: true,
        guildId: target.discord.guild.id,
        threadId: target.discord.thread.id,
      },
      expect.objectContaining({ id: target.discord.thread.id, type: 'thread' }),
    ]);
  });

  it('reports messages without text, and warns, when the MessageContent intent is missing', async () => {
    const target = await bot({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    });
    target.onMessage(() => undefined);
    const inbound = target.discord.userSends('secret plans');
    await target.handled(1);
    await target.settle();
    expect(warnings(target)).toEqual(['MESSAGE_CONTENT_INVISIBLE']);
    const [received] = target.events();
    expect(received?.data.message).toEqual({ id: inbound.id, attachments: [] });
  });
});

describe('direct messages', () => {
  it('reports a DM and the reply when the client has Partials.Channel', async () => {
    const target = await bot();
    target.onMessage((message) => message.reply('hi in private'));
    const inbound = target.discord.userSendsDm('psst');
    await target.handled(1);
    await target.settle();
    const dm = target.discord.dmChannel();
    const events = target.events();
    expect(events.map(summary)).toEqual(['message.received psst', 'message.sent hi in private']);
    expect(events[0]?.data).toMatchObject({
      conversation: { id: dm.id, type: 'dm', isGroup: false },
      user: { id: target.discord.user.id },
      message: { id: inbound.id },
    });
    expect(events[0]?.data.conversation.guildId).toBeUndefined();
    expect(events[1]?.data).toMatchObject({
      conversation: { id: dm.id, type: 'dm' },
      user: { id: target.discord.user.id },
    });
    expect(warnings(target)).toEqual([]);
  });

  it('warns at attach when Partials.Channel is missing, and DMs are invisible to the bot and the webhooks', async () => {
    const target = await bot({ partials: [] });
    const seen: string[] = [];
    target.onMessage((message) => seen.push(message.content));
    expect(warnings(target)).toEqual(['DIRECT_MESSAGES_INVISIBLE']);
    expect(target.errors[0]?.message).toContain('Partials.Channel');
    target.discord.userSendsDm('anyone there?');
    target.discord.userSends('in the server');
    await target.handled(1);
    await target.settle();
    expect(seen).toEqual(['in the server']);
    expect(target.events().map(summary)).toEqual(['message.received in the server']);
  });

  it('warns when the DirectMessages intent is missing', async () => {
    const target = await bot({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    });
    expect(warnings(target)).toEqual(['DIRECT_MESSAGES_INVISIBLE']);
    expect(target.errors[0]?.message).toContain('DirectMessages intent');
  });

  it('does not warn when told not to', async () => {
    const target = await bot({
      partials: [],
      intents: [GatewayIntentBits.Guilds],
      attach: { warnings: false },
    });
    expect(target.errors).toEqual([]);
  });
});

describe('edits and deletes by users', () => {
  it('reports an edit with the new text, and ignores updates that are not edits', async () => {
    const target = await bot();
    target.onMessage(() => undefined);
    const inbound = target.discord.userSends('teh typo');
    await target.handled(1);
    await target.settle();
    const edited = target.discord.userEdits(inbound.id, 'the typo');
    // Discord sends MESSAGE_UPDATE when it adds a link preview too: no new edit time, so no edit.
    target.discord.dispatch('MESSAGE_UPDATE', {
      ...edited,
      guild_id: target.discord.guild.id,
      embeds: [{ type: 'link', url: 'https://example.com' }],
    });
    await target.settle();
    const events = target.events();
    expect(events.map(summary)).toEqual(['message.received teh typo', 'message.edited the typo']);
    expect(events[1]?.data).toMatchObject({
      direction: 'inbound',
      user: { id: target.discord.user.id, name: 'Ada Lovelace' },
      conversation: {
        id: target.discord.textChannel.id,
        type: 'guild_text',
        guildId: target.discord.guild.id,
      },
      message: { id: inbound.id, text: 'the typo' },
    });
    expect(events[1]?.timestamp).toBe(edited.edited_timestamp);
  });

  it('reports a delete of a cached message with its author', async () => {
    const target = await bot();
    target.onMessage(() => undefined);
    const inbound = target.discord.userSends('oops');
    await target.handled(1);
    target.discord.deleteMessage(inbound.id);
    await target.settle();
    const deleted = target.events().find((event) => event.type === 'message.deleted');
    expect(deleted?.data).toEqual({
      platform: 'discord',
      direction: 'inbound',
      bot: expect.objectContaining({ id: target.discord.bot.id }),
      conversation: expect.objectContaining({ id: target.discord.textChannel.id, type: 'guild_text' }),
      user: { id: target.discord.user.id, name: 'Ada Lovelace', username: 'ada' },
      message: { id: inbound.id, attachments: [] },
    });
  });

  it('reports a delete of a message discord.js never cached, with its ids, even without Partials.Message', async () => {
    const target = await bot({ partials: [Partials.Channel] });
    const old = target.discord.seedMessage('from before the bot started');
    const deletes: string[] = [];
    target.client.on('messageDelete', (message) => deletes.push(message.id));
    target.discord.deleteMessage(old.id);
    await target.settle();
    // discord.js itself emits nothing without Partials.Message; the webhook still hears of it.
    expect(deletes).toEqual([]);
    expect(
      target.events().map((event) => [event.type, event.data.message.id, event.data.conversation.id]),
    ).toEqual([['message.deleted', old.id, target.discord.textChannel.id]]);
  });

  it('reports an uncached delete once when Partials.Message makes discord.js emit it too', async () => {
    const target = await bot({ partials: [Partials.Channel, Partials.Message] });
    const old = target.discord.seedMessage('old');
    const deletes: boolean[] = [];
    target.client.on('messageDelete', (message) => deletes.push(message.partial));
    target.discord.deleteMessage(old.id);
    await target.settle();
    expect(deletes).toEqual([true]);
    expect(target.events().map((event) => event.data.message)).toEqual([{ id: old.id, attachments: [] }]);
  });

  it('reports a moderator bulk delete as one event with every id', async () => {
    const target = await bot();
    target.onMessage(() => undefined);
    const first = target.discord.userSends('spam 1');
    const second = target.discord.userSends('spam 2', { author: target.discord.otherUser });
    const uncached = target.discord.seedMessage('spam 0');
    await target.handled(2);
    target.discord.bulkDelete(target.discord.textChannel.id, [uncached.id, first.id, second.id]);
    await target.settle();
    const deleted = target.events().filter((event) => event.type === 'message.deleted');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]?.data).toMatchObject({
      direction: 'inbound',
      conversation: { id: target.discord.textChannel.id },
      message: { ids: [uncached.id, first.id, second.id], attachments: [] },
    });
    expect(deleted[0]?.data.message.id).toBeUndefined();
  });
});

describe('intents', () => {
  it('is silent when the client can see everything', async () => {
    const target = await bot({ intents: FULL_INTENTS, partials: [Partials.Channel] });
    expect(target.errors).toEqual([]);
  });
});
