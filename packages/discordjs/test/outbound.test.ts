import { ChannelType, DiscordAPIError, type Message, RESTEvents, type TextChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { type Bot, startBotsClosedAfterEach, summary } from './harness';

const bot = startBotsClosedAfterEach();

async function textChannel(target: Bot): Promise<TextChannel> {
  return (await target.client.channels.fetch(target.discord.textChannel.id)) as TextChannel;
}

describe('what the bot sends', () => {
  it('reports send, edit and delete of one message with the id Discord gave it', async () => {
    const target = await bot();
    target.onMessage(async (message) => {
      const reply = await message.reply('first draft');
      await reply.edit('final');
      await reply.delete();
    });
    target.discord.userSends('go');
    await target.handled(1);
    await target.settle();
    const events = target.events();
    expect(events.map(summary)).toEqual([
      'message.received go',
      'message.sent first draft',
      'message.edited final',
      'message.deleted',
    ]);
    const id = events[1]?.data.message.id;
    expect(id).toMatch(/^\d+$/);
    expect(events.slice(1).map((event) => [event.data.direction, event.data.message.id])).toEqual([
      ['outbound', id],
      ['outbound', id],
      ['outbound', id],
    ]);
    expect(events.slice(1).every((event) => event.data.user?.id === target.discord.user.id)).toBe(true);
  });

  it('reports messages sent outside any turn, with the DM recipient as the user', async () => {
    const target = await bot();
    const channel = await textChannel(target);
    const announcement = await channel.send('maintenance at noon');
    const user = await target.client.users.fetch(target.discord.user.id);
    const direct = await user.send('your order shipped');
    await target.settle();
    const events = target.events();
    expect(events.map(summary)).toEqual([
      'message.sent maintenance at noon',
      'message.sent your order shipped',
    ]);
    expect(events[0]?.data.message.id).toBe(announcement.id);
    expect(events[0]?.data.user).toBeUndefined();
    expect(events[1]?.data).toMatchObject({
      conversation: { id: target.discord.dmChannel().id, type: 'dm' },
      user: { id: target.discord.user.id, name: 'Ada Lovelace' },
      message: { id: direct.id },
    });
  });

  it('describes uploaded files from Discord’s answer, never reading their bytes', async () => {
    const target = await bot();
    const channel = await textChannel(target);
    const sent = await channel.send({
      content: 'the report',
      files: [
        { attachment: Buffer.from('%PDF-1.7 fake'), name: 'report.pdf', contentType: 'application/pdf' },
      ],
    });
    await target.settle();
    const [event] = target.events();
    const file = sent.attachments.first();
    expect(event?.data.message.attachments).toEqual([
      {
        type: 'file',
        contentType: 'application/pdf',
        url: file?.url,
        name: 'report.pdf',
        fileId: file?.id,
        size: 13,
      },
    ]);
  });

  it('reports a bot deleting a user’s message once, not again when the gateway echoes the delete', async () => {
    const target = await bot();
    target.onMessage((message) => (message.content.includes('spam') ? message.delete() : undefined));
    const spam = target.discord.userSends('buy spam now');
    await target.handled(1);
    await target.settle();
    expect(target.events().map((event) => [event.type, event.data.direction, event.data.message.id])).toEqual(
      [
        ['message.received', 'inbound', spam.id],
        ['message.deleted', 'outbound', spam.id],
      ],
    );
  });

  it('reports a bulk delete by the bot once, with every id', async () => {
    const target = await bot();
    const channel = await textChannel(target);
    const first = await channel.send('one');
    const second = await channel.send('two');
    await channel.bulkDelete([first.id, second.id]);
    await target.settle();
    const deleted = target.events().filter((event) => event.type === 'message.deleted');
    expect(deleted.map((event) => [event.data.direction, event.data.message.ids])).toEqual([
      ['outbound', [first.id, second.id]],
    ]);
  });

  it('reports a forum post with its new thread as the conversation', async () => {
    const target = await bot();
    const forum = await target.client.channels.fetch(target.discord.forum.id);
    if (forum?.type !== ChannelType.GuildForum) throw new Error('the fake must have a forum channel');
    const post = await forum.threads.create({
      name: 'Dark mode',
      message: { content: 'Please add dark mode' },
    });
    await target.settle();
    expect(target.events().map((event) => [event.type, event.data.conversation, event.data.message])).toEqual(
      [
        [
          'message.sent',
          {
            id: post.id,
            type: 'thread',
            name: 'Dark mode',
            isGroup: true,
            guildId: target.discord.guild.id,
            threadId: post.id,
          },
          { id: post.id, text: 'Please add dark mode', attachments: [] },
        ],
      ],
    );
  });

  it('does not report an edit that only changes flags, such as suppressing embeds', async () => {
    const target = await bot();
    target.onMessage((message) => message.suppressEmbeds());
    target.discord.userSends('see https://example.com');
    await target.handled(1);
    await target.settle();
    expect(target.discord.requests.some((request) => request.method === 'PATCH')).toBe(true);
    expect(target.events().map((event) => event.type)).toEqual(['message.received']);
  });

  it('reports a channel webhook’s messages sent through the client, once despite the echo', async () => {
    const target = await bot();
    const channel = await textChannel(target);
    const webhook = await channel.createWebhook({ name: 'relay' });
    const relayed = await webhook.send('relayed from elsewhere');
    const edited = await webhook.editMessage(relayed, { content: 'relayed, corrected' });
    await webhook.deleteMessage(edited);
    await target.settle();
    expect(
      target
        .events()
        .map((event) => [event.type, event.data.direction, event.data.message.id, event.data.message.text]),
    ).toEqual([
      ['message.sent', 'outbound', relayed.id, 'relayed from elsewhere'],
      ['message.edited', 'outbound', relayed.id, 'relayed, corrected'],
      ['message.deleted', 'outbound', relayed.id, undefined],
    ]);
  });
});

describe('the gateway echo', () => {
  for (const echo of ['before-response', 'after-response'] as const) {
    it(`reports each message once when the echo arrives ${echo.replace('-', ' ')}`, async () => {
      const target = await bot({ echo });
      const echoes = [target.nextOwnMessage(), target.nextOwnMessage()];
      target.onMessage(async (message) => {
        const reply = await message.reply('one');
        await reply.edit('one, edited');
      });
      target.discord.userSends('hello');
      await target.handled(1);
      await Promise.all(echoes);
      await target.settle();
      expect(target.events().map(summary)).toEqual([
        'message.received hello',
        'message.sent one',
        'message.edited one, edited',
      ]);
    });
  }

  it('ignores the bot’s messages sent by another process unless reportGatewayOnlySends is on', async () => {
    const target = await bot();
    const echo = target.nextOwnMessage();
    target.discord.botSendsElsewhere('from the worker');
    await echo;
    await target.settle();
    expect(target.events()).toEqual([]);
  });

  it('reports the bot’s messages sent or edited by another process with reportGatewayOnlySends, and its own still once', async () => {
    const target = await bot({ attach: { reportGatewayOnlySends: true } });
    target.onMessage((message) => message.reply('from this process'));
    target.discord.userSends('hi');
    await target.handled(1);
    const elsewhere = target.discord.botSendsElsewhere('from the worker', {
      replyTo: target.discord.messages(target.discord.textChannel.id)[0]?.id,
    });
    await target.settle();
    target.discord.botEditsElsewhere(elsewhere.id, 'from the worker, edited');
    await target.settle();
    const events = target.events();
    expect(events.map(summary)).toEqual([
      'message.received hi',
      'message.sent from this process',
      'message.sent from the worker',
      'message.edited from the worker, edited',
    ]);
    expect(events[2]?.data).toMatchObject({
      direction: 'outbound',
      user: { id: target.discord.user.id },
      message: { id: elsewhere.id },
    });
    expect(events[3]?.data.message.id).toBe(elsewhere.id);
  });
});

describe('REST failures', () => {
  it('passes a 403 through unchanged and reports nothing sent', async () => {
    const target = await bot();
    target.discord.fail({
      method: 'POST',
      path: `/channels/${target.discord.textChannel.id}/messages`,
      status: 403,
      code: 50013,
    });
    const channel = await textChannel(target);
    const failure = await channel.send('not allowed').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DiscordAPIError);
    expect(failure).toMatchObject({ status: 403, code: 50013, message: 'Missing Permissions' });
    await target.settle();
    expect(target.events()).toEqual([]);
  });

  it('reports the refusal as message.failed when asked to', async () => {
    const target = await bot({ attach: { events: ['message.sent', 'message.failed'] } });
    target.discord.fail({
      method: 'POST',
      path: /\/messages$/,
      status: 403,
      code: 50001,
      message: 'Missing Access',
    });
    const channel = await textChannel(target);
    await expect(channel.send('not allowed')).rejects.toThrow('Missing Access');
    await target.settle();
    const [failed] = target.events();
    expect(failed?.type).toBe('message.failed');
    expect(failed?.data).toMatchObject({
      direction: 'outbound',
      conversation: { id: target.discord.textChannel.id },
      message: { text: 'not allowed', attachments: [] },
      error: {
        operation: 'send',
        code: 'FORBIDDEN',
        message: 'Missing Access',
        status: 403,
        platformCode: '50001',
      },
    });
  });

  it('names the operation Discord refused', async () => {
    const target = await bot({ attach: { events: ['message.failed'] } });
    const channel = await textChannel(target);
    const sent = await channel.send('keep me');
    target.discord.fail({
      method: 'PATCH',
      path: /\/messages\/\d+$/,
      code: 50005,
      message: 'Cannot edit a message authored by another user',
    });
    target.discord.fail({ method: 'DELETE', path: /\/messages\/\d+$/, code: 50013 });
    await expect(sent.edit('changed')).rejects.toThrow(DiscordAPIError);
    await expect(sent.delete()).rejects.toThrow(DiscordAPIError);
    await target.settle();
    expect(
      target
        .events()
        .map((event) => [
          event.data.error?.operation,
          event.data.error?.code,
          event.data.error?.platformCode,
          event.data.message.id,
        ]),
    ).toEqual([
      ['edit', 'FORBIDDEN', '50005', sent.id],
      ['delete', 'FORBIDDEN', '50013', sent.id],
    ]);
  });

  it('reports a send once after discord.js waits out a 429 and retries it', async () => {
    const target = await bot();
    const limited: unknown[] = [];
    target.client.rest.on(RESTEvents.RateLimited, (info) => limited.push(info));
    target.discord.rateLimit({
      method: 'POST',
      path: `/channels/${target.discord.textChannel.id}/messages`,
      retryAfterSeconds: 0.05,
    });
    const channel = await textChannel(target);
    const sent: Message = await channel.send('eventually');
    await target.settle();
    const posts = target.discord.requests.filter(
      (request) => request.method === 'POST' && request.path.endsWith('/messages'),
    );
    expect(posts.map((request) => request.status)).toEqual([429, 200]);
    expect(limited).toHaveLength(1);
    expect(target.events().map((event) => [event.type, event.data.message.id])).toEqual([
      ['message.sent', sent.id],
    ]);
  });
});
