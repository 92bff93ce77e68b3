import { FAKE_CHANNELS } from '@bothooks/testkit/slack';
import { describe, expect, it } from 'vitest';
import { attachWebhooks, interaction, tagInteraction } from '../src/index';
import { setup, summary } from './harness';

const scoped = (url: (path: string) => string) => [
  { id: 'all', url: url('/all') },
  { id: 'order', url: url('/order'), interactions: ['order'] },
];

describe('interaction tagging', () => {
  it('tags by the body, by any object inside a listener, and says whether it tagged', async () => {
    const harness = await setup({ endpoints: scoped });
    const { slack, app } = harness;
    const results: boolean[] = [];
    app.message('by body', async ({ body, say }) => {
      results.push(tagInteraction(body, 'order'));
      await say('tagged by body');
    });
    app.message('by context', async ({ context, say }) => {
      // Bolt's context is a fresh object: the delivery the listener runs in is tagged.
      setTimeout(() => undefined, 0);
      results.push(tagInteraction(context, 'order'));
      await say('tagged by context');
    });
    app.message('untagged', async ({ say }) => {
      await say('nothing');
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    for (const text of ['by body', 'untagged', 'by context'])
      await slack.deliver(harness.url, slack.payloads.message(text));
    expect(results).toEqual([true, true]);
    expect((await harness.delivered('/order')).map(summary)).toEqual([
      'message.received by body',
      'message.sent tagged by body',
      'message.received by context',
      'message.sent tagged by context',
    ]);
    expect(tagInteraction({}, 'order')).toBe(false);
  });

  it('tags with the interaction() listener middleware, for commands answered through respond()', async () => {
    const harness = await setup({ endpoints: scoped });
    const { slack, app } = harness;
    app.command('/order', interaction('order'), async ({ ack, respond }) => {
      await ack();
      await respond('What would you like?');
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.command('/order', ''));
    const events = await harness.delivered('/order');
    expect(events.map(summary)).toEqual(['message.received /order', 'message.sent What would you like?']);
    expect(events.every((event) => event.data.interaction === 'order')).toBe(true);
    expect(() => interaction('')).toThrow(/interaction/);
  });

  it('keeps overlapping deliveries apart: each one is tagged on its own', async () => {
    const harness = await setup({ endpoints: scoped });
    const { slack, app } = harness;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    app.message('slow', async ({ say }) => {
      await gate;
      await say('slow answer');
    });
    app.message('order now', async ({ body, say }) => {
      tagInteraction(body, 'order');
      await say('ordered');
      release();
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    await Promise.all([
      slack.deliver(harness.url, slack.payloads.message('slow')),
      slack.deliver(harness.url, slack.payloads.message('order now', { channel: FAKE_CHANNELS.general })),
    ]);
    expect((await harness.delivered('/order')).map(summary)).toEqual([
      'message.received order now',
      'message.sent ordered',
    ]);
    const all = await harness.delivered('/all');
    expect(all.find((event) => event.data.message.text === 'slow answer')?.data.interaction).toBeUndefined();
  });

  it('reports an empty name as INVALID_INTERACTION and tags nothing', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    const codes: string[] = [];
    harness.hooks.on('error', (report) => codes.push(report.code));
    let tagged: boolean | undefined;
    app.message(async ({ body }) => {
      tagged = tagInteraction(body, '');
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('hi'));
    expect(tagged).toBe(false);
    expect(codes).toEqual(['INVALID_INTERACTION']);
  });
});
