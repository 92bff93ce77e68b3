import type { JsonApiRequestEvent, RequestReport } from '@bothooks/core';
import type { Behaviour, Receiver } from '@bothooks/testkit';
import type { Interaction, Message } from 'discord.js';
import { type DiscordjsJsonApiOptions, jsonApi, tagInteraction } from '../src/index';
import { type Bot, type BotOptions, SECRET, startBotsClosedAfterEach } from './harness';

/** What the JSON API tests' bots answer when the shop fails. */
export const ERROR_RESPONSE = 'Sorry, the shop is not answering right now.';

/** The reply of examples/json-api-endpoint: a text, then a text with quick replies and a card. */
export const SHOP_REPLY = {
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
};

/** The receiver's answer: `body` as JSON. */
export function json(body: unknown, extra: Behaviour = {}): Behaviour {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...extra,
  };
}

/** A bot with the JSON API endpoint `quotes` (and `/orders`, scoped to the `quote` interaction). */
export type ShopBot = Bot & {
  /** The `jsonapi.request` events the endpoint received. */
  requests(): JsonApiRequestEvent[];
  /** The `request` events of the webhooks. */
  reports: RequestReport[];
};

/** A `shopBot()` whose bots are closed after each test of the file that calls it. */
export function shopBotsClosedAfterEach(): (options?: BotOptions) => Promise<ShopBot> {
  const bot = startBotsClosedAfterEach();
  return async (options = {}) => {
    const started = await bot({
      ...options,
      endpoints: (receiver: Receiver) => [
        { id: 'quotes', url: receiver.url('/quotes'), secret: SECRET, events: [] },
        { id: 'orders', url: receiver.url('/orders'), secret: SECRET, interactions: ['quote'] },
      ],
    });
    const reports: RequestReport[] = [];
    started.hooks.on('request', (report) => reports.push(report));
    return Object.assign(started, {
      requests: () => started.receiver.on('/quotes').map((request) => request.json<JsonApiRequestEvent>()),
      reports,
    });
  };
}

/** What the fake Discord holds in the text channel: content, embeds and button labels, oldest first. */
export function shown(target: Bot) {
  return target.discord.messages(target.discord.textChannel.id).map((message) => ({
    content: message.content,
    embeds: message.embeds,
    buttons: target.discord.buttons(message.id).map((row) => row.map((button) => button.label)),
  }));
}

/** Answers every user message with `jsonApi`, tagging the ones starting with `quote` as the `quote` interaction. */
export function onMessages(
  target: Bot,
  options: DiscordjsJsonApiOptions = { errorResponse: ERROR_RESPONSE },
): void {
  const quote = jsonApi(target.hooks, 'quotes', options);
  target.onMessage((message: Message) => {
    if (message.content.startsWith('quote')) tagInteraction(message, 'quote');
    return quote(message);
  });
}

/** Answers every interaction with `jsonApi`. */
export function onInteractions(
  target: Bot,
  options: DiscordjsJsonApiOptions = { errorResponse: ERROR_RESPONSE },
): void {
  const quote = jsonApi(target.hooks, 'quotes', options);
  target.onInteraction((interaction: Interaction) => quote(interaction));
}
