import { describe, expect, it } from 'vitest';
import { createReceiver } from '../src/receiver';

const event = {
  type: 'message.received',
  timestamp: '2026-11-25T16:21:17.123Z',
  data: {
    platform: 'telegram',
    direction: 'inbound',
    bot: { id: '1' },
    conversation: { id: '42' },
    message: { text: 'hi', attachments: [] },
  },
};

async function deliver(body: unknown, options: { method?: string; path?: string } = {}) {
  const receiver = await createReceiver();
  await fetch(receiver.url(options.path), {
    method: options.method ?? 'POST',
    ...(options.method !== 'GET' && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return receiver;
}

describe('the receiver checks every bothooks event against the JSON Schemas', () => {
  it('closes quietly after events that conform, custom event types and non-JSON bodies', async () => {
    const receiver = await deliver(event);
    await fetch(receiver.url(), {
      method: 'POST',
      body: JSON.stringify({ type: 'order.created', data: { x: 1 } }),
    });
    await fetch(receiver.url(), { method: 'POST', body: 'plain text' });
    await receiver.waitFor(3);
    expect(receiver.requests.map((request) => request.schemaViolations)).toEqual([[], [], []]);
    await expect(receiver.close()).resolves.toBeUndefined();
  });

  it('rejects close() naming the field, for a wrong type and for an undocumented field', async () => {
    const receiver = await deliver({
      ...event,
      data: { ...event.data, message: { text: 42, attachments: [], extra: true } },
    });
    await receiver.waitFor(1);
    const closing = receiver.close();
    await expect(closing).rejects.toThrow(/message\.received: \/data\/message\/text must be string/);
    await expect(closing).rejects.toThrow(/must NOT have additional properties \(extra\)/);
  });

  it('rejects close() for an event without its required fields', async () => {
    const receiver = await deliver({ type: 'webhook.verify', timestamp: 'yesterday', data: {} });
    await receiver.waitFor(1);
    await expect(receiver.close()).rejects.toThrow(/must have required property 'challenge'/);
  });

  it('checks the event a GET JSON API request carries in its query', async () => {
    const query = new URLSearchParams({
      type: 'jsonapi.request',
      timestamp: 'not a time',
      platform: 'telegram',
      direction: 'inbound',
      conversation_id: '42',
    });
    const receiver = await deliver(undefined, { method: 'GET', path: `/quotes?${query}` });
    await receiver.waitFor(1);
    await expect(receiver.close()).rejects.toThrow(/jsonapi\.request/);
  });

  it('can be told not to check, for tests that send broken events on purpose', async () => {
    const receiver = await createReceiver({ validateEvents: false });
    await fetch(receiver.url(), { method: 'POST', body: JSON.stringify({ ...event, data: {} }) });
    await receiver.waitFor(1);
    await expect(receiver.close()).resolves.toBeUndefined();
  });
});
