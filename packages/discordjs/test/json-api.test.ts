import { inspect } from 'node:util';
import { ConfigError } from '@bothooks/core';
import type { Behaviour } from '@bothooks/testkit';
import { Events } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { type DiscordjsJsonApiOptions, jsonApi } from '../src/index';
import { summary } from './harness';
import { ERROR_RESPONSE, json, onMessages, SHOP_REPLY, shopBotsClosedAfterEach, shown } from './shop';

const shopBot = shopBotsClosedAfterEach();

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
