import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMessageEvent, createWebhooks, generateSecret } from '@bothooks/core';
import { expect, it, onTestFinished } from 'vitest';
import { createEndpoint } from './endpoint';

async function start(secret: string): Promise<string> {
  const server = createServer(createEndpoint({ secret }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/quotes`;
}

const event = createMessageEvent('message.received', {
  platform: 'telegram',
  direction: 'inbound',
  bot: { id: '1' },
  conversation: { id: '42' },
  user: { id: '42', name: 'Ada Lovelace' },
  message: { text: 'where is my order?', attachments: [] },
  attributes: { orderId: '7' },
});

it.each(['POST', 'GET'] as const)(
  'answers a signed %s JSON API request with a reply bothooks accepts',
  async (method) => {
    const secret = generateSecret();
    const hooks = createWebhooks({
      endpoints: [{ id: 'quotes', url: await start(secret), secret, events: [] }],
    });
    onTestFinished(async () => {
      await hooks.close();
    });
    const reply = await hooks.request('quotes', event, { method });
    expect(reply.messages[0]?.text).toBe('Hi Ada, your order #7 has shipped.');
    expect(reply.messages[1]?.card?.buttons).toEqual([
      { title: 'Track', url: 'https://shop.example/track/7' },
      { title: 'Cancel order', value: 'cancel 7' },
    ]);
    expect(reply.attributes).toEqual({ orderId: '7', lastQuestion: 'where is my order?' });
  },
);

it('refuses a request signed with another secret', async () => {
  const hooks = createWebhooks({
    endpoints: [{ id: 'quotes', url: await start(generateSecret()), secret: generateSecret(), events: [] }],
    logger: false,
  });
  onTestFinished(async () => {
    await hooks.close();
  });
  await expect(hooks.request('quotes', event)).rejects.toMatchObject({ code: 'HTTP_STATUS', status: 401 });
});
