import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type Interaction,
  MessageFlags,
  StringSelectMenuBuilder,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { tagInteraction } from '../src/index';
import { SECRET, startBotsClosedAfterEach, summary } from './harness';

const bot = startBotsClosedAfterEach();

describe('slash commands', () => {
  it('reports the command as inbound with its options, and the reply as sent by the bot to that user', async () => {
    const target = await bot();
    target.onInteraction((interaction: Interaction) =>
      interaction.isChatInputCommand()
        ? interaction.reply(`pong ${interaction.options.getString('word')}`)
        : undefined,
    );
    const command = target.discord.slashCommand({
      name: 'ping',
      options: { word: 'hello', loud: true, times: 3 },
      locale: 'de',
    });
    await target.handled(1);
    await target.settle();
    const events = target.events();
    expect(events.map(summary)).toEqual([
      'message.received /ping word:hello loud:true times:3',
      'message.sent pong hello',
    ]);
    expect(events[0]?.data).toEqual({
      platform: 'discord',
      direction: 'inbound',
      bot: expect.objectContaining({ id: target.discord.bot.id }),
      conversation: expect.objectContaining({ id: target.discord.textChannel.id, type: 'guild_text' }),
      user: { id: target.discord.user.id, name: 'Ada Lovelace', username: 'ada', locale: 'de' },
      message: {
        id: command.id,
        text: '/ping word:hello loud:true times:3',
        attachments: [],
        action: { kind: 'command', value: 'ping', options: { word: 'hello', loud: true, times: 3 } },
      },
    });
    expect(events[1]?.data).toMatchObject({
      direction: 'outbound',
      conversation: { id: target.discord.textChannel.id },
      user: { id: target.discord.user.id },
      message: { text: 'pong hello' },
    });
    // Without `withResponse` Discord answers 204: the reply's id is not known when it is reported.
    expect(events[1]?.data.message.id).toBeUndefined();
    expect(JSON.stringify(events)).not.toContain(command.token);
  });

  it('names subcommands in the value and reports the reply id when the bot asks withResponse', async () => {
    const target = await bot();
    target.onInteraction((interaction: Interaction) =>
      interaction.isChatInputCommand()
        ? interaction.reply({ content: 'saved', withResponse: true })
        : undefined,
    );
    const command = target.discord.slashCommand({
      name: 'config',
      subcommand: 'set',
      options: { key: 'lang', value: 'en' },
    });
    await target.handled(1);
    await target.settle();
    const events = target.events();
    expect(events[0]?.data.message.action).toEqual({
      kind: 'command',
      value: 'config set',
      options: { key: 'lang', value: 'en' },
    });
    expect(events[0]?.data.message.text).toBe('/config set key:lang value:en');
    expect(events[1]?.data.message.id).toBe(target.discord.interaction(command.id)?.originalId);
  });

  it('reports a deferred reply as sent when it is first edited in, then follow-ups, edits and the delete', async () => {
    const target = await bot();
    target.onInteraction(async (interaction: Interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply('the answer is 42');
      await interaction.followUp('anything else?');
      await interaction.editReply('the answer is still 42');
      await interaction.deleteReply();
    });
    const command = target.discord.slashCommand({ name: 'answer' });
    await target.handled(1);
    await target.settle();
    const original = target.discord.interaction(command.id)?.originalId;
    const followUp = target.discord
      .messages(target.discord.textChannel.id)
      .find((message) => message.content === 'anything else?');
    expect(
      target.events().map((event) => [event.type, event.data.message.id, event.data.message.text]),
    ).toEqual([
      ['message.received', command.id, '/answer'],
      ['message.sent', original, 'the answer is 42'],
      ['message.sent', followUp?.id, 'anything else?'],
      ['message.edited', original, 'the answer is still 42'],
      ['message.deleted', original, undefined],
    ]);
    expect(
      target
        .events()
        .slice(1)
        .every((event) => event.data.user?.id === target.discord.user.id),
    ).toBe(true);
  });

  for (const echo of ['before-response', 'after-response'] as const) {
    it(`reports every reply once with reportGatewayOnlySends, the echo arriving ${echo.replace('-', ' ')}`, async () => {
      const target = await bot({ echo, attach: { reportGatewayOnlySends: true } });
      target.onInteraction(async (interaction: Interaction) => {
        if (!interaction.isChatInputCommand()) return;
        if (interaction.commandName === 'quick') {
          await interaction.reply('quick answer');
          return;
        }
        await interaction.deferReply();
        await interaction.editReply('slow answer');
        await interaction.followUp('one more thing');
        await interaction.editReply('slow answer, revised');
      });
      target.discord.slashCommand({ name: 'quick' });
      target.discord.slashCommand({ name: 'slow' });
      await target.handled(2);
      await target.settle();
      expect(target.events().map(summary).sort()).toEqual(
        [
          'message.received /quick',
          'message.sent quick answer',
          'message.received /slow',
          'message.sent slow answer',
          'message.sent one more thing',
          'message.edited slow answer, revised',
        ].sort(),
      );
    });
  }

  it('reports a follow-up that fills in a deferred reply as the reply, once', async () => {
    const target = await bot();
    target.onInteraction(async (interaction: Interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      const reply = await interaction.followUp('filled in by the follow-up');
      await interaction.editReply('edited afterwards');
      return reply;
    });
    const command = target.discord.slashCommand({ name: 'legacy' });
    await target.handled(1);
    await target.settle();
    const original = target.discord.interaction(command.id)?.originalId;
    expect(
      target.events().map((event) => [event.type, event.data.message.id, event.data.message.text]),
    ).toEqual([
      ['message.received', command.id, '/legacy'],
      ['message.sent', original, 'filled in by the follow-up'],
      ['message.edited', original, 'edited afterwards'],
    ]);
  });

  it('reports an ephemeral reply, which the gateway never echoes', async () => {
    const target = await bot({ attach: { reportGatewayOnlySends: true } });
    target.onInteraction((interaction: Interaction) =>
      interaction.isRepliable()
        ? interaction.reply({ content: 'only you can see this', flags: MessageFlags.Ephemeral })
        : undefined,
    );
    target.discord.slashCommand({ name: 'secret' });
    await target.handled(1);
    await target.settle();
    expect(target.events().map(summary)).toEqual([
      'message.received /secret',
      'message.sent only you can see this',
    ]);
  });

  it('reports a command in a DM', async () => {
    const target = await bot();
    target.onInteraction((interaction: Interaction) =>
      interaction.isRepliable() ? interaction.reply('in private') : undefined,
    );
    target.discord.slashCommand({ name: 'help', channelId: target.discord.dmChannel().id });
    await target.handled(1);
    await target.settle();
    expect(
      target.events().map((event) => [event.type, event.data.conversation.type, event.data.user?.id]),
    ).toEqual([
      ['message.received', 'dm', target.discord.user.id],
      ['message.sent', 'dm', target.discord.user.id],
    ]);
  });

  it('tags the turn of an interaction for the endpoints of that interaction', async () => {
    const target = await bot({
      endpoints: (receiver) => [
        { id: 'orders', url: receiver.url('/orders'), secret: SECRET, interactions: ['order'] },
      ],
    });
    target.onInteraction(async (interaction: Interaction) => {
      if (!interaction.isChatInputCommand()) return;
      if (interaction.commandName === 'order') tagInteraction(interaction, 'order');
      await interaction.reply('noted');
    });
    target.discord.slashCommand({ name: 'status' });
    await target.handled(1);
    target.discord.slashCommand({ name: 'order', options: { size: 'L' } });
    await target.handled(2);
    await target.settle();
    expect(target.events('/orders').map(summary)).toEqual([
      'message.received /order size:L',
      'message.sent noted',
    ]);
    expect(target.events('/orders').every((event) => event.data.interaction === 'order')).toBe(true);
    expect(target.events().map((event) => event.data.interaction)).toEqual([
      undefined,
      undefined,
      undefined,
      'order',
    ]);
  });
});

