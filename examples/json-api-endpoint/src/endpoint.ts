import type { IncomingMessage, ServerResponse } from 'node:http';
import { type JsonApiRequestEvent, webhookHandler } from '@bothooks/receiver';

/** What a JSON API endpoint answers: the messages the bot shows, and attributes for it to remember. */
export interface Reply {
  messages: {
    text?: string;
    quickReplies?: string[];
    card?: {
      title?: string;
      subtitle?: string;
      imageUrl?: string;
      buttons?: { title: string; url?: string; value?: string }[];
    };
  }[];
  attributes?: Record<string, unknown>;
}

/** The shop's answer to a question about an order: text, quick replies and a card with a link and a callback. */
export function answer(event: JsonApiRequestEvent): Reply {
  const name = event.data.user?.name?.split(' ')[0] ?? 'there';
  const orderId = String(event.data.attributes?.orderId ?? '42');
  return {
    messages: [
      { text: `Hi ${name}, your order #${orderId} has shipped.` },
      {
        text: 'It arrives on Friday.',
        quickReplies: ['Track', 'Cancel'],
        card: {
          title: `Order #${orderId}`,
          subtitle: '2 items · arriving Friday',
          imageUrl: 'https://shop.example/orders/42.png',
          buttons: [
            { title: 'Track', url: `https://shop.example/track/${orderId}` },
            { title: 'Cancel order', value: `cancel ${orderId}` },
          ],
        },
      },
    ],
    attributes: { orderId, lastQuestion: event.data.message.text ?? '' },
  };
}

/**
 * The whole endpoint, for `node:http` (or Express: `app.all('/quotes', createEndpoint(...))`): the receiver's
 * handler reads the raw body, verifies the signature (a GET's query string too), refuses what does not verify,
 * and sends back what `onEvent` returns.
 */
export function createEndpoint(options: {
  secret: string;
  reply?: (event: JsonApiRequestEvent) => Reply;
}): (request: IncomingMessage, response: ServerResponse) => void {
  const reply = options.reply ?? answer;
  return webhookHandler({
    secret: options.secret,
    onEvent: (event) => (event.type === 'jsonapi.request' ? reply(event) : undefined),
  });
}
