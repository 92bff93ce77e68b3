import { parseBotReply } from '@bothooks/core';
import { JsonApiRenderError } from '@bothooks/core/adapter';
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, type DiscordReplyMessage, renderReply, renderText, splitText } from './reply';

const mentions = { parse: ['users'], repliedUser: true };

/** The rows of a rendered message, as the labels of their buttons. */
function labels(message: DiscordReplyMessage | undefined): string[][] {
  return (message?.components ?? []).map((row) =>
    row.components.map((button) => ('label' in button ? (button.label ?? '') : '')),
  );
}

function quickReplies(count: number, prefix = 'q'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${index + 1}`);
}

function valueButtons(count: number): { title: string; value: string }[] {
  return Array.from({ length: count }, (_, index) => ({ title: `b${index + 1}`, value: `b${index + 1}` }));
}

describe('renderReply', () => {
  it('renders the example endpoint’s reply: a text, then a text with embed, link and value buttons, quick replies', () => {
    // The reply of examples/json-api-endpoint, as hooks.request parses it.
    const reply = parseBotReply({
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
    });
    expect(renderReply(reply)).toEqual([
      { content: 'Hi Ada, your order #42 has shipped.', allowedMentions: mentions },
      {
        content: 'It arrives on Friday.',
        embeds: [
          {
            title: 'Order #42',
            description: '2 items · arriving Friday',
            image: { url: 'https://shop.example/orders/42.png' },
          },
        ],
        components: [
          {
            type: 1,
            components: [
              { type: 2, style: 5, label: 'Track', url: 'https://shop.example/track/42' },
              { type: 2, style: 1, label: 'Cancel order', custom_id: 'cancel 42' },
            ],
          },
          {
            type: 1,
            components: [
              { type: 2, style: 2, label: 'Track', custom_id: 'Track' },
              { type: 2, style: 2, label: 'Cancel', custom_id: 'Cancel' },
            ],
          },
        ],
        allowedMentions: mentions,
      },
    ]);
  });

  it('renders the legacy reply shape the same way', () => {
    const reply = parseBotReply({
      message: 'first\n::next::\nsecond',
      suggested_replies: ['Yes', 'No'],
      cards: [
        {
          type: 'gallery',
          gallery: [
            {
              heading: 'Plan',
              image: 'https://shop.example/plan.png',
              buttons: [{ type: 'url', value: 'https://shop.example', name: 'Open' }],
            },
          ],
        },
      ],
    });
    const rendered = renderReply(reply);
    expect(rendered.map((message) => message.content)).toEqual(['first', 'second', undefined]);
    expect(rendered[2]?.embeds).toEqual([{ title: 'Plan', image: { url: 'https://shop.example/plan.png' } }]);
    expect(labels(rendered[2])).toEqual([['Open'], ['Yes', 'No']]);
  });

  it('puts 6 quick replies in rows of 5, and the card’s buttons on rows of their own', () => {
    const six = renderReply({ messages: [{ text: 'Pick', quickReplies: quickReplies(6) }] });
    expect(labels(six[0])).toEqual([['q1', 'q2', 'q3', 'q4', 'q5'], ['q6']]);
    const mixed = renderReply({
      messages: [{ card: { title: 'Pick', buttons: valueButtons(3) }, quickReplies: quickReplies(6) }],
    });
    expect(labels(mixed[0])).toEqual([['b1', 'b2', 'b3'], ['q1', 'q2', 'q3', 'q4', 'q5'], ['q6']]);
  });

  it('packs the card’s buttons and the quick replies together when separate rows would be more than 5', () => {
    const [message] = renderReply({
      messages: [{ card: { buttons: valueButtons(21) }, quickReplies: quickReplies(4) }],
    });
    expect(labels(message).map((row) => row.length)).toEqual([5, 5, 5, 5, 5]);
    expect(labels(message)[4]).toEqual(['b21', 'q1', 'q2', 'q3', 'q4']);
    // A card with buttons only is no embed: Discord refuses an empty one.
    expect(message?.embeds).toBeUndefined();
  });

  it('refuses 26 buttons on one message, before anything is sent', () => {
    const render = () =>
      renderReply({
        messages: [
          { text: 'fine' },
          { text: 'Pick', card: { buttons: valueButtons(6) }, quickReplies: quickReplies(20) },
        ],
      });
    expect(render).toThrow(JsonApiRenderError);
    expect(render).toThrow(
      'messages[1] has 26 buttons (6 on the card, 20 quick replies): a Discord message holds at most 25, 5 in each of 5 rows',
    );
  });

  it('refuses values Discord cannot send back, and shortens what is only shown', () => {
    const longValue = 'v'.repeat(DISCORD_LIMITS.customId + 1);
    expect(() =>
      renderReply({ messages: [{ card: { buttons: [{ title: 'Go', value: longValue }] } }] }),
    ).toThrow(
      "messages[0].card.buttons[0].value is 101 characters: a Discord button's custom_id, which a press sends back, holds at most 100",
    );
    expect(() => renderReply({ messages: [{ text: 'x', quickReplies: [longValue] }] })).toThrow(
      /messages\[0\]\.quickReplies\[0\] is 101 characters/,
    );
    expect(() => renderReply({ messages: [{ text: 'x', quickReplies: ['ok', ' '] }] })).toThrow(
      'messages[0].quickReplies[1] is empty: a Discord button needs a label and a custom_id',
    );
    expect(() =>
      renderReply({
        messages: [{ card: { buttons: [{ title: 'Go', url: `https://shop.example/${'p'.repeat(600)}` }] } }],
      }),
    ).toThrow(/url is 621 characters: a Discord link button's url holds at most 512/);

    const [shown] = renderReply({
      messages: [
        {
          card: {
            title: 't'.repeat(300),
            subtitle: 's'.repeat(5000),
            buttons: [{ title: 'l'.repeat(100), value: 'go' }],
          },
        },
      ],
    });
    expect(shown?.embeds?.[0]?.title).toBe(`${'t'.repeat(255)}…`);
    expect(shown?.embeds?.[0]?.description).toHaveLength(DISCORD_LIMITS.embedDescription);
    expect(labels(shown)[0]?.[0]).toBe(`${'l'.repeat(79)}…`);
  });

  it('refuses two buttons with the same value on one message, and a message with nothing to show', () => {
    expect(() =>
      renderReply({
        messages: [{ card: { buttons: [{ title: 'Cancel', value: 'Cancel' }] }, quickReplies: ['Cancel'] }],
      }),
    ).toThrow(
      'messages[0] has two buttons with the value "Cancel": the custom_ids of a Discord message must differ',
    );
    expect(() => renderReply({ messages: [{ text: 'ok' }, { text: '  \n ' }] })).toThrow(
      'messages[1] has nothing to show: Discord cannot send an empty message',
    );
  });

  it('makes a button with both a url and a value a link: Discord’s link buttons send nothing back', () => {
    const [message] = renderReply({
      messages: [{ card: { buttons: [{ title: 'Open', url: 'https://shop.example', value: 'open' }] } }],
    });
    expect(message?.components?.[0]?.components).toEqual([
      { type: 2, style: 5, label: 'Open', url: 'https://shop.example' },
    ]);
  });

  it('splits a long text into messages, the embed and buttons on the last one', () => {
    const paragraph = `${'a'.repeat(1500)}\n${'b'.repeat(1500)}`;
    const rendered = renderReply({
      messages: [{ text: paragraph, quickReplies: ['More'], card: { title: 'Done' } }],
    });
    expect(rendered.map((message) => message.content)).toEqual(['a'.repeat(1500), 'b'.repeat(1500)]);
    expect(rendered[0]?.components).toBeUndefined();
    expect(rendered[1]?.embeds).toEqual([{ title: 'Done' }]);
    expect(labels(rendered[1])).toEqual([['More']]);
  });

  it('renders an errorResponse as plain messages', () => {
    expect(renderText('Sorry, try again later.')).toEqual([
      { content: 'Sorry, try again later.', allowedMentions: mentions },
    ]);
  });
});

describe('splitText', () => {
  it('keeps a text that fits whole', () => {
    expect(splitText('x'.repeat(2000))).toEqual(['x'.repeat(2000)]);
  });

  it('splits at the last line break, else the last space, else at the limit', () => {
    expect(splitText('aaaa\nbb cc\ndd', 10)).toEqual(['aaaa\nbb cc', 'dd']);
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
    expect(splitText('abcdefghijklmnopqrstuvwxy', 10)).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxy']);
  });

  it('never splits a character made of two UTF-16 units, and leaves out blank parts', () => {
    const parts = splitText(`${'a'.repeat(9)}😀${'b'.repeat(5)}`, 10);
    expect(parts).toEqual(['a'.repeat(9), `😀${'b'.repeat(5)}`]);
    expect(splitText(`${'a'.repeat(10)}\n   `, 10)).toEqual(['a'.repeat(10)]);
  });

  it('gives every part of a 10,000-character text at most 2,000 characters and loses no word', () => {
    const words = Array.from({ length: 1500 }, (_, index) => `word${index}`);
    const parts = splitText(words.join(' '));
    expect(parts.every((part) => part.length <= 2000)).toBe(true);
    expect(parts.join(' ').split(' ')).toEqual(words);
  });
});
