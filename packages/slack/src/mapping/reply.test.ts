import { JsonApiRenderError } from '@bothooks/core/adapter';
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, renderReply, renderText } from './reply';

describe('renderReply', () => {
  it('renders text as a section, quick replies as buttons, a card as a section with its image and buttons', () => {
    const [message] = renderReply({
      messages: [
        {
          text: 'Fish & chips <today>',
          quickReplies: ['Another', 'Stop'],
          card: {
            title: 'Quote',
            subtitle: 'by Ada',
            imageUrl: 'https://example.com/ada.png',
            buttons: [
              { title: 'Read more', url: 'https://example.com/ada' },
              { title: 'Save', value: 'save-1' },
            ],
          },
        },
      ],
    });
    expect(message).toEqual({
      text: 'Fish &amp; chips &lt;today&gt;',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Fish &amp; chips &lt;today&gt;' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Quote*\nby Ada' },
          accessory: { type: 'image', image_url: 'https://example.com/ada.png', alt_text: 'Quote' },
        },
        {
          type: 'actions',
          block_id: 'bothooks_card',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Read more', emoji: true },
              action_id: 'bothooks_link_0',
              url: 'https://example.com/ada',
            },
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Save', emoji: true },
              action_id: 'bothooks_card_1',
              value: 'save-1',
            },
          ],
        },
        {
          type: 'actions',
          block_id: 'bothooks_replies',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Another', emoji: true },
              action_id: 'bothooks_reply_0',
              value: 'Another',
            },
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Stop', emoji: true },
              action_id: 'bothooks_reply_1',
              value: 'Stop',
            },
          ],
        },
      ],
    });
  });

  it('shows a card with only an image as an image block, and names a text-less message by its card', () => {
    const [message] = renderReply({ messages: [{ card: { imageUrl: 'https://example.com/a.png' } }] });
    expect(message?.blocks).toEqual([
      { type: 'image', image_url: 'https://example.com/a.png', alt_text: 'image' },
    ]);
    expect(renderReply({ messages: [{ card: { title: 'Menu' } }] })[0]?.text).toBe('Menu');
  });

  it('cuts a long text into sections of at most 3,000 characters, at spaces', () => {
    const text = Array.from({ length: 1200 }, (_, index) => `word${index}`).join(' ');
    const [message] = renderReply({ messages: [{ text }] });
    const sections = message?.blocks.map((block) => (block.text as { text: string }).text) ?? [];
    expect(sections.length).toBeGreaterThan(2);
    expect(sections.every((piece) => piece.length <= 3000)).toBe(true);
    expect(sections.join(' ')).toBe(text);
    expect(message?.text).toBe(text);
  });

  it.each([
    ['a quick reply over 75 characters', { messages: [{ text: 'x', quickReplies: ['y'.repeat(76)] }] }, /75/],
    [
      'a button value over 2,000 characters',
      { messages: [{ card: { title: 't', buttons: [{ title: 'b', value: 'v'.repeat(2001) }] } }] },
      /2000/,
    ],
    ['a text over 40,000 characters', { messages: [{ text: 'z'.repeat(40_001) }] }, /40000/],
    ['an empty quick reply', { messages: [{ text: 'x', quickReplies: [' '] }] }, /empty/],
  ])('refuses %s before sending anything', (_what, reply, message) => {
    expect(() => renderReply(reply)).toThrow(JsonApiRenderError);
    expect(() => renderReply(reply)).toThrow(message);
  });

  it('refuses more messages than the answer can take (a response_url takes 5)', () => {
    const reply = { messages: Array.from({ length: 6 }, (_, index) => ({ text: `m${index}` })) };
    expect(() => renderReply(reply, { maxMessages: 5 })).toThrow(JsonApiRenderError);
    expect(renderReply(reply)).toHaveLength(6);
  });

  it('escapes the control characters of mrkdwn in plain texts', () => {
    expect(escapeMrkdwn('<@U1> & <!channel>')).toBe('&lt;@U1&gt; &amp; &lt;!channel&gt;');
    expect(renderText('Sorry <3')).toEqual({
      text: 'Sorry &lt;3',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Sorry &lt;3' } }],
    });
  });
});
