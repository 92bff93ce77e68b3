import { inspect } from 'node:util';
import { ConfigError, type JsonApiRequestEvent, type RequestReport } from '@bothooks/core';
import type { Behaviour, Receiver } from '@bothooks/testkit';
import { Events, type Interaction, type Message } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { type DiscordjsJsonApiOptions, jsonApi, tagInteraction } from '../src/index';
import { type Bot, type BotOptions, SECRET, startBotsClosedAfterEach, summary } from './harness';

const bot = startBotsClosedAfterEach();

const ERROR_RESPONSE = 'Sorry, the shop is not answering right now.';

/** The reply of examples/json-api-endpoint: a text, then a text with quick replies and a card. */
const SHOP_REPLY = {
  messages: [
    { text: 'Hi Ada, your order #42 has shipped.' },
    {
      text: 'It arrives on Friday.',
      quickReplies: ['Track', 'Cancel'],
      card: {
        title: 'Order #42',
        subtitle: '2 items · arriving Friday',
        imageUrl: 'https://shop.example/orders/42.png',
        buttons: [
          { title: 'Track', url: 'https://shop.example/track/42' },
          { title: 'Cancel order', value: 'cancel 42' },
        ],
      },
    },
  ],
  attributes: { orderId: '42' },
};

function json(body: unknown, extra: Behaviour = {}): Behaviour {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...extra,
  };
}

/** A bot whose webhooks have the JSON API endpoint `quotes` (and `/orders`, scoped to the `quote` interaction). */
async function shopBot(
  options: BotOptions = {},
): Promise<Bot & { requests(): JsonApiRequestEvent[]; reports: RequestReport[] }> {
  const started = await bot({
    ...options,
    endpoints: (receiver: Receiver) => [
      { id: 'quotes', url: receiver.url('/quotes'), secret: SECRET, events: [] },
      { id: 'orders', url: receiver.url('/orders'), secret: SECRET, interactions: ['quote'] },
    ],
  });
  const reports: RequestReport[] = [];
  started.hooks.on('request', (report) => reports.push(report));
  return Object.assign(started, {
    requests: () => started.receiver.on('/quotes').map((request) => request.json<JsonApiRequestEvent>()),
    reports,
  });
}

/** What the fake Discord holds in the text channel: content, embeds and button labels, oldest first. */
function shown(target: Bot) {
  return target.discord.messages(target.discord.textChannel.id).map((message) => ({
    content: message.content,
    embeds: message.embeds,
    buttons: target.discord.buttons(message.id).map((row) => row.map((button) => button.label)),
  }));
}

function onMessages(target: Bot, options: DiscordjsJsonApiOptions = { errorResponse: ERROR_RESPONSE }) {
  const quote = jsonApi(target.hooks, 'quotes', options);
  target.onMessage((message: Message) => {
    if (message.content.startsWith('quote')) tagInteraction(message, 'quote');
    return quote(message);
  });
}

