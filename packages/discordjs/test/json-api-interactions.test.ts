import { inspect } from 'node:util';
import type { Interaction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { jsonApi } from '../src/index';
import { summary } from './harness';
import {
  ERROR_RESPONSE,
  json,
  onInteractions,
  onMessages,
  SHOP_REPLY,
  shopBotsClosedAfterEach,
  shown,
} from './shop';

const shopBot = shopBotsClosedAfterEach();

describe('interactions answered with jsonApi', () => {
  it('replies to a slash command at once when the endpoint is quick, the rest as follow-ups', async () => {
    const target = await shopBot();
    target.receiver.script([json(SHOP_REPLY)], '/quotes');
    onInteractions(target);
    const command = target.discord.slashCommand({ name: 'quote', options: { order: '42' } });
    await target.handled(1);
    await target.settle();
    expect(target.discord.interaction(command.id)?.callbacks).toEqual([4]);
    expect(shown(target).map((message) => message.content)).toEqual([
      'Hi Ada, your order #42 has shipped.',
      'It arrives on Friday.',
    ]);
    expect(target.requests()[0]?.data.message).toMatchObject({
      id: command.id,
      text: '/quote order:42',
      action: { kind: 'command', value: 'quote', options: { order: '42' } },
    });
    const events = target.events();
    expect(events.map(summary)).toEqual([
      'message.received /quote order:42',
      'message.sent Hi Ada, your order #42 has shipped.',
      'message.sent It arrives on Friday.',
    ]);
    expect(events.slice(1).map((event) => event.data.message.id)).toEqual(
      target.discord.messages(target.discord.textChannel.id).map((message) => message.id),
    );
  });

  it('defers a slash command when the endpoint is slow, and fills the deferral in with the reply', async () => {
    const target = await shopBot();
    target.receiver.script([json(SHOP_REPLY, { delayMs: 300 })], '/quotes');
    onInteractions(target, { errorResponse: ERROR_RESPONSE, deferAfterMs: 50 });
    const command = target.discord.slashCommand({ name: 'quote' });
    await target.handled(1);
    await target.settle();
    const record = target.discord.interaction(command.id);
    expect(record?.callbacks).toEqual([5]);
    const messages = target.discord.messages(target.discord.textChannel.id);
    expect(messages.map((message) => [message.content, message.flags])).toEqual([
      ['Hi Ada, your order #42 has shipped.', 0],
      ['It arrives on Friday.', 0],
    ]);
    expect(messages[0]?.id).toBe(record?.originalId);
    expect(target.events().map(summary)).toEqual([
      'message.received /quote',
      'message.sent Hi Ada, your order #42 has shipped.',
      'message.sent It arrives on Friday.',
    ]);
    expect(target.errors).toEqual([]);
  });

  it('defers with the default 2 s when the endpoint takes longer, within Discord’s 3 s', async () => {
    const target = await shopBot();
    target.receiver.script([json({ messages: [{ text: 'worth the wait' }] }, { delayMs: 2_300 })], '/quotes');
    onInteractions(target);
    const command = target.discord.slashCommand({ name: 'quote' });
    await target.handled(1);
    expect(target.discord.interaction(command.id)?.callbacks).toEqual([5]);
    expect(shown(target).map((message) => message.content)).toEqual(['worth the wait']);
  });

  it('fills a deferral in with errorResponse when the slow endpoint fails, and deletes it without one', async () => {
    const withResponse = await shopBot();
    withResponse.receiver.script([{ status: 500, delayMs: 200 }], '/quotes');
    onInteractions(withResponse, { errorResponse: ERROR_RESPONSE, deferAfterMs: 0 });
    withResponse.discord.slashCommand({ name: 'quote' });
    await withResponse.handled(1);
    expect(shown(withResponse).map((message) => message.content)).toEqual([ERROR_RESPONSE]);

    const silent = await shopBot();
    silent.receiver.script([{ status: 500, delayMs: 200 }], '/quotes');
    onInteractions(silent, { deferAfterMs: 0 });
    const command = silent.discord.slashCommand({ name: 'quote' });
    await silent.handled(1);
    await silent.settle();
    expect(silent.discord.interaction(command.id)?.callbacks).toEqual([5]);
    expect(silent.discord.messages(silent.discord.textChannel.id)).toEqual([]);
    expect(silent.events().map(summary)).toEqual(['message.received /quote']);
    expect(silent.errors).toEqual([]);
  });

  it('brings a press on a rendered button back as an inbound event, answered by jsonApi again', async () => {
    const target = await shopBot();
    target.receiver.script(
      [json(SHOP_REPLY), json({ messages: [{ text: 'Order #42 is cancelled.' }] })],
      '/quotes',
    );
    onMessages(target);
    onInteractions(target);
    target.discord.userSends('quote');
    await target.handled(1);
    await target.settle();
    const card = target.discord
      .messages(target.discord.textChannel.id)
      .find((message) => message.embeds.length > 0);
    const press = target.discord.pressButton({ messageId: card?.id ?? '', label: 'Cancel order' });
    await target.handled(2);
    await target.settle();

    const events = target.events().slice(3);
    expect(events.map((event) => [event.type, event.data.direction, event.data.message.text])).toEqual([
      ['message.received', 'inbound', undefined],
      ['message.sent', 'outbound', 'Order #42 is cancelled.'],
    ]);
    expect(events[0]?.data.message).toMatchObject({
      id: press.id,
      replyToId: card?.id,
      action: { kind: 'button', value: 'cancel 42' },
    });
    expect(target.requests()[1]?.data.message.action).toEqual({ kind: 'button', value: 'cancel 42' });
    expect(target.discord.interaction(press.id)?.callbacks).toEqual([4]);
    expect(shown(target).at(-1)?.content).toBe('Order #42 is cancelled.');
  });

  it('acknowledges a button press silently when the reply has nothing to show', async () => {
    const target = await shopBot();
    target.receiver.script([json({ messages: [], attributes: { seen: true } })], '/quotes');
    onInteractions(target);
    const channel = await target.client.channels.fetch(target.discord.textChannel.id);
    if (!channel?.isSendable()) throw new Error('the text channel must be sendable');
    const question = await channel.send({
      content: 'Seen?',
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Yes', custom_id: 'yes' }] }],
    });
    const press = target.discord.pressButton({ messageId: question.id, label: 'Yes' });
    await target.handled(1);
    await target.settle();
    expect(target.discord.interaction(press.id)?.callbacks).toEqual([6]);
    expect(shown(target).map((message) => message.content)).toEqual(['Seen?']);
  });

  it('follows up an interaction the bot deferred itself', async () => {
    const target = await shopBot();
    target.receiver.script([json({ messages: [{ text: 'one' }, { text: 'two' }] })], '/quotes');
    const quote = jsonApi(target.hooks, 'quotes');
    target.onInteraction(async (interaction: Interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await quote(interaction);
    });
    const command = target.discord.slashCommand({ name: 'quote' });
    await target.handled(1);
    await target.settle();
    expect(target.discord.interaction(command.id)?.callbacks).toEqual([5]);
    expect(shown(target).map((message) => message.content)).toEqual(['one', 'two']);
  });

  it('answers no autocomplete request: nothing can reply to one, so it is reported and the endpoint not called', async () => {
    const target = await shopBot();
    onInteractions(target);
    target.discord.autocomplete({ name: 'quote', options: { order: '4' }, focused: 'order' });
    await target.handled(1);
    expect(target.receiver.on('/quotes')).toEqual([]);
    expect(target.errors).toEqual([
      expect.objectContaining({
        code: 'JSON_API_NO_MESSAGE',
        message: expect.stringContaining('AutocompleteInteraction cannot be answered with a reply'),
      }),
    ]);
  });

  it('reports a refused interaction reply without the interaction token', async () => {
    const target = await shopBot();
    target.receiver.script([json({ messages: [{ text: 'refused' }] })], '/quotes');
    target.discord.fail({
      method: 'POST',
      path: /^\/interactions\//,
      status: 400,
      code: 50035,
      message: 'Invalid Form Body',
    });
    onInteractions(target, {});
    const command = target.discord.slashCommand({ name: 'quote' });
    await target.handled(1);
    expect(target.errors.map((report) => report.code)).toEqual(['JSON_API_RENDER_FAILED']);
    const reported = inspect(target.errors, { depth: 5 });
    expect(reported).toContain('Invalid Form Body (HTTP 400, code 50035)');
    expect(reported).not.toContain(command.token);
  });
});
