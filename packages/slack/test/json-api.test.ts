import { ConfigError } from '@bothooks/core';
import { FAKE_CHANNELS } from '@bothooks/testkit/slack';
import { describe, expect, it } from 'vitest';
import { attachWebhooks, interaction, jsonApi } from '../src/index';
import { setup, summary } from './harness';

const reply = {
  messages: [
    { text: 'The best way to predict the future is to invent it.' },
    {
      text: 'Want another?',
      quickReplies: ['Another', 'Stop'],
      card: {
        title: 'Alan Kay',
        subtitle: '1971',
        imageUrl: 'https://example.com/kay.png',
        buttons: [
          { title: 'Read more', url: 'https://example.com/kay' },
          { title: 'Save', value: 'save-kay' },
        ],
      },
    },
  ],
  attributes: { lastQuote: 'kay' },
};

const json = (body: unknown) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function start(
  answer: Parameters<Awaited<ReturnType<typeof setup>>['receiver']['setDefault']>[0],
  options: { processBeforeResponse?: boolean } = {},
) {
  const harness = await setup({
    ...options,
    endpoints: (url) => [
      { id: 'all', url: url('/all') },
      { id: 'quotes', url: url('/quotes'), events: ['jsonapi.request'] },
      { id: 'order', url: url('/order'), interactions: ['order'] },
    ],
  });
  harness.receiver.setDefault(answer, '/quotes');
  return harness;
}

