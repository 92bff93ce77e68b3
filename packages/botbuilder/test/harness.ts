import { createWebhooks, type MessageEvent, type Webhooks, type WebhooksOptions } from '@bothooks/core';
import { createReceiver, type Receiver } from '@bothooks/testkit';
import {
  type BotHost,
  createFakeBotConnector,
  type FakeBotConnector,
  startBotHost,
} from '@bothooks/testkit/botbuilder';
import {
  type Activity,
  ActivityHandler,
  type ConversationReference,
  type MiddlewareSet,
  type ResourceResponse,
  TestAdapter,
  TurnContext,
} from 'botbuilder';
import { afterEach } from 'vitest';
import { attachWebhooks, type BotbuilderWebhooksOptions } from '../src/index';

/**
 * The recorded activities of @bothooks/platform-botframework, which holds the mapping: each is posted through the
 * real adapter too, to prove the adapter publishes exactly what the mapping says.
 */
export const RECORDED_ACTIVITIES = new URL('../../platform-botframework/test/fixtures/', import.meta.url);

export const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

export type Envelope = MessageEvent;

/** A real receiver and the `Webhooks` that deliver to it, in publish order (one conversation lane each). */
export interface Sink {
  receiver: Receiver;
  hooks: Webhooks;
  /** Flushes, then returns the bodies the receiver got on `/all`, in arrival order. */
  events(): Promise<Envelope[]>;
  /** Errors bothooks reported (adapter faults never reach the bot; they end up here). */
  errors: { code: string; source: string; message: string }[];
  close(): Promise<void>;
}

export async function createSink(options: Partial<WebhooksOptions> = {}): Promise<Sink> {
  const receiver = await createReceiver({ secret: SECRET });
  const hooks = createWebhooks({
    endpoints: [{ id: 'all', url: receiver.url('/all'), secret: SECRET, ordering: 'conversation' }],
    retry: { delays: [20, 20] },
    logger: false,
    ...options,
  });
  const errors: Sink['errors'] = [];
  hooks.on('error', (report) =>
    errors.push({ code: report.code, source: report.source, message: report.message }),
  );
  return {
    receiver,
    hooks,
    errors,
    events: async () => {
      await hooks.flush({ timeoutMs: 5_000 });
      return receiver.on('/all').map((request) => request.json<Envelope>());
    },
    close: async () => {
      await hooks.close({ timeoutMs: 1_000 });
      await receiver.close();
    },
  };
}

/** `type text` of each event: the shape most assertions compare. */
export function summary(event: Envelope): string {
  return `${event.type} ${event.data.message.text ?? ''}`.trim();
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs `cleanup` after the test. */
export function onCleanup(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

/** A sink closed after the test. */
export async function sink(options: Partial<WebhooksOptions> = {}): Promise<Sink> {
  const created = await createSink(options);
  cleanups.push(() => created.close());
  return created;
}

/** A TestAdapter whose channel calls can be made to fail, and which remembers what it returned. */
export class RecordingTestAdapter extends TestAdapter {
  readonly returned: ResourceResponse[][] = [];
  /** The error every send rejects with (only the next one, with `refuseOnce`). */
  refuseSends: Error | undefined;
  refuseOnce = false;

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const refusal = this.refuseSends;
    if (refusal) {
      if (this.refuseOnce) this.refuseSends = undefined;
      throw refusal;
    }
    const responses = await super.sendActivities(context, activities);
    this.returned.push(responses);
    return responses;
  }
}

/** The adapter's own MiddlewareSet, which `attachWebhooks` patches. */
export function pipelineOf(adapter: TestAdapter): MiddlewareSet {
  return (adapter as unknown as { middleware: MiddlewareSet }).middleware;
}

/** A bot as people write them: an ActivityHandler that replies, edits and deletes its own messages. */
export class ShopBot extends ActivityHandler {
  /** Where the bot can write later, kept as bots do from `TurnContext.getConversationReference`. */
  reference: Partial<ConversationReference> | undefined;

  constructor() {
    super();
    this.onMessage(async (context, next) => {
      this.reference = TurnContext.getConversationReference(context.activity);
      const text = context.activity.text ?? '';
      if (text === 'status') {
        const sent = await context.sendActivity('Checking your order…');
        await context.updateActivity({ id: sent?.id, type: 'message', text: 'Your order has shipped.' });
      } else if (text === 'oops') {
        const sent = await context.sendActivity('A message sent by mistake');
        await context.deleteActivity(sent?.id ?? '');
      } else if (text === 'crash') {
        await context.sendActivity('Let me look…');
        throw new Error('order service unavailable');
      } else {
        await context.sendActivity(`You said: ${text}`);
      }
      await next();
    });
  }
}

/** A real CloudAdapter behind HTTP with bothooks attached, the fake Bot Connector and a sink. */
export async function cloudSetup(
  options?: BotbuilderWebhooksOptions,
  sinkOptions?: Parameters<typeof createSink>[0],
): Promise<{
  sink: Sink;
  connector: FakeBotConnector;
  host: BotHost;
  bot: ShopBot;
  turnErrors: Error[];
}> {
  const sink = await createSink(sinkOptions);
  cleanups.push(() => sink.close());
  const connector = await createFakeBotConnector();
  cleanups.push(() => connector.close());
  const bot = new ShopBot();
  const host = await startBotHost((context) => bot.run(context));
  cleanups.push(() => host.close());
  const turnErrors: Error[] = [];
  host.adapter.onTurnError = async (context, error) => {
    turnErrors.push(error);
    await context.sendActivity('Sorry, something went wrong.');
  };
  attachWebhooks(host.adapter, sink.hooks, options);
  return { sink, connector, host, bot, turnErrors };
}
