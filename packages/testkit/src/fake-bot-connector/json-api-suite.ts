import {
  type BotReply,
  createWebhooks,
  type JsonApiRequestEvent,
  type MessageEvent,
  type Webhooks,
} from '@bothooks/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiver } from '../receiver';
import { DEFAULT_CONVERSATION_ID } from './activities';
import { createFakeBotConnector, type FakeBotConnector } from './connector';

const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

/** The `errorResponse` every bot of the suite is given. */
export const JSON_API_ERROR_RESPONSE = 'Sorry, the shop is not answering right now.';

/** What the suite hands to `jsonApi(hooks, 'quotes', options)`. */
export interface SuiteJsonApiOptions {
  errorResponse: string;
  timeoutMs?: number;
  onAttributes(attributes: Record<string, unknown>): void;
}

/** A running bot of the suite. */
export interface JsonApiSuiteBot {
  /** The user writes `text` on `channelId` (`webchat` unless told); resolves once the adapter answered the channel. */
  say(text: string, channelId?: string): Promise<void>;
  close(): Promise<void>;
}

/** How the JSON API suite drives one Bot Framework adapter. */
export interface BotFrameworkJsonApiSuite {
  /** The adapter's name, used in test titles. */
  name: string;
  /**
   * Starts a real bot whose replies go to `serviceUrl`. The bot must, on `quote`, tag its turn `quote` and run
   * `jsonApi(hooks, 'quotes', jsonApi)`; on `cancel <id>`, answer `Order #<id> cancelled.` (what the rendered
   * card's button sends back); and, when `attach` is set, be attached with `attachWebhooks(bot, hooks)`.
   */
  start(
    hooks: Webhooks,
    options: { serviceUrl: string; jsonApi: SuiteJsonApiOptions; attach: boolean },
  ): Promise<JsonApiSuiteBot>;
}

/** The reply of examples/json-api-endpoint: texts, quick replies, a card with an image, a link and a callback. */
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

function summary(event: MessageEvent): string {
  return `${event.type} ${event.data.message.text ?? ''}`.trim();
}

/**
 * The JSON API on the Bot Framework, the same for every adapter that speaks it (`@bothooks/botbuilder`,
 * `@bothooks/agents`): against the fake Bot Connector, the rendered activities (suggested actions, a hero card),
 * the error response on a 500, a timeout and an invalid or unshowable reply, the replies as `message.sent` tagged
 * with the turn's interaction, and a button press coming back as an inbound message. Call it at the top level of
 * an adapter's `test/json-api.test.ts`.
 *
 * @example
 * ```ts
 * botFrameworkJsonApiSuite({ name: 'botbuilder CloudAdapter', start: startShopBot });
 * ```
 */
