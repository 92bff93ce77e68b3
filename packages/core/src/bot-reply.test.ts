import { describe, expect, it } from 'vitest';
import { eventQuery, parseBotReply } from './bot-reply';
import { JsonApiError } from './errors';
import { createMessageEvent } from './event';

describe('parseBotReply', () => {
  it('accepts the current reply shape', () => {
    const reply = {
      messages: [
        {
          text: 'Your order #42 has shipped',
          quickReplies: ['Track', 'Cancel'],
          card: {
            title: 'Order #42',
            subtitle: '2 items',
            imageUrl: 'https://shop.example/42.png',
            buttons: [
              { title: 'Track', url: 'https://shop.example/track/42' },
              { title: 'Cancel', value: 'cancel' },
            ],
          },
        },
      ],
      attributes: { orderId: '42' },
    };
    expect(parseBotReply(reply)).toEqual(reply);
  });

  it('accepts the legacy platform shape', () => {
    const reply = parseBotReply({
      message: 'first\n::next::\nsecond',
      suggested_replies: ['Yes', 'No'],
      cards: [
        {
          type: 'gallery',
          gallery: [
            {
              image: 'https://shop.example/a.png',
              heading: 'A',
              subtitle: 'the first',
              buttons: [
                { type: 'url', value: 'https://shop.example/a', name: 'Open' },
                { type: 'postback', value: 'buy-a', name: 'Buy' },
              ],
            },
            { heading: 'B' },
          ],
        },
      ],
    });
    expect(reply).toEqual({
      messages: [
        { text: 'first' },
        { text: 'second' },
        {
          card: {
            title: 'A',
            subtitle: 'the first',
            imageUrl: 'https://shop.example/a.png',
            buttons: [
              { title: 'Open', url: 'https://shop.example/a' },
              { title: 'Buy', value: 'buy-a' },
            ],
          },
        },
        { card: { title: 'B' }, quickReplies: ['Yes', 'No'] },
      ],
    });
  });

  it.each([
    [null, 'reply'],
    [[], 'reply'],
    [{ hello: 'world' }, 'reply'],
    [{ messages: 'hi' }, 'messages'],
    [{ messages: [{}] }, 'messages[0]'],
    [{ messages: [{ text: 42 }] }, 'messages[0].text'],
    [{ messages: [{ text: 'a', quickReplies: [1] }] }, 'messages[0].quickReplies[0]'],
    [{ messages: [{ card: { imageUrl: 'javascript:alert(1)' } }] }, 'messages[0].card.imageUrl'],
    [{ messages: [{ card: { buttons: [{ title: 'x' }] } }] }, 'messages[0].card.buttons[0]'],
    [
      { messages: [{ card: { buttons: [{ title: 'x', url: 'file:///etc/passwd' }] } }] },
      'messages[0].card.buttons[0].url',
    ],
    [{ messages: [], attributes: 'x' }, 'attributes'],
    [{ suggested_replies: ['a'] }, 'suggested_replies'],
  ])('refuses %j, naming %s', (reply, path) => {
    try {
      parseBotReply(reply);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(JsonApiError);
      expect((error as JsonApiError).code).toBe('INVALID_REPLY');
      expect((error as Error).message.startsWith(path)).toBe(true);
    }
  });
});

describe('eventQuery', () => {
  it('flattens the key fields and simple attributes', () => {
    const event = createMessageEvent(
      'message.received',
      {
        platform: 'telegram',
        direction: 'inbound',
        bot: { id: '1' },
        conversation: { id: '42' },
        user: { id: '7', name: 'Ada' },
        message: { id: '9', text: 'quote please', attachments: [] },
        interaction: 'quotes',
        attributes: { plan: 'pro', seats: 3, nested: { no: true } },
      },
      '2026-11-25T10:00:00.000Z',
    );
    expect(Object.fromEntries(eventQuery(event))).toEqual({
      type: 'message.received',
      timestamp: '2026-11-25T10:00:00.000Z',
      platform: 'telegram',
      direction: 'inbound',
      conversation_id: '42',
      user_id: '7',
      user_name: 'Ada',
      message_id: '9',
      text: 'quote please',
      interaction: 'quotes',
      'attributes.plan': 'pro',
      'attributes.seats': '3',
    });
  });
});
