import type { MessageEvent } from '@bothooks/core';
import { createReceiver } from '@bothooks/testkit';
import { createFakeBotConnector, createUserActivity } from '@bothooks/testkit/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { startExample } from './app';
import { readConfig } from './config';

const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the Agents SDK example', () => {
  it('answers without Azure credentials and sends a signed webhook for every message', async () => {
    const receiver = await createReceiver({ secret: SECRET });
    cleanups.push(() => receiver.close());
    const connector = await createFakeBotConnector();
    cleanups.push(() => connector.close());
    const example = await startExample(
      readConfig({ PORT: '0', WEBHOOK_URL: receiver.url('/hooks'), WEBHOOK_SECRET: SECRET }),
    );
    cleanups.push(() => example.close());

    const post = (text: string) =>
      fetch(`${example.origin}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(createUserActivity(connector.serviceUrl, { text })),
      });
    expect((await post('hello')).status).toBe(200);
    expect((await post('status')).status).toBe(200);
    expect((await post('crash')).status).toBe(200);
    const notify = await fetch(`${example.origin}/api/notify`, { method: 'POST' });
    expect(await notify.json()).toEqual({ notified: 1 });

    const events = (await receiver.waitFor(8)).map((request) => request.json<MessageEvent>());
    expect(events.map((event) => `${event.type} ${event.data.message.text ?? ''}`.trim())).toEqual([
      'message.received hello',
      'message.sent You said "hello". Try: order, status, oops, crash.',
      'message.received status',
      'message.sent Checking the courier…',
      'message.edited Your parcel arrives on Friday.',
      'message.received crash',
      'message.sent Sorry, something went wrong. Please try again.',
      'message.sent Reminder: your parcel arrives on Friday.',
    ]);
    expect(receiver.requests.every((request) => request.verified)).toBe(true);
  });

  it('rejects an environment that cannot work', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ WEBHOOK_URL: 'crm.example.com' })).toThrow(/WEBHOOK_URL/);
    expect(readConfig({}).clientId).toBeUndefined();
  });
});
