import { JsonApiRenderError } from '@bothooks/core/adapter';
import { describe, expect, it } from 'vitest';
import { updateFixture } from '../../test/fixtures';
import type { Update } from './bot-api';
import { type ReplyContext, telegramRenderer } from './renderer';

/** A context that records what it was asked to send, as `ctx.reply` and `ctx.replyWithPhoto` would send it. */
function recordingContext(update: Update): ReplyContext & { sent: unknown[] } {
  const sent: unknown[] = [];
  return {
    update,
    sent,
    reply: async (text, options) => void sent.push(['reply', text, options]),
    replyWithPhoto: async (photo, options) => void sent.push(['replyWithPhoto', photo, options]),
  };
}

const bot = { id: '7530215388', name: 'Shop Bot', username: 'shopbot' };
const renderer = telegramRenderer<ReplyContext>(() => bot);

describe('telegramRenderer', () => {
  it('describes the update with the shared mapping, button presses included', () => {
    expect(renderer.describe(recordingContext(updateFixture('private-text')))).toMatchObject({
      direction: 'inbound',
      bot,
      message: { text: 'Hello, is my order on its way?' },
    });
    expect(renderer.describe(recordingContext(updateFixture('callback-query')))?.message.action?.kind).toBe(
      'button',
    );
  });

  it('sends the rendered calls in order through the context', async () => {
    const context = recordingContext(updateFixture('private-text'));
    await renderer.render(context, {
      messages: [{ text: 'One' }, { card: { title: 'Two', imageUrl: 'https://cdn.example/2.png' } }],
    });
    await renderer.sendText(context, 'Three');
    expect(context.sent).toEqual([
      ['reply', 'One', {}],
      ['replyWithPhoto', 'https://cdn.example/2.png', { caption: 'Two' }],
      ['reply', 'Three', {}],
    ]);
  });

  it('sends nothing of a reply it refuses', async () => {
    const context = recordingContext(updateFixture('private-text'));
    const reply = {
      messages: [{ text: 'fine' }, { text: 'x', card: { buttons: [{ title: 'B', value: 'v'.repeat(65) }] } }],
    };
    await expect(renderer.render(context, reply)).rejects.toBeInstanceOf(JsonApiRenderError);
    expect(context.sent).toEqual([]);
  });
});