describe('components', () => {
  it('reports a button press as inbound, replying to its message, and the update as an edit of that message', async () => {
    const target = await bot();
    target.onMessage((message) =>
      message.reply({
        content: 'Ship it?',
        components: [
          new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder().setCustomId('ship:yes').setLabel('Yes').setStyle(ButtonStyle.Primary),
          ),
        ],
      }),
    );
    target.onInteraction((interaction: Interaction) =>
      interaction.isButton() ? interaction.update({ content: 'Shipped!', components: [] }) : undefined,
    );
    target.discord.userSends('deploy');
    await target.handled(1);
    await target.settle();
    const question = target.discord
      .messages(target.discord.textChannel.id)
      .find((message) => message.content === 'Ship it?');
    const press = target.discord.pressButton({ messageId: question?.id ?? '', customId: 'ship:yes' });
    await target.handled(2);
    await target.settle();
    const events = target.events().slice(2);
    expect(
      events.map((event) => [
        event.type,
        event.data.direction,
        event.data.message.id,
        event.data.message.text,
      ]),
    ).toEqual([
      ['message.received', 'inbound', press.id, undefined],
      ['message.edited', 'outbound', question?.id, 'Shipped!'],
    ]);
    expect(events[0]?.data.message).toMatchObject({
      replyToId: question?.id,
      action: { kind: 'button', value: 'ship:yes' },
    });
  });

  it('reports a select menu choice with its values, and a follow-up sent after deferring the update', async () => {
    const target = await bot();
    const channel = await target.client.channels.fetch(target.discord.textChannel.id);
    if (!channel?.isSendable()) throw new Error('the text channel must be sendable');
    const menu = await channel.send({
      content: 'Pick sizes',
      components: [
        new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
          new StringSelectMenuBuilder()
            .setCustomId('sizes')
            .setMinValues(1)
            .setMaxValues(2)
            .addOptions({ label: 'S', value: 's' }, { label: 'L', value: 'l' }),
        ),
      ],
    });
    target.onInteraction(async (interaction: Interaction) => {
      if (!interaction.isStringSelectMenu()) return;
      await interaction.deferUpdate();
      await interaction.followUp({ content: `you picked ${interaction.values.join(' and ')}` });
    });
    const pick = target.discord.selectMenu({ messageId: menu.id, customId: 'sizes', values: ['s', 'l'] });
    await target.handled(1);
    await target.settle();
    expect(target.events().map(summary)).toEqual([
      'message.sent Pick sizes',
      'message.received',
      'message.sent you picked s and l',
    ]);
    expect(target.events()[1]?.data.message).toMatchObject({
      id: pick.id,
      replyToId: menu.id,
      action: { kind: 'select', value: 's,l', options: { customId: 'sizes', values: ['s', 'l'] } },
    });
  });
});

describe('interaction failures', () => {
  it('passes a refused reply through and reports it without the interaction token', async () => {
    const target = await bot({ attach: { events: ['message.received', 'message.sent', 'message.failed'] } });
    target.discord.fail({
      method: 'POST',
      path: /^\/interactions\//,
      status: 404,
      code: 10062,
      message: 'Unknown interaction',
    });
    const failures: unknown[] = [];
    target.onInteraction((interaction: Interaction) =>
      interaction.isRepliable()
        ? interaction.reply('too late').catch((error: unknown) => failures.push(error))
        : undefined,
    );
    const command = target.discord.slashCommand({ name: 'slow' });
    await target.handled(1);
    await target.settle();
    expect(failures).toEqual([expect.objectContaining({ status: 404, code: 10062 })]);
    const events = target.events();
    expect(events.map((event) => event.type)).toEqual(['message.received', 'message.failed']);
    expect(events[1]?.data).toMatchObject({
      message: { text: 'too late' },
      user: { id: target.discord.user.id },
      error: {
        operation: 'send',
        code: 'NOT_FOUND',
        message: 'Unknown interaction',
        status: 404,
        platformCode: '10062',
      },
    });
    expect(JSON.stringify(events)).not.toContain(command.token);
  });
});
