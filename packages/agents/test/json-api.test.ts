import type { BotReply, JsonApiRequestEvent } from '@bothooks/core';
import { createWebhooks } from '@bothooks/core';
import { createReceiver } from '@bothooks/testkit';
import {
  createFakeBotConnector,
  createUserActivity,
  DEFAULT_CONVERSATION_ID,
  startAgentsHost,
} from '@bothooks/testkit/agents';
import { AgentApplication, type TurnState } from '@microsoft/agents-hosting';
import { describe, expect, it } from 'vitest';
import { attachWebhooks, jsonApi, tagInteraction } from '../src/index';
import { type Envelope, onCleanup, SECRET, summary } from './harness';

const ERROR_RESPONSE = 'Sorry, the shop is not answering right now.';

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
  attributes: { orderId: '42' },
};

/**
 * A shop agent on the SDK's real CloudAdapter: the route `quote` asks the JSON API (tagged `quote`), and a route
 * for `cancel <id>`, which is what its card's button sends back. The endpoint `quotes` and the plain webhooks share
 * one receiver.
 */
async function setup(options: { attach?: boolean; timeoutMs?: number } = {}) {
  const receiver = await createReceiver({ secret: SECRET });
  onCleanup(() => receiver.close());
  const hooks = createWebhooks({
    endpoints: [
      { id: 'all', url: receiver.url('/all'), secret: SECRET, ordering: 'conversation' },
      { id: 'quotes', url: receiver.url('/quotes'), secret: SECRET, events: [] },
    ],
    retry: false,
    logger: false,
  });
  onCleanup(() => hooks.close({ timeoutMs: 1_000 }).then(() => undefined));
  const errors: string[] = [];
  hooks.on('error', (report) => errors.push(report.code));
  const attributes: Record<string, unknown>[] = [];
  const quote = jsonApi(hooks, 'quotes', {
    errorResponse: ERROR_RESPONSE,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    onAttributes: (received) => {
      attributes.push(received);
    },
  });
  const app = new AgentApplication<TurnState>();
  app.onMessage('quote', async (context, state) => {
    tagInteraction(context, 'quote');
    await quote(context, state);
  });
  app.onMessage(/^cancel /, async (context) => {
    await context.sendActivity(`Order #${(context.activity.text ?? '').slice('cancel '.length)} cancelled.`);
  });
  const connector = await createFakeBotConnector();
  onCleanup(() => connector.close());
  const host = await startAgentsHost((context) => app.run(context), { adapter: app.adapter });
  onCleanup(() => host.close());
  if (options.attach !== false) attachWebhooks(app, hooks);
  const answer = (behaviour: { status?: number; body?: string; delayMs?: number }) =>
    receiver.script([{ headers: { 'content-type': 'application/json' }, ...behaviour }], '/quotes');
  const say = async (text: string, channelId = 'webchat') => {
    const response = await host.post(createUserActivity(connector.serviceUrl, { text, channelId }));
    expect(response.status).toBe(200);
  };
  const events = async (): Promise<Envelope[]> => {
    await hooks.flush({ timeoutMs: 5_000 });
    return receiver.on('/all').map((request) => request.json<Envelope>());
  };
  const sent = () => connector.callsOf('replyToActivity').map((call) => call.body ?? {});
  return { receiver, hooks, connector, host, answer, say, events, sent, errors, attributes };
}