describe('a message answered with jsonApi', () => {
  it('shows the reply as Discord messages with embed and buttons, in order, the first replying to the user', async () => {
    const target = await shopBot();
    target.receiver.script([json(SHOP_REPLY)], '/quotes');
    onMessages(target);
    const asked = target.discord.userSends('quote please');
    await target.handled(1);
    await target.settle();

    expect(shown(target)).toEqual([
      { content: 'quote please', embeds: [], buttons: [] },
      { content: 'Hi Ada, your order #42 has shipped.', embeds: [], buttons: [] },
      {
        content: 'It arrives on Friday.',
        embeds: [
          {
            type: 'rich',
            title: 'Order #42',
            description: '2 items · arriving Friday',
            image: { url: 'https://shop.example/orders/42.png' },
          },
        ],
        buttons: [
          ['Track', 'Cancel order'],
          ['Track', 'Cancel'],
        ],
      },
    ]);
    const [, first, second] = target.discord.messages(target.discord.textChannel.id);
    expect(first?.message_reference?.message_id).toBe(asked.id);
    expect(second?.message_reference).toBeUndefined();
    expect(target.errors).toEqual([]);
    expect(target.handlerErrors).toEqual([]);
  });

  it('sends the turn as a signed jsonapi.request and reports the replies as message.sent of the tagged turn', async () => {
    const target = await shopBot();
    target.receiver.script([json(SHOP_REPLY)], '/quotes');
    onMessages(target);
    const asked = target.discord.userSends('quote please');
    await target.handled(1);
    await target.settle();

    const [request] = target.requests();
    expect(target.receiver.on('/quotes')[0]?.verified).toBe(true);
    expect(request).toMatchObject({
      type: 'jsonapi.request',
      data: {
        platform: 'discord',
        direction: 'inbound',
        interaction: 'quote',
        user: { id: target.discord.user.id, name: 'Ada Lovelace' },
        message: { id: asked.id, text: 'quote please' },
      },
    });
    const events = target.events();
    expect(events.map(summary)).toEqual([
      'message.received quote please',
      'message.sent Hi Ada, your order #42 has shipped.',
      'message.sent It arrives on Friday.',
    ]);
    expect(events.slice(1).map((event) => event.data.interaction)).toEqual(['quote', 'quote']);
    const ids = target.discord
      .messages(target.discord.textChannel.id)
      .slice(1)
      .map((message) => message.id);
    expect(events.slice(1).map((event) => event.data.message.id)).toEqual(ids);
    // The interaction's own endpoint got the whole turn, and the JSON API endpoint only its request.
    expect(target.events('/orders').map(summary)).toEqual(events.map(summary));
    expect(target.receiver.on('/quotes')).toHaveLength(1);
    expect(target.reports).toEqual([
      expect.objectContaining({
        endpointId: 'quotes',
        method: 'POST',
        outcome: 'replied',
        status: 200,
        messages: 2,
      }),
    ]);
  });

  it('hands the reply’s attributes to onAttributes with the message, before the reply is shown', async () => {
    const target = await shopBot();
    target.receiver.script([json(SHOP_REPLY)], '/quotes');
    const seen: { attributes: Record<string, unknown>; content: string; shownSoFar: number }[] = [];
    onMessages(target, {
      onAttributes: (attributes, context) => {
        seen.push({
          attributes,
          content: 'content' in context ? context.content : '',
          shownSoFar: target.discord.messages(target.discord.textChannel.id).length,
        });
      },
    });
    target.discord.userSends('quote');
    await target.handled(1);
    expect(seen).toEqual([{ attributes: { orderId: '42' }, content: 'quote', shownSoFar: 1 }]);
  });

  it.each([
    ['a 500', [{ status: 500 }], {}, 'HTTP_STATUS'],
    ['a timeout', [json(SHOP_REPLY, { delayMs: 1_000 })], { timeoutMs: 100 }, 'TIMEOUT'],
    ['an invalid reply', [json({ messages: [{ quickReplies: ['no text, no card'] }] })], {}, 'INVALID_REPLY'],
    ['a reply that is not JSON', [{ status: 200, body: '<html>' }], {}, 'INVALID_JSON'],
  ])('sends errorResponse on %s, and reports why', async (_name, behaviours, options, code) => {
    const target = await shopBot();
    target.receiver.script(behaviours as Behaviour[], '/quotes');
    onMessages(target, { errorResponse: ERROR_RESPONSE, ...options });
    target.discord.userSends('quote');
    await target.handled(1);
    await target.settle();
    expect(shown(target).map((message) => message.content)).toEqual(['quote', ERROR_RESPONSE]);
    expect(target.events().map(summary)).toEqual([
      'message.received quote',
      `message.sent ${ERROR_RESPONSE}`,
    ]);
    expect(target.reports).toEqual([
      expect.objectContaining({ outcome: 'failed', error: expect.objectContaining({ code }) }),
    ]);
    expect(target.handlerErrors).toEqual([]);
  });

  it('sends nothing without errorResponse: the failure is only reported', async () => {
    const target = await shopBot();
    target.receiver.script([{ status: 503 }], '/quotes');
    onMessages(target, {});
    target.discord.userSends('quote');
    await target.handled(1);
    await target.settle();
    expect(shown(target).map((message) => message.content)).toEqual(['quote']);
    expect(target.reports.map((report) => report.outcome)).toEqual(['failed']);
  });

  it('splits 6 quick replies into rows of 5 and 1', async () => {
    const target = await shopBot();
    const six = ['S', 'M', 'L', 'XL', 'XXL', '3XL'];
    target.receiver.script([json({ messages: [{ text: 'Which size?', quickReplies: six }] })], '/quotes');
    onMessages(target);
    target.discord.userSends('quote');
    await target.handled(1);
    await target.settle();
    expect(shown(target)[1]?.buttons).toEqual([['S', 'M', 'L', 'XL', 'XXL'], ['3XL']]);
  });

  it('refuses 26 buttons with an error event before sending any of the reply, then sends errorResponse', async () => {
    const target = await shopBot();
    const buttons = Array.from({ length: 6 }, (_, index) => ({ title: `b${index}`, value: `b${index}` }));
    const quickReplies = Array.from({ length: 20 }, (_, index) => `q${index}`);
    target.receiver.script(
      [
        json({
          messages: [
            { text: 'shown first?' },
            { text: 'Pick', card: { title: 'All', buttons }, quickReplies },
          ],
        }),
      ],
      '/quotes',
    );
    onMessages(target);
    target.discord.userSends('quote');
    await target.handled(1);
    await target.settle();
    expect(shown(target).map((message) => message.content)).toEqual(['quote', ERROR_RESPONSE]);
    expect(target.errors).toEqual([
      expect.objectContaining({
        code: 'JSON_API_UNRENDERABLE',
        source: 'discordjs',
        message: expect.stringContaining('messages[1] has 26 buttons'),
      }),
    ]);
    // Discord never saw the 26 buttons: nothing was refused with a 400.
    expect(target.discord.requests.filter((request) => request.status >= 400)).toEqual([]);
  });

  it('splits a text over 2,000 characters into messages', async () => {
    const target = await shopBot();
    const long = `${'a'.repeat(1990)} ${'b'.repeat(500)}`;
    target.receiver.script([json({ messages: [{ text: long }] })], '/quotes');
    onMessages(target);
    target.discord.userSends('quote');
    await target.handled(1);
    await target.settle();
    expect(shown(target).map((message) => message.content)).toEqual([
      'quote',
      'a'.repeat(1990),
      'b'.repeat(500),
    ]);
  });

  it('reports a send Discord refuses without its token, and still tries errorResponse', async () => {
    const target = await shopBot();
    target.receiver.script([json({ messages: [{ text: 'refused' }] })], '/quotes');
    target.discord.fail({ method: 'POST', path: /\/messages$/, status: 403, code: 50013 });
    onMessages(target);
    target.discord.userSends('quote');
    await target.handled(1);
    await target.settle();
    expect(shown(target).map((message) => message.content)).toEqual(['quote', ERROR_RESPONSE]);
    expect(target.errors).toEqual([
      expect.objectContaining({
        code: 'JSON_API_RENDER_FAILED',
        message: 'Discord refused the message: Missing Permissions (HTTP 403, code 50013)',
      }),
    ]);
    expect(inspect(target.errors, { depth: 5 })).not.toContain(target.discord.token);
  });

  it('works without attachWebhooks: the message is described from discord.js itself', async () => {
    const target = await shopBot({ attach: false });
    target.receiver.script([json({ messages: [{ text: 'still answered' }] })], '/quotes');
    onMessages(target);
    const asked = target.discord.userSends('quote');
    await target.handled(1);
    await target.settle();
    expect(target.requests()[0]?.data).toMatchObject({
      platform: 'discord',
      message: { id: asked.id, text: 'quote' },
      user: { id: target.discord.user.id },
    });
    expect(shown(target).map((message) => message.content)).toEqual(['quote', 'still answered']);
    expect(target.events()).toEqual([]);
  });

  it('ignores the bot’s own messages, so a listener on every message never answers itself', async () => {
    const target = await shopBot();
    target.receiver.setDefault(json({ messages: [{ text: 'quote again' }] }), '/quotes');
    const quote = jsonApi(target.hooks, 'quotes');
    let calls = 0;
    target.client.on(Events.MessageCreate, (message) => {
      calls += 1;
      return quote(message);
    });
    const own = target.nextOwnMessage();
    target.discord.userSends('quote');
    await own;
    await target.settle();
    expect(calls).toBe(2);
    expect(target.receiver.on('/quotes')).toHaveLength(1);
  });
});

describe('interactions answered with jsonApi', () => {
  function onInteractions(target: Bot, options: DiscordjsJsonApiOptions = { errorResponse: ERROR_RESPONSE }) {
    const quote = jsonApi(target.hooks, 'quotes', options);
    target.onInteraction((interaction: Interaction) => quote(interaction));
  }

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

describe('jsonApi options', () => {
  it('fails at the call, naming the option', async () => {
    const target = await shopBot();
    const attempt = (options: unknown) => () =>
      jsonApi(target.hooks, 'quotes', options as DiscordjsJsonApiOptions);
    expect(attempt({ deferAfterMs: 3_000 })).toThrow(ConfigError);
    expect(attempt({ deferAfterMs: 3_000 })).toThrow(/deferAfterMs: must be an integer from 0 to 2500/);
    expect(attempt({ deferAfterMs: 100, errorRespons: 'typo' })).toThrow(/errorRespons/);
    expect(attempt({ method: 'PUT' })).toThrow(/method/);
    expect(attempt('fast')).toThrow(/options: must be an object/);
    expect(() => jsonApi(target.hooks, '')).toThrow(/endpoint/);
    expect(attempt({ deferAfterMs: 0, timeoutMs: 500 })).not.toThrow();
  });
});
