import type { BotReply } from '@bothooks/core';
import { parseBotReply } from '@bothooks/core';
import { JsonApiRenderError } from '@bothooks/core/adapter';
import { describe, expect, it } from 'vitest';
import { renderReply, renderText, splitText } from './reply';

// The example endpoint's answer (examples/json-api-endpoint): text, then text with quick replies and a card.
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
};

function refusal(reply: unknown): JsonApiRenderError {
  try {
    renderReply(parseBotReply(reply));
  } catch (error) {
    if (error instanceof JsonApiRenderError) return error;
    throw error;
  }
  throw new Error('expected a JsonApiRenderError');
}

describe('renderReply', () => {
  it('shows texts in order, quick replies as a one-time reply keyboard, a card as a photo with an inline keyboard', () => {
    expect(renderReply(shopReply)).toEqual([
      { method: 'sendMessage', text: 'Hi Ada, your order #42 has shipped.', options: {} },
      {
        method: 'sendMessage',
        text: 'It arrives on Friday.',
        options: {
          reply_markup: {
            keyboard: [[{ text: 'Track' }, { text: 'Cancel' }]],
            one_time_keyboard: true,
            resize_keyboard: true,
          },
        },
      },
      {
        method: 'sendPhoto',
        photo: 'https://shop.example/orders/42.png',
        options: {
          caption: 'Order #42\n2 items · arriving Friday',
          reply_markup: {
            inline_keyboard: [
              [{ text: 'Track', url: 'https://shop.example/track/42' }],
              [{ text: 'Cancel order', callback_data: 'cancel 42' }],
            ],
          },
        },
      },
    ]);
  });

  it('shows a card without an image as a text with the inline keyboard', () => {
    expect(
      renderReply({
        messages: [
          { card: { title: 'Order #42', subtitle: 'Shipped', buttons: [{ title: 'Help', value: 'help' }] } },
        ],
      }),
    ).toEqual([
      {
        method: 'sendMessage',
        text: 'Order #42\nShipped',
        options: { reply_markup: { inline_keyboard: [[{ text: 'Help', callback_data: 'help' }]] } },
      },
    ]);
  });

  it("puts a card's bare buttons under the message's own text", () => {
    expect(
      renderReply({ messages: [{ text: 'Pick one', card: { buttons: [{ title: 'A', value: 'a' }] } }] }),
    ).toEqual([
      {
        method: 'sendMessage',
        text: 'Pick one',
        options: { reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } },
      },
    ]);
  });

  it('splits texts over 4096 characters into several messages, the keyboard on the last', () => {
    const paragraph = `${'word '.repeat(700).trim()}\n`;
    const text = paragraph.repeat(3).trim();
    const calls = renderReply({ messages: [{ text, quickReplies: ['OK'] }] });
    // Split at the line breaks, which are the only characters left out.
    expect(calls.map((call) => call.method === 'sendMessage' && call.text.length)).toEqual([
      paragraph.length - 1,
      paragraph.length - 1,
      paragraph.length - 1,
    ]);
    expect(calls.map((call) => (call.method === 'sendMessage' ? call.text : '')).join('\n')).toBe(text);
    expect(calls.map((call) => call.options.reply_markup !== undefined)).toEqual([false, false, true]);
    // A text without breaks is cut where the limit falls.
    expect(splitText('a'.repeat(5_000)).map((part) => part.length)).toEqual([4_096, 904]);
  });

  it('sends a caption over 1024 characters as text after the photo, with the buttons', () => {
    const subtitle = 'x'.repeat(1_100);
    const calls = renderReply({
      messages: [
        {
          card: {
            title: 'Big',
            subtitle,
            imageUrl: 'https://cdn.example/a.png',
            buttons: [{ title: 'Go', value: 'go' }],
          },
        },
      ],
    });
    expect(calls).toEqual([
      { method: 'sendPhoto', photo: 'https://cdn.example/a.png', options: {} },
      {
        method: 'sendMessage',
        text: `Big\n${subtitle}`,
        options: { reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] } },
      },
    ]);
  });

  it('cuts button labels over 64 characters, and rows quick replies by three', () => {
    const [call] = renderReply({
      messages: [
        {
          text: 'Choose',
          quickReplies: ['1', '2', '3', '4'],
          card: {
            imageUrl: 'https://cdn.example/a.png',
            buttons: [{ title: 'é'.repeat(80), url: 'https://shop.example' }],
          },
        },
      ],
    });
    expect(call?.options.reply_markup).toEqual({
      keyboard: [[{ text: '1' }, { text: '2' }, { text: '3' }], [{ text: '4' }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
    const [, photo] = renderReply({
      messages: [
        {
          text: 'x',
          card: {
            imageUrl: 'https://cdn.example/a.png',
            buttons: [{ title: 'é'.repeat(80), url: 'https://shop.example' }],
          },
        },
      ],
    });
    const markup = photo?.options.reply_markup as { inline_keyboard: { text: string }[][] };
    expect(markup.inline_keyboard[0]?.[0]?.text).toBe(`${'é'.repeat(63)}…`);
  });

  it('renders the legacy shape: a gallery card with suggested replies carried by the text before it', () => {
    const calls = renderReply(
      parseBotReply({
        message: 'Here you go',
        suggested_replies: ['More'],
        cards: [
          {
            type: 'gallery',
            gallery: [
              {
                heading: 'Tea',
                image: 'https://cdn.example/tea.png',
                buttons: [{ type: 'url', value: 'https://shop.example/tea', name: 'Buy' }],
              },
            ],
          },
        ],
      }),
    );
    expect(calls.map((call) => [call.method, Object.keys(call.options.reply_markup ?? {})[0]])).toEqual([
      ['sendMessage', 'keyboard'],
      ['sendPhoto', 'inline_keyboard'],
    ]);
  });

  it('refuses what Telegram cannot show, naming it, before anything is sent', () => {
    expect(
      refusal({ messages: [{ text: 'x', card: { buttons: [{ title: 'Long', value: 'v'.repeat(65) }] } }] })
        .message,
    ).toBe(
      'messages[0].card.buttons[0].value cannot be shown on Telegram: callback data is 65 bytes, Telegram allows 64',
    );
    // 22 characters, 66 bytes: the limit is in bytes.
    expect(
      refusal({ messages: [{ card: { title: 'A', buttons: [{ title: 'B', value: '€'.repeat(22) }] } }] })
        .code,
    ).toBe('JSON_API_UNRENDERABLE');
    expect(
      refusal({ messages: [{ card: { buttons: [{ title: 'Lonely', value: 'x' }] } }] }).message,
    ).toContain('messages[0].card cannot be shown on Telegram');
    expect(refusal({ messages: [{ text: '   ' }] }).message).toContain('messages[0] cannot be shown');
    expect(refusal({ messages: [{ text: 'ok', quickReplies: [''] }] }).message).toContain(
      'messages[0].quickReplies[0]',
    );
    expect(
      refusal({
        messages: [{ card: { title: 'T', buttons: [{ title: 'B', value: 'b' }] }, quickReplies: ['Yes'] }],
      }).message,
    ).toContain('messages[0].quickReplies cannot be shown on Telegram');
  });

  it('shows nothing for a reply with no messages (attributes only)', () => {
    expect(renderReply({ messages: [], attributes: { orderId: '42' } })).toEqual([]);
  });
});

describe('splitText and renderText', () => {
  it('never splits a character made of two UTF-16 units', () => {
    const text = `${'a'.repeat(4_095)}😀tail`;
    expect(splitText(text)).toEqual(['a'.repeat(4_095), '😀tail']);
  });

  it('renders the error response as plain messages', () => {
    expect(renderText('Sorry, the shop is not answering right now.')).toEqual([
      { method: 'sendMessage', text: 'Sorry, the shop is not answering right now.', options: {} },
    ]);
  });
});
