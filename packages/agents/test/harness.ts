import { createWebhooks, type MessageEvent, type Webhooks, type WebhooksOptions } from '@bothooks/core';
import { createReceiver, type Receiver } from '@bothooks/testkit';
import {
  type AgentsHost,
  type BotHostAnswer,
  createFakeBotConnector,
  createUserActivity,
  type FakeBotConnector,
  startAgentsHost,
} from '@bothooks/testkit/agents';
import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import {
  AgentApplication,
  type AgentApplicationOptions,
  type CloudAdapter,
  type MiddlewareSet,
  type TurnContext,
  type TurnState,
} from '@microsoft/agents-hosting';
import { afterEach } from 'vitest';
import { type AgentsWebhooksOptions, attachWebhooks } from '../src/index';

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
  /** Errors bothooks reported (adapter faults never reach the agent; they end up here). */
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

/** The adapter's own MiddlewareSet, which `attachWebhooks` patches. */
export function pipelineOf(adapter: object): MiddlewareSet {
  return (adapter as unknown as { middleware: MiddlewareSet }).middleware;
}

/** An agent as people write them: an AgentApplication whose routes reply, edit and delete their own messages. */
export class ShopAgent extends AgentApplication<TurnState> {
  /** Where the agent can write later, kept as agents do from `activity.getConversationReference()`. */
  reference: ConversationReference | undefined;

  constructor(options: Partial<AgentApplicationOptions<TurnState>> = {}) {
    super(options);
    this.onMessage('status', async (context) => {
      const sent = await context.sendActivity('Checking your order…');
      await context.updateActivity(message({ id: sent?.id, text: 'Your order has shipped.' }));
    });
    this.onMessage('oops', async (context) => {
      const sent = await context.sendActivity('A message sent by mistake');
      await context.deleteActivity(sent?.id ?? '');
    });
    this.onMessage('crash', async (context) => {
      await context.sendActivity('Let me look…');
      throw new Error('order service unavailable');
    });
    this.onActivity('message', async (context) => {
      this.reference = context.activity.getConversationReference();
      await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
    });
  }
}

/** A real CloudAdapter behind HTTP running a ShopAgent, with bothooks attached, the fake Bot Connector and a sink. */
export async function cloudSetup(
  options?: AgentsWebhooksOptions,
  sinkOptions?: Parameters<typeof createSink>[0],
  agentOptions?: Partial<AgentApplicationOptions<TurnState>>,
): Promise<{
  sink: Sink;
  connector: FakeBotConnector;
  host: AgentsHost;
  agent: ShopAgent;
  turnErrors: Error[];
}> {
  const sink = await createSink(sinkOptions);
  cleanups.push(() => sink.close());
  const connector = await createFakeBotConnector();
  cleanups.push(() => connector.close());
  const agent = new ShopAgent(agentOptions);
  const host = await startAgentsHost((context) => agent.run(context), { adapter: agent.adapter });
  cleanups.push(() => host.close());
  const turnErrors: Error[] = [];
  host.adapter.onTurnError = async (context, error) => {
    turnErrors.push(error);
    await context.sendActivity('Sorry, something went wrong.');
  };
  attachWebhooks(agent, sink.hooks, options);
  return { sink, connector, host, agent, turnErrors };
}

/** A plain CloudAdapter behind HTTP running `logic`, the fake Bot Connector and a sink; bothooks not attached. */
export async function hostSetup(
  logic: (context: TurnContext) => Promise<void>,
  sinkOptions?: Parameters<typeof createSink>[0],
  adapter?: CloudAdapter,
): Promise<{
  sink: Sink;
  connector: FakeBotConnector;
  host: AgentsHost;
  turnErrors: Error[];
  /** A user writes `text`; resolves once the adapter answered the channel. */
  say(text: string, overrides?: Record<string, unknown>): Promise<BotHostAnswer>;
}> {
  const sink = await createSink(sinkOptions);
  cleanups.push(() => sink.close());
  const connector = await createFakeBotConnector();
  cleanups.push(() => connector.close());
  const host = await startAgentsHost(logic, adapter ? { adapter } : {});
  cleanups.push(() => host.close());
  const turnErrors: Error[] = [];
  host.adapter.onTurnError = async (context, error) => {
    turnErrors.push(error);
    await context.sendActivity('Sorry, something went wrong.');
  };
  const say = (text: string, overrides: Record<string, unknown> = {}) =>
    host.post(createUserActivity(connector.serviceUrl, { text, ...overrides }));
  return { sink, connector, host, turnErrors, say };
}

/** An outgoing message activity, as the SDK's `updateActivity` wants it. */
export function message(fields: Record<string, unknown>): Activity {
  return Activity.fromObject({ type: 'message', ...fields });
}
