import {
  createWebhooks,
  type EndpointConfig,
  type ErrorReport,
  type MessageEvent,
  type Webhooks,
} from '@bothooks/core';
import { createReceiver, type Receiver } from '@bothooks/testkit';
import { createFakeDiscord, type FakeDiscord } from '@bothooks/testkit/discord';
import {
  Client,
  type ClientOptions,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  Partials,
} from 'discord.js';
import { afterEach } from 'vitest';
import { attachWebhooks, type DiscordjsWebhooksOptions } from '../src/index';

export const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

export type Envelope = MessageEvent;

/** Everything a bot needs to see every message, as the package README asks. */
export const FULL_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.MessageContent,
];

export interface BotOptions {
  intents?: ClientOptions['intents'];
  partials?: ClientOptions['partials'];
  /** Options for `attachWebhooks`; `false` leaves the client unattached. */
  attach?: DiscordjsWebhooksOptions | false;
  /** Attach after `login()` instead of before. */
  attachAfterLogin?: boolean;
  echo?: 'before-response' | 'after-response';
  /** Endpoints besides the default `/all` one, on the receiver. */
  endpoints?: (receiver: Receiver) => EndpointConfig[];
}

/** A real discord.js client logged in to a fake Discord, with webhooks to a real receiver. */
export interface Bot {
  discord: FakeDiscord;
  client: Client<true>;
  receiver: Receiver;
  hooks: Webhooks;
  detach: () => void;
  /** Reports the adapter and core made through the `error` event (warnings included). */
  errors: ErrorReport[];
  /** Errors that reached discord.js's own `error` event (rejected async listeners land there). */
  clientErrors: unknown[];
  /** The events the receiver got on `/all`, in arrival order. */
  events(path?: string): Envelope[];
  /**
   * Waits until the client has handled everything the fake dispatched so far, every REST call the adapter
   * watches has answered, and every event published meanwhile is delivered.
   */
  settle(): Promise<void>;
  /** Resolves with the next `messageCreate` whose message the bot itself authored. */
  nextOwnMessage(): Promise<void>;
  /** Handles messages from users (not the bot's own), as a bot's `messageCreate` listener would. */
  onMessage(handler: (message: Message) => unknown): void;
  onInteraction(handler: (interaction: Interaction) => unknown): void;
  /** Resolves once `count` handler calls in total have finished (thrown errors go to `handlerErrors`). */
  handled(count: number): Promise<void>;
  /** What handlers threw or rejected with. */
  handlerErrors: unknown[];
  close(): Promise<void>;
}

/** A `startBot` whose bots are all closed after each test of the file that calls it. */
export function startBotsClosedAfterEach(): (options?: BotOptions) => Promise<Bot> {
  const bots: Bot[] = [];
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.close();
  });
  return async (options = {}) => {
    const started = await startBot(options);
    bots.push(started);
    return started;
  };
}

let markers = 0;

export async function startBot(options: BotOptions = {}): Promise<Bot> {
  const discord = await createFakeDiscord({ echo: options.echo ?? 'before-response' });
  const receiver = await createReceiver({ secret: SECRET });
  const hooks = createWebhooks({
    endpoints: [
      { id: 'all', url: receiver.url('/all'), secret: SECRET },
      ...(options.endpoints?.(receiver) ?? []),
    ],
    retry: { delays: [20, 20] },
    logger: false,
  });
  const errors: ErrorReport[] = [];
  hooks.on('error', (report) => errors.push(report));
  const client = new Client({
    intents: options.intents ?? FULL_INTENTS,
    partials: options.partials ?? [Partials.Channel],
    rest: { api: discord.api },
  });
  const clientErrors: unknown[] = [];
  client.on(Events.Error, (error) => clientErrors.push(error));
  let detach: () => void = () => undefined;
  const attach = (): void => {
    if (options.attach !== false) detach = attachWebhooks(client, hooks, options.attach ?? {});
  };
  if (!options.attachAfterLogin) attach();
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(discord.token);
  await ready;
  if (options.attachAfterLogin) attach();

  const handlerErrors: unknown[] = [];
  let finished = 0;
  const finishWaiters = new Set<() => void>();
  const track = (work: () => unknown): void => {
    Promise.resolve()
      .then(work)
      .catch((error: unknown) => handlerErrors.push(error))
      .finally(() => {
        finished += 1;
        for (const wake of [...finishWaiters]) wake();
      });
  };

  const settle = async (): Promise<void> => {
    markers += 1;
    const marker = markers;
    const handled = new Promise<void>((resolve) => {
      const listener = (packet: { t?: string; d?: { marker?: number } }): void => {
        if (packet.t !== 'BOTHOOKS_MARKER' || packet.d?.marker !== marker) return;
        client.off(Events.Raw, listener);
        resolve();
      };
      client.on(Events.Raw, listener);
    });
    discord.dispatch('BOTHOOKS_MARKER', { marker });
    await handled;
    // Deferred echo checks wait for REST calls in flight; give those continuations their turn.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    await hooks.flush({ timeoutMs: 5_000 });
  };

  return {
    discord,
    client: client as Client<true>,
    receiver,
    hooks,
    get detach() {
      return detach;
    },
    errors,
    clientErrors,
    events: (path = '/all') => receiver.on(path).map((request) => request.json<Envelope>()),
    settle,
    nextOwnMessage: () =>
      new Promise<void>((resolve) => {
        const listener = (message: { author: { id: string } }): void => {
          if (message.author.id !== client.user?.id) return;
          client.off(Events.MessageCreate, listener);
          resolve();
        };
        client.on(Events.MessageCreate, listener);
      }),
    onMessage: (handler) => {
      client.on(Events.MessageCreate, (message) => {
        if (message.author.id !== client.user?.id) track(() => handler(message));
      });
    },
    onInteraction: (handler) => {
      client.on(Events.InteractionCreate, (interaction) => track(() => handler(interaction)));
    },
    handled: (count) =>
      new Promise<void>((resolve) => {
        const wake = (): void => {
          if (finished < count) return;
          finishWaiters.delete(wake);
          resolve();
        };
        finishWaiters.add(wake);
        wake();
      }),
    handlerErrors,
    close: async () => {
      detach();
      await client.destroy();
      await hooks.close({ timeoutMs: 1_000 });
      await receiver.close();
      await discord.close();
    },
  };
}

/** `type text` of each event, for compact assertions. */
export function summary(event: Envelope): string {
  return `${event.type} ${event.data.message.text ?? ''}`.trim();
}
