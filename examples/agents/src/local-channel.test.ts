import type { MessageEvent } from '@bothooks/core';
import { createReceiver } from '@bothooks/testkit';
import { expect, it, onTestFinished } from 'vitest';
import { startExample } from './app';
import { readConfig } from './config';
import { startLocalChannel } from './local-channel';

const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

it('runs the example agent without Azure, its replies going to the local channel', async () => {
  const channel = await startLocalChannel();
  const receiver = await createReceiver({ secret: SECRET });
  const example = await startExample(
    readConfig({ PORT: '0', WEBHOOK_URL: receiver.url('/hooks'), WEBHOOK_SECRET: SECRET }),
  );
  onTestFinished(async () => {
    await example.close();
    await receiver.close();
    await channel.close();
  });
  const calls: string[] = [];
  channel.onActivity((method, id, text) => calls.push(`${method} ${id} ${text ?? ''}`.trim()));

  const answer = await fetch(`${example.origin}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: 'user-1',
      channelId: 'emulator',
      serviceUrl: channel.serviceUrl,
      from: { id: 'user-1', name: 'Ada' },
      recipient: { id: 'bot' },
      conversation: { id: 'local-1' },
      text: 'status',
    }),
  });
  expect(answer.status).toBe(200);
  const events = (await receiver.waitFor(3)).map((request) => request.json<MessageEvent>());

  expect(calls).toEqual(['POST reply-1 Checking the courier…', 'PUT reply-1 Your parcel arrives on Friday.']);
  expect(events.map((event) => [event.type, event.data.message.id, event.data.message.text])).toEqual([
    ['message.received', 'user-1', 'status'],
    ['message.sent', 'reply-1', 'Checking the courier…'],
    ['message.edited', 'reply-1', 'Your parcel arrives on Friday.'],
  ]);
});