describe('jsonApi', () => {
  it('sends the message to the endpoint and renders the reply in Block Kit, in order, in the thread', async () => {
    const harness = await start(json(reply));
    const { slack, app } = harness;
    const remembered: unknown[] = [];
    app.message(
      'quote',
      jsonApi(harness.hooks, 'quotes', { onAttributes: (attributes) => void remembered.push(attributes) }),
    );
    attachWebhooks(app, harness.hooks);
    await harness.start();
    const parent = slack.payloads.message('thread start', { channel: FAKE_CHANNELS.general });
    await slack.deliver(
      harness.url,
      slack.payloads.message('quote', { channel: FAKE_CHANNELS.general, threadTs: String(parent.event.ts) }),
    );
    const posts = slack.callsTo('chat.postMessage');
    expect(posts.map((call) => call.params.text)).toEqual([
      'The best way to predict the future is to invent it.',
      'Want another?',
    ]);
    expect(posts.every((call) => call.params.thread_ts === parent.event.ts)).toBe(true);
    expect(posts[1]?.params.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'Want another?' } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Alan Kay*\n1971' },
        accessory: { type: 'image', image_url: 'https://example.com/kay.png', alt_text: 'Alan Kay' },
      },
      {
        type: 'actions',
        block_id: 'bothooks_card',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Read more', emoji: true },
            action_id: 'bothooks_link_0',
            url: 'https://example.com/kay',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Save', emoji: true },
            action_id: 'bothooks_card_1',
            value: 'save-kay',
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
    ]);
    expect(remembered).toEqual([{ lastQuote: 'kay' }]);
    const [request] = harness.receiver.on('/quotes');
    expect(request?.verified).toBe(true);
    expect(request?.json()).toMatchObject({
      type: 'jsonapi.request',
      data: { platform: 'slack', message: { text: 'quote' }, conversation: { id: FAKE_CHANNELS.general.id } },
    });
  });

  it('makes the rendered replies ordinary sends: message.sent, tagged with the interaction', async () => {
    const harness = await start(json({ messages: [{ text: 'Your order?', quickReplies: ['Pizza'] }] }));
    const { slack, app } = harness;
    app.message('order', interaction('order'), jsonApi(harness.hooks, 'quotes'));
    attachWebhooks(app, harness.hooks);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('order'));
    const scoped = await harness.delivered('/order');
    expect(scoped.map(summary)).toEqual(['message.received order', 'message.sent Your order?']);
    expect(scoped.every((event) => event.data.interaction === 'order')).toBe(true);
    expect(scoped[1]?.data.message.attachments).toEqual([{ type: 'blocks', summary: 'Your order? [Pizza]' }]);
    expect(harness.receiver.on('/quotes')[0]?.json()).toMatchObject({ data: { interaction: 'order' } });
  });

  it('brings a button press on a rendered message back as an inbound event, answered through respond()', async () => {
    const harness = await start(json({ messages: [{ text: 'Another one' }] }));
    const { slack, app } = harness;
    app.action(/^bothooks_/, jsonApi(harness.hooks, 'quotes'));
    attachWebhooks(app, harness.hooks);
    await harness.start();
    const rendered = await app.client.chat.postMessage({
      channel: FAKE_CHANNELS.general.id,
      text: 'Want another?',
      blocks: [
        {
          type: 'actions',
          block_id: 'bothooks_replies',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Another' },
              action_id: 'bothooks_reply_0',
              value: 'Another',
            },
          ],
        },
      ],
    });
    const press = slack.payloads.buttonPress(
      { channel: String(rendered.channel), ts: String(rendered.ts) },
      { actionId: 'bothooks_reply_0', value: 'Another', text: 'Another', blockId: 'bothooks_replies' },
    );
    const delivery = await slack.deliver(harness.url, press);
    expect(delivery.status).toBe(200);
    expect(slack.responses.map((post) => post.body)).toEqual([
      expect.objectContaining({ text: 'Another one', response_type: 'in_channel', replace_original: false }),
    ]);
    const events = await harness.delivered();
    expect(events.map(summary)).toEqual([
      'message.sent Want another?',
      'message.received Another',
      'message.sent Another one',
    ]);
    expect(events[1]?.data.message).toMatchObject({
      action: { kind: 'button', value: 'Another' },
      replyToId: rendered.ts,
    });
    expect(harness.receiver.on('/quotes')[0]?.json()).toMatchObject({
      data: { message: { text: 'Another' } },
    });
  });

  it('acks a slash command at once and answers through respond() once the endpoint has answered', async () => {
    const harness = await start(json({ messages: [{ text: 'Slow but sure' }] }), {
      processBeforeResponse: false,
    });
    const { slack, app, receiver } = harness;
    app.command('/quote', jsonApi(harness.hooks, 'quotes'));
    attachWebhooks(app, harness.hooks);
    await harness.start();
    // Every answer of the endpoint is held: Slack must get its acknowledgement all the same.
    const release = receiver.hold();
    const delivery = await slack.deliver(harness.url, slack.payloads.command('/quote', 'please'));
    expect(delivery).toMatchObject({ status: 200, body: '' });
    await receiver.waitFor(1, { filter: (request) => request.path === '/quotes' });
    expect(slack.responses).toEqual([]);
    release();
    const [posted] = await slack.waitForResponses(1);
    expect(posted?.body).toMatchObject({ text: 'Slow but sure', response_type: 'in_channel' });
  });

  it.each([
    ['a 500', { status: 500 }],
    ['an invalid reply', json({ messages: 'nope' })],
    ['a timeout', { ...json(reply), delayMs: 1_000 }],
  ])('answers with errorResponse on %s', async (_what, answer) => {
    const harness = await start(answer);
    const { slack, app } = harness;
    app.message(
      'quote',
      jsonApi(harness.hooks, 'quotes', { errorResponse: 'Sorry, try again later.', timeoutMs: 200 }),
    );
    attachWebhooks(app, harness.hooks);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('quote'));
    expect(slack.callsTo('chat.postMessage').map((call) => call.params.text)).toEqual([
      'Sorry, try again later.',
    ]);
    expect((await harness.delivered()).map(summary)).toEqual([
      'message.received quote',
      'message.sent Sorry, try again later.',
    ]);
    expect(harness.frameworkErrors).toEqual([]);
  });

  it('refuses what Slack cannot show before sending any of it, and says why', async () => {
    const harness = await start(
      json({ messages: [{ text: 'fine' }, { text: 'x', quickReplies: ['y'.repeat(80)] }] }),
    );
    const { slack, app } = harness;
    const codes: string[] = [];
    harness.hooks.on('error', (report) => codes.push(report.code));
    app.message('quote', jsonApi(harness.hooks, 'quotes', { errorResponse: 'Sorry.' }));
    attachWebhooks(app, harness.hooks);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('quote'));
    expect(slack.callsTo('chat.postMessage').map((call) => call.params.text)).toEqual(['Sorry.']);
    expect(codes).toEqual(['JSON_API_UNRENDERABLE']);
  });

  it('works without attachWebhooks, describing the message itself', async () => {
    const harness = await start(json({ messages: [{ text: 'Hello without webhooks' }] }));
    const { slack, app } = harness;
    app.message('quote', jsonApi(harness.hooks, 'quotes'));
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('quote'));
    expect(slack.callsTo('chat.postMessage').map((call) => call.params.text)).toEqual([
      'Hello without webhooks',
    ]);
    expect(harness.receiver.on('/quotes')[0]?.json()).toMatchObject({
      data: { platform: 'slack', bot: { id: slack.bot.userId }, message: { text: 'quote' } },
    });
  });

  it('checks its options where it is called', async () => {
    const { hooks } = await setup();
    expect(() => jsonApi(hooks, '')).toThrow(ConfigError);
    expect(() => jsonApi(hooks, 'quotes', { method: 'PUT' } as never)).toThrow(ConfigError);
    expect(() => jsonApi({} as never, 'quotes')).toThrow(ConfigError);
  });
});
