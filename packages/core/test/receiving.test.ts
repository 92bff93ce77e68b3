import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookHandler } from '@bothooks/receiver';
import { describe, expect, it } from 'vitest';
import { eventQuery } from '../src/bot-reply';
import { signWebhook, verifyWebhook, type WebhookEvent } from '../src/index';
import { message, onCleanup, SECRET, webhooks } from './helpers';

// The sender and the receiver package together: what core sends, @bothooks/receiver accepts.

describe('receiving what core sends', () => {
  it('verifies every delivery, the Verify ping included, with the receiver package', async () => {
    const received: WebhookEvent[] = [];
    const server = createServer(
      webhookHandler({ secret: SECRET, onEvent: (event) => void received.push(event) }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onCleanup(() => new Promise((resolve) => server.close(resolve)));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bot-events`;
    const { hooks, of } = webhooks({ endpoints: [{ id: 'app', url, secret: SECRET }] });

    expect(await hooks.verify('app')).toMatchObject({ ok: true });
    const events = [
      message('hello'),
      message('ünïcödé 🤖'),
      message('with attributes', '7', { attributes: { tier: 'gold' } }),
    ];
    for (const event of events) hooks.publish(event);
    await hooks.flush();

    expect(of('failed')).toEqual([]);
    expect(received.map((event) => event.type)).toEqual([
      'webhook.verify',
      ...events.map(() => 'message.received'),
    ]);
    expect(received.slice(1)).toEqual(events);
  });

  it('rebuilds a GET JSON API request from the query eventQuery makes, signed over the query', () => {
    const event = message('what does my order say?', '42', {
      interaction: 'order',
      attributes: { tier: 'gold', visits: 3 },
    });
    const query = eventQuery({ ...event, type: 'jsonapi.request' } as WebhookEvent).toString();
    const id = 'msg_query';
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook({ id, timestamp, payload: query, secret: SECRET }),
    };
    const verified = verifyWebhook({
      method: 'GET',
      url: `https://app.example/quotes?${query}`,
      headers,
      secret: SECRET,
    });
    expect(verified).toEqual({
      type: 'jsonapi.request',
      timestamp: event.timestamp,
      data: {
        platform: 'telegram',
        direction: 'inbound',
        conversation: { id: '42' },
        user: { id: '42', name: 'Ada Lovelace' },
        message: { id: event.data.message.id, text: 'what does my order say?', attachments: [] },
        interaction: 'order',
        // A query carries strings only.
        attributes: { tier: 'gold', visits: '3' },
      },
    });
  });
});