describe('jsonApi as an AgentApplication route, on the real CloudAdapter', () => {
  it('sends the rendered reply to the connector in order: texts, suggested actions, a hero card', async () => {
    const { answer, say, sent, receiver, attributes } = await setup();
    answer({ status: 200, body: JSON.stringify(SHOP_REPLY) });

    await say('quote');

    const activities = sent();
    expect(activities.map((activity) => activity.text)).toEqual([
      'Hi Ada, your order #42 has shipped.',
      'It arrives on Friday.',
      undefined,
    ]);
    expect(activities[1]?.suggestedActions).toEqual({
      to: [],
      actions: [
        { type: 'imBack', title: 'Track', value: 'Track' },
        { type: 'imBack', title: 'Cancel', value: 'Cancel' },
      ],
    });
    expect(activities[2]?.attachments).toEqual([
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
    ]);
    const [request] = receiver.on('/quotes');
    expect(request?.verified).toBe(true);
    const asked = request?.json<JsonApiRequestEvent>();
    expect(asked?.type).toBe('jsonapi.request');
    expect(asked?.data).toMatchObject({
      platform: 'botframework',
      interaction: 'quote',
      message: { text: 'quote' },
    });
    expect(attributes).toEqual([{ orderId: '42' }]);
  });

  it('reports the rendered replies to the plain webhooks as message.sent, tagged with the interaction', async () => {
    const { answer, say, events, connector } = await setup();
    answer({ status: 200, body: JSON.stringify(SHOP_REPLY) });

    await say('quote');

    const received = await events();
    expect(received.map((event) => [summary(event), event.data.interaction])).toEqual([
      ['message.received quote', undefined],
      ['message.sent Hi Ada, your order #42 has shipped.', 'quote'],
      ['message.sent It arrives on Friday.', 'quote'],
      ['message.sent', 'quote'],
    ]);
    expect(received.slice(1).map((event) => event.data.message.id)).toEqual(
      connector.callsOf('replyToActivity').map((call) => call.activityId),
    );
    expect(received[3]?.data.message.attachments).toEqual([
      {
        type: 'card',
        contentType: 'application/vnd.microsoft.card.hero',
        title: 'Order #42',
        summary: '2 items',
      },
    ]);
  });

  it('brings a press on the card back as the user’s next message, which a route handles by its text', async () => {
    const { answer, say, sent, events } = await setup();
    answer({ status: 200, body: JSON.stringify(SHOP_REPLY) });
    await say('quote');
    const card = sent()[2]?.attachments as { content: { buttons: { type: string; value: string }[] } }[];
    const press = card[0]?.content.buttons.find((button) => button.type === 'imBack')?.value ?? '';

    // An imBack button makes the channel post its value as a message from the user.
    await say(press);

    expect(sent().at(-1)?.text).toBe('Order #42 cancelled.');
    expect((await events()).slice(-2).map(summary)).toEqual([
      'message.received cancel 42',
      'message.sent Order #42 cancelled.',
    ]);
  });

  it.each([
    ['a 500', { status: 500, body: '{"error":"down"}' }],
    ['an invalid reply', { status: 200, body: JSON.stringify({ messages: [{ text: 7 }] }) }],
    ['a reply that is no JSON', { status: 200, body: '<html>oops</html>' }],
  ])('sends the error response on %s, and nothing else', async (_case, behaviour) => {
    const { answer, say, sent, events } = await setup();
    answer(behaviour);

    await say('quote');

    expect(sent().map((activity) => activity.text)).toEqual([ERROR_RESPONSE]);
    expect((await events()).map(summary)).toEqual([
      'message.received quote',
      `message.sent ${ERROR_RESPONSE}`,
    ]);
  });

  it('sends the error response on a timeout', async () => {
    const { answer, say, sent } = await setup({ timeoutMs: 200 });
    answer({ status: 200, body: JSON.stringify(SHOP_REPLY), delayMs: 2_000 });

    await say('quote');

    expect(sent().map((activity) => activity.text)).toEqual([ERROR_RESPONSE]);
  });

  it('refuses a reply Teams cannot show before sending any of it, and says so', async () => {
    const { answer, say, sent, errors } = await setup();
    const buttons = Array.from({ length: 7 }, (_, index) => ({
      title: `Size ${index}`,
      value: `size ${index}`,
    }));
    answer({
      status: 200,
      body: JSON.stringify({ messages: [{ text: 'Pick a size' }, { card: { title: 'Sizes', buttons } }] }),
    });

    await say('quote', 'msteams');

    expect(sent().map((activity) => activity.text)).toEqual([ERROR_RESPONSE]);
    expect(errors).toContain('JSON_API_UNRENDERABLE');
  });

  it('works without attachWebhooks, describing the turn itself', async () => {
    const { answer, say, sent, receiver, connector } = await setup({ attach: false });
    answer({ status: 200, body: JSON.stringify({ messages: [{ text: 'Here is your quote.' }] }) });

    await say('quote');

    expect(sent().map((activity) => activity.text)).toEqual(['Here is your quote.']);
    expect(receiver.on('/quotes')[0]?.json<JsonApiRequestEvent>().data).toMatchObject({
      platform: 'botframework',
      channel: 'webchat',
      conversation: { id: DEFAULT_CONVERSATION_ID },
      message: { text: 'quote' },
    });
    expect(receiver.on('/all')).toEqual([]);
    expect(connector.calls).toHaveLength(1);
  });
});