export function botFrameworkJsonApiSuite(suite: BotFrameworkJsonApiSuite): void {
  describe(`jsonApi on the Bot Framework (${suite.name})`, () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    const setup = async (options: { attach?: boolean; timeoutMs?: number } = {}) => {
      const receiver = await createReceiver({ secret: SECRET });
      cleanups.push(() => receiver.close());
      const hooks = createWebhooks({
        endpoints: [
          { id: 'all', url: receiver.url('/all'), secret: SECRET, ordering: 'conversation' },
          { id: 'quotes', url: receiver.url('/quotes'), secret: SECRET, events: [] },
        ],
        retry: false,
        logger: false,
      });
      cleanups.push(() => hooks.close({ timeoutMs: 1_000 }));
      const errors: string[] = [];
      hooks.on('error', (report) => errors.push(report.code));
      const connector: FakeBotConnector = await createFakeBotConnector();
      cleanups.push(() => connector.close());
      const attributes: Record<string, unknown>[] = [];
      const bot = await suite.start(hooks, {
        serviceUrl: connector.serviceUrl,
        attach: options.attach !== false,
        jsonApi: {
          errorResponse: JSON_API_ERROR_RESPONSE,
          ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
          onAttributes: (received) => {
            attributes.push(received);
          },
        },
      });
      cleanups.push(() => bot.close());
      const answer = (behaviour: { status: number; body: string; delayMs?: number }) =>
        receiver.script([{ headers: { 'content-type': 'application/json' }, ...behaviour }], '/quotes');
      const events = async (): Promise<MessageEvent[]> => {
        await hooks.flush({ timeoutMs: 5_000 });
        return receiver.on('/all').map((request) => request.json<MessageEvent>());
      };
      const sent = () => connector.calls.map((call) => call.body ?? {});
      return { receiver, connector, bot, answer, events, sent, errors, attributes };
    };

    it('sends the rendered reply to the connector in order: texts, suggested actions, a hero card', async () => {
      const { answer, bot, sent, receiver, attributes } = await setup();
      answer({ status: 200, body: JSON.stringify(SHOP_REPLY) });

      await bot.say('quote');

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
      const { answer, bot, events, connector } = await setup();
      answer({ status: 200, body: JSON.stringify(SHOP_REPLY) });

      await bot.say('quote');

      const received = await events();
      expect(received.map((event) => [summary(event), event.data.interaction])).toEqual([
        ['message.received quote', undefined],
        ['message.sent Hi Ada, your order #42 has shipped.', 'quote'],
        ['message.sent It arrives on Friday.', 'quote'],
        ['message.sent', 'quote'],
      ]);
      expect(received.slice(1).map((event) => event.data.message.id)).toEqual(
        connector.calls.map((call) => call.activityId),
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

    it("brings a press on the card back as the user's next message, which the bot routes by its text", async () => {
      const { answer, bot, sent, events } = await setup();
      answer({ status: 200, body: JSON.stringify(SHOP_REPLY) });
      await bot.say('quote');
      const card = sent()[2]?.attachments as { content: { buttons: { type: string; value: string }[] } }[];
      const press = card[0]?.content.buttons.find((button) => button.type === 'imBack')?.value ?? '';

      // An imBack button makes the channel post its value as a message from the user.
      await bot.say(press);

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
      const { answer, bot, sent, events } = await setup();
      answer(behaviour);

      await bot.say('quote');

      expect(sent().map((activity) => activity.text)).toEqual([JSON_API_ERROR_RESPONSE]);
      expect((await events()).map(summary)).toEqual([
        'message.received quote',
        `message.sent ${JSON_API_ERROR_RESPONSE}`,
      ]);
    });

    it('sends the error response on a timeout', async () => {
      const { answer, bot, sent } = await setup({ timeoutMs: 200 });
      answer({ status: 200, body: JSON.stringify(SHOP_REPLY), delayMs: 2_000 });

      await bot.say('quote');

      expect(sent().map((activity) => activity.text)).toEqual([JSON_API_ERROR_RESPONSE]);
    });

    it('refuses a reply Teams cannot show before sending any of it, and says so', async () => {
      const { answer, bot, sent, errors } = await setup();
      const buttons = Array.from({ length: 7 }, (_, index) => ({
        title: `Size ${index}`,
        value: `size ${index}`,
      }));
      answer({
        status: 200,
        body: JSON.stringify({ messages: [{ text: 'Pick a size' }, { card: { title: 'Sizes', buttons } }] }),
      });

      await bot.say('quote', 'msteams');

      expect(sent().map((activity) => activity.text)).toEqual([JSON_API_ERROR_RESPONSE]);
      expect(errors).toContain('JSON_API_UNRENDERABLE');
    });

    it('works without attachWebhooks, describing the turn itself', async () => {
      const { answer, bot, sent, receiver } = await setup({ attach: false });
      answer({ status: 200, body: JSON.stringify({ messages: [{ text: 'Here is your quote.' }] }) });

      await bot.say('quote');

      expect(sent().map((activity) => activity.text)).toEqual(['Here is your quote.']);
      expect(receiver.on('/quotes')[0]?.json<JsonApiRequestEvent>().data).toMatchObject({
        platform: 'botframework',
        channel: 'webchat',
        conversation: { id: DEFAULT_CONVERSATION_ID },
        message: { text: 'quote' },
      });
      expect(receiver.on('/all')).toEqual([]);
    });
  });
}
