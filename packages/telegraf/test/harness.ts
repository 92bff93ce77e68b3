import {
  createWebhooks,
  type EndpointConfig,
  generateSecret,
  type MessageEvent,
  type Webhooks,
} from '@bothooks/core';
import { createReceiver, type Receiver } from '@bothooks/testkit';
import { createFakeTelegram, type FakeTelegram } from '@bothooks/testkit/telegram';
import { Telegraf } from 'telegraf';
import { onTestFinished } from 'vitest';

export type Envelope = MessageEvent;

/** A real bot against the fake Bot API, and real webhooks to a real receiver. */
export interface Harness {
  telegram: FakeTelegram;
  bot: Telegraf;
  receiver: Receiver;
  hooks: Webhooks;
  secret: string;
  /** Waits until everything published so far is delivered, then returns what `path` received. */
  delivered(path?: string): Promise<Envelope[]>;
}

/** `type text` of each event, to compare sequences at a glance. */
export function summary(event: Envelope): string {
  return `${event.type} ${event.data.message.text ?? ''}`.trim();
}

/**
 * Starts the fake Telegram server, a receiver and a bot; everything is closed when the test finishes.
 * Endpoints default to one, `/all`, receiving everything.
 */
export async function setup(
  options: { endpoints?: (url: (path: string) => string) => Omit<EndpointConfig, 'secret'>[] } = {},
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
  const bot = new Telegraf(telegram.token, { telegram: { apiRoot: telegram.apiRoot } });
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
    delivered: async (path = '/all') => {
      const result = await hooks.flush({ timeoutMs: 5_000 });
      if (!result.settled) throw new Error(`deliveries still pending: ${result.pending}`);
      return receiver.on(path).map((request) => request.json<Envelope>());
    },
  };
}

/** Runs `bot.launch()` (real long polling against the fake) until the test finishes. */
export function launch(bot: Telegraf): void {
  const running = bot.launch();
  onTestFinished(async () => {
    bot.stop('test finished');
    await running;
  });
}
