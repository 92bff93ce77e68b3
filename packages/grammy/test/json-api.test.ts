import { type BotReply, ConfigError } from '@bothooks/core';
import type { JsonApiRequestEvent } from '@bothooks/receiver';
import { FAKE_USER } from '@bothooks/testkit/telegram';
import { describe, expect, it } from 'vitest';
import { attachWebhooks, interaction, jsonApi } from '../src/index';
import { type Harness, setup, summary } from './harness';

// What examples/json-api-endpoint answers: a text, then a text with quick replies and a card with a link and a
// callback button.
const shopReply: BotReply = {
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

const ERROR_RESPONSE = 'Sorry, the shop is not answering right now.';

function json(body: unknown) {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function shopSetup(): Promise<Harness> {
  return setup({
    endpoints: (url) => [
      { id: 'all', url: url('/all') },
      { id: 'quotes', url: url('/quotes'), events: [] },
    ],
  });
}

/** What the fake Bot API received, as `method: text or caption`. */
function shown(harness: Harness): string[] {
  return harness.telegram.calls
    .filter((call) => call.method.startsWith('send'))
    .map((call) => `${call.method}: ${String(call.params.text ?? call.params.caption ?? '')}`);
}

describe('jsonApi', () => {
  it('shows the reply natively: texts in order, a one-time reply keyboard, a photo with an inline keyboard', async () => {
    const harness = await shopSetup();
    const { telegram, bot, hooks, handle, receiver } = harness;
    receiver.script([json(shopReply)], '/quotes');
    const remembered: unknown[] = [];
    bot.command(
      'quote',
      jsonApi(hooks, 'quotes', { onAttributes: (attributes) => void remembered.push(attributes) }),
    );
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('/quote where is my order?'));
    const [request] = receiver.on('/quotes');
    expect(request?.verified).toBe(true);
    expect(request?.json<JsonApiRequestEvent>()).toMatchObject({
      type: 'jsonapi.request',
      data: {
        platform: 'telegram',
        user: { id: String(FAKE_USER.id) },
        message: { text: '/quote where is my order?' },
      },
    });
    const [first, second] = telegram.callsTo('sendMessage');
    const [photo] = telegram.callsTo('sendPhoto');
    expect(shown(harness)).toEqual([
      'sendMessage: Hi Ada, your order #42 has shipped.',
      'sendMessage: It arrives on Friday.',
      'sendPhoto: Order #42\n2 items · arriving Friday',
    ]);
    expect(first?.params.reply_markup).toBeUndefined();
    expect(second?.params.reply_markup).toEqual({
      keyboard: [[{ text: 'Track' }, { text: 'Cancel' }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
    expect(photo?.params).toMatchObject({
      chat_id: FAKE_USER.id,
      photo: 'https://shop.example/orders/42.png',
      reply_markup: {
        inline_keyboard: [
          [{ text: 'Track', url: 'https://shop.example/track/42' }],
          [{ text: 'Cancel order', callback_data: 'cancel 42' }],
        ],
      },
    });
    expect(remembered).toEqual([{ orderId: '42' }]);
  });

  it.each([
    ['a 500', { status: 500 }, {}],
    ['a timeout', { delayMs: 1_000, ...json(shopReply) }, { timeoutMs: 100 }],
    ['an invalid reply', json({ messages: [{ quickReplies: ['no text, no card'] }] }), {}],
    [
      'a reply Telegram cannot show',
      json({ messages: [{ text: 'x', card: { buttons: [{ title: 'Too long', value: 'v'.repeat(65) }] } }] }),
      {},
    ],
  ])('sends the error response on %s, and nothing of the reply', async (kind, behaviour, options) => {
    const harness = await shopSetup();
    const { telegram, bot, hooks, handle, receiver } = harness;
    receiver.script([behaviour], '/quotes');
    const reported: string[] = [];
    hooks.on('error', (report) => reported.push(report.code));
    bot.command('quote', jsonApi(hooks, 'quotes', { errorResponse: ERROR_RESPONSE, ...options }));
    attachWebhooks(bot, hooks);
    // handleUpdate rejects with whatever reached grammY: nothing does.
    await handle(telegram.updates.text('/quote'));
    expect(shown(harness)).toEqual([`sendMessage: ${ERROR_RESPONSE}`]);
    if (kind === 'a reply Telegram cannot show') expect(reported).toEqual(['JSON_API_UNRENDERABLE']);
  });

  it('reaches the ordinary webhooks as message.sent, tagged with the interaction, and its button presses come back', async () => {
    const harness = await setup({
      endpoints: (url) => [
        { id: 'all', url: url('/all') },
        { id: 'quotes-only', url: url('/quote-turns'), interactions: ['quote'] },
        { id: 'quotes', url: url('/quotes'), events: [] },
      ],
    });
    const { telegram, bot, hooks, handle, receiver, delivered } = harness;
    receiver.script([json(shopReply)], '/quotes');
    bot.command('quote', interaction('quote'), jsonApi(hooks, 'quotes'));
    // How a bot routes a press on a rendered callback button: the callback data is the button's value.
    bot.callbackQuery('cancel 42', (context) => context.answerCallbackQuery('Cancelling order #42'));
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('/quote'));
    expect(receiver.on('/quotes')[0]?.json<JsonApiRequestEvent>().data.interaction).toBe('quote');
    const photo = telegram.callsTo('sendPhoto')[0]?.response;
    const photoId = photo?.ok ? (photo.result as { message_id: number }).message_id : 0;
    await handle(telegram.updates.callbackQuery('cancel 42', { messageId: photoId }));
    const events = await delivered();
    expect(events.map((event) => [summary(event), event.data.interaction])).toEqual([
      ['message.received /quote', undefined],
      ['message.sent Hi Ada, your order #42 has shipped.', 'quote'],
      ['message.sent It arrives on Friday.', 'quote'],
      ['message.sent Order #42\n2 items · arriving Friday', 'quote'],
      ['message.received', undefined],
    ]);
    // The photo Telegram stored: its file id, not the URL it was fetched from.
    expect(events[3]?.data.message.attachments).toEqual([
      { type: 'photo', fileId: expect.any(String), size: 48_213 },
    ]);
    expect(events[4]?.data.message).toMatchObject({
      replyToId: String(photoId),
      action: { kind: 'button', value: 'cancel 42' },
    });
    expect((await delivered('/quote-turns')).map(summary)).toEqual([
      'message.received /quote',
      'message.sent Hi Ada, your order #42 has shipped.',
      'message.sent It arrives on Friday.',
      'message.sent Order #42\n2 items · arriving Friday',
    ]);
    expect(telegram.callsTo('answerCallbackQuery')).toHaveLength(1);
  });

  it('works without attachWebhooks, describing the update itself', async () => {
    const harness = await shopSetup();
    const { telegram, bot, hooks, handle, receiver } = harness;
    receiver.script([json({ messages: [{ text: 'Hello from the shop' }] })], '/quotes');
    bot.hears('quote', jsonApi(hooks, 'quotes'));
    await handle(telegram.updates.text('quote'));
    expect(receiver.on('/quotes')[0]?.json<JsonApiRequestEvent>().data).toMatchObject({
      bot: { id: String(telegram.botInfo.id), username: 'bothooks_test_bot' },
      message: { text: 'quote' },
    });
    expect(shown(harness)).toEqual(['sendMessage: Hello from the shop']);
  });

  it('fails fast on wrong options, naming them', () => {
    const hooksLike = { request: () => undefined } as never;
    expect(() => jsonApi(hooksLike, '')).toThrow(ConfigError);
    expect(() => jsonApi(hooksLike, 'quotes', { errorRespons: 'x' } as never)).toThrow(
      expect.objectContaining({ field: 'errorRespons' }),
    );
    expect(() => jsonApi({} as never, 'quotes')).toThrow(expect.objectContaining({ field: 'hooks' }));
  });
});
