import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createWebhooks,
  type EndpointConfig,
  generateSecret,
  type MessageEvent,
  type Webhooks,
} from '@bothooks/core';
import { createReceiver, type Receiver } from '@bothooks/testkit';
import { createFakeTelegram, type FakeTelegram } from '@bothooks/testkit/telegram';
import { Bot, type Context, webhookCallback } from 'grammy';
import type { Update } from 'grammy/types';
import { onTestFinished } from 'vitest';

export type Envelope = MessageEvent;

/** A real grammY bot against the fake Bot API, and real webhooks to a real receiver. */
export interface Harness {
  telegram: FakeTelegram;
  bot: Bot;
  receiver: Receiver;
  hooks: Webhooks;
  secret: string;
  /** `bot.handleUpdate` of an update the fake made (see {@link asUpdate}). */
  handle(update: object): Promise<void>;
  /** Waits until everything published so far is delivered, then returns what `path` received. */
  delivered(path?: string): Promise<Envelope[]>;
}

/** `type text` of each event, to compare sequences at a glance. */
export function summary(event: Envelope): string {
  return `${event.type} ${event.data.message.text ?? ''}`.trim();
}

/**
 * The fake builds updates as the Bot API's JSON, typed with Telegraf's Bot API types; grammY types the same JSON
 * with its own, which differ in details of fields these updates do not have.
 */
export function asUpdate(update: object): Update {
  return update as Update;
}

/** A grammY bot on the fake Bot API, knowing itself already (as `new Bot(token, { botInfo })` does). */
export function createBot(telegram: FakeTelegram, client: Record<string, unknown> = {}): Bot {
  return new Bot(telegram.token, {
    botInfo: telegram.botInfo as Bot['botInfo'],
    client: { apiRoot: telegram.apiRoot, ...client },
  });
}

/**
 * Starts the fake Telegram server, a receiver and a bot; everything is closed when the test finishes.
 * Endpoints default to one, `/all`, receiving everything.
 */
export async function setup(
  options: {
    endpoints?: (url: (path: string) => string) => Omit<EndpointConfig, 'secret'>[];
    /** grammY's API client options (`canUseWebhookReply`, ...). */
    client?: Record<string, unknown>;
  } = {},
): Promise<Harness> {
  const secret = generateSecret();
  const telegram = await createFakeTelegram();
  const receiver = await createReceiver({ secret });
  const endpoints = options.endpoints?.((path) => receiver.url(path)) ?? [
    { id: 'all', url: receiver.url('/all') },
  ];
  const hooks = createWebhooks({
    endpoints: endpoints.map((endpoint) => ({ ...endpoint, secret })),
    retry: { delays: [20] },
    logger: false,
  });
  const bot = createBot(telegram, options.client);
  onTestFinished(async () => {
    await hooks.close({ timeoutMs: 1_000 });
    await receiver.close();
    await telegram.close();
  });
  return {
    telegram,
    bot,
    receiver,
    hooks,
    secret,
    handle: (update) => bot.handleUpdate(asUpdate(update)),
    delivered: async (path = '/all') => {
      const result = await hooks.flush({ timeoutMs: 5_000 });
      if (!result.settled) throw new Error(`deliveries still pending: ${result.pending}`);
      return receiver.on(path).map((request) => request.json<Envelope>());
    },
  };
}

/** Runs `bot.start()` (real long polling against the fake) until the test finishes; resolves once it polls. */
export async function start(bot: Bot): Promise<void> {
  let running: Promise<void> = Promise.resolve();
  await new Promise<void>((resolve) => {
    running = bot.start({ onStart: () => resolve(), timeout: 1 });
  });
  onTestFinished(async () => {
    await bot.stop();
    await running;
  });
}

/** Serves `webhookCallback(bot, 'http')` on 127.0.0.1 and points the fake's webhook at it. */
export async function serveWebhook<TContext extends Context>(
  bot: Bot<TContext>,
  secretToken = 'bothooks-webhook-secret',
): Promise<Server> {
  const server = createServer(webhookCallback(bot, 'http', { secretToken }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  await bot.api.setWebhook(`http://127.0.0.1:${port}/telegram`, { secret_token: secretToken });
  return server;
}
