import { type BotReply, parseBotReply } from '@bothooks/core';
import { JsonApiRenderError } from '@bothooks/core/adapter';
import { describe, expect, it } from 'vitest';
import { renderReply } from './reply';

/** The reply of examples/json-api-endpoint: text, quick replies, a card with an image, a link and a callback. */
const SHOP_REPLY: BotReply = {
  messages: [
    { text: 'Hi Ada, your order #42 has shipped.' },
    { text: 'It arrives on Friday.', quickReplies: ['Track', 'Cancel'] },
    {
      card: {
        title: 'Order #42',
        subtitle: '2 items',
        imageUrl: 'https://shop.example/orders/42.png',
        buttons: [
          { title: 'Track', url: 'https://shop.example/track/42' },
          { title: 'Cancel order', value: 'cancel 42' },
        ],
      },
    },
  ],
};

describe('renderReply', () => {
  it('renders each message as an activity, in order: text, suggested actions, a hero card', () => {
    expect(renderReply(SHOP_REPLY, { channelId: 'webchat' })).toEqual([
      { type: 'message', text: 'Hi Ada, your order #42 has shipped.' },
      {
        type: 'message',
        text: 'It arrives on Friday.',
        suggestedActions: {
          to: [],
          actions: [
            { type: 'imBack', title: 'Track', value: 'Track' },
            { type: 'imBack', title: 'Cancel', value: 'Cancel' },
          ],
        },
      },
      {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.hero',
            content: {
              title: 'Order #42',
              subtitle: '2 items',
              images: [{ url: 'https://shop.example/orders/42.png' }],
              buttons: [
                { type: 'openUrl', title: 'Track', value: 'https://shop.example/track/42' },
                { type: 'imBack', title: 'Cancel order', value: 'cancel 42' },
              ],
            },
          },
        ],
      },
    ]);
  });

  it('puts text, card and quick replies of one message on one activity', () => {
    const [activity] = renderReply({
      messages: [
        {
          text: 'Pick one',
          quickReplies: ['Yes'],
          card: { title: 'Plan', buttons: [{ title: 'Go', value: 'go' }] },
        },
      ],
    });

    expect(activity).toMatchObject({
      text: 'Pick one',
      attachments: [{ content: { title: 'Plan', buttons: [{ type: 'imBack', value: 'go' }] } }],
      suggestedActions: { actions: [{ type: 'imBack', value: 'Yes' }] },
    });
  });

  it('renders the legacy reply shape as core parses it', () => {
    const reply = parseBotReply({
      message: 'first\n::next::\nsecond',
      suggested_replies: ['Yes', 'No'],
    });

    expect(
      renderReply(reply).map((activity) => [activity.text, activity.suggestedActions?.actions.length]),
    ).toEqual([
      ['first', undefined],
      ['second', 2],
    ]);
  });

  it.each([
    ['a message with nothing to show', { messages: [{ text: '   ' }] }, 'messages[0] has nothing to show'],
    ['an empty card', { messages: [{ card: {} }] }, 'messages[0].card is empty'],
    [
      'an empty quick reply',
      { messages: [{ text: 'Pick', quickReplies: ['Yes', ' '] }] },
      'messages[0].quickReplies[1] is empty',
    ],
    [
      'a button with nothing to send',
      { messages: [{ card: { title: 'T', buttons: [{ title: 'Press', value: '' }] } }] },
      'messages[0].card.buttons[0] has no url and no value to send',
    ],
  ])('refuses %s with a JsonApiRenderError naming it', (_case, reply, message) => {
    expect(() => renderReply(reply as BotReply)).toThrow(JsonApiRenderError);
    expect(() => renderReply(reply as BotReply)).toThrow(message);
  });

  it('refuses more buttons or quick replies than Teams shows, on Teams only, and before rendering anything', () => {
    const buttons = Array.from({ length: 7 }, (_, index) => ({
      title: `Option ${index + 1}`,
      value: `option ${index + 1}`,
    }));
    const many: BotReply = { messages: [{ text: 'fine' }, { card: { title: 'Menu', buttons } }] };
    const quick: BotReply = {
      messages: [{ text: 'Pick', quickReplies: buttons.map((button) => button.title) }],
    };

    expect(() => renderReply(many, { channelId: 'msteams' })).toThrow(
      'messages[1].card has 7 buttons; the channel shows at most 6',
    );
    expect(() => renderReply(quick, { channelId: 'msteams' })).toThrow(
      expect.objectContaining({ code: 'JSON_API_UNRENDERABLE' }),
    );
    expect(renderReply(many, { channelId: 'webchat' })[1]?.attachments?.[0]?.content.buttons).toHaveLength(7);
    expect(renderReply(quick, { channelId: 'directline' })[0]?.suggestedActions?.actions).toHaveLength(7);
  });

  it('never changes the reply', () => {
    const copy = structuredClone(SHOP_REPLY);

    renderReply(SHOP_REPLY, { channelId: 'msteams' });

    expect(SHOP_REPLY).toEqual(copy);
  });
});
