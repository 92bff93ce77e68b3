import { BothooksError, type Webhooks } from '@bothooks/core';
import { type AdapterAttachment, createAdapterAttachment } from '@bothooks/core/adapter';
import type { App } from '@slack/bolt';
import { createInbound, type MiddlewareArgs } from './hooks/inbound';
import { Memory, RecentMap } from './hooks/memory';
import { createOutbound } from './hooks/outbound';
import type { SlackTurn, TurnFacts } from './hooks/state';
import { record } from './mapping/fields';
import type { ResolvedOptions, SlackContext } from './options';

/** The name errors are reported under. */
export const ADAPTER_NAME = 'slack';

type Middleware = (this: unknown, args: MiddlewareArgs) => Promise<void>;
type ProcessEvent = App['processEvent'];

/** What Bolt keeps on the app, besides its public API: the global middleware and `respond()`'s fetch. */
interface AppInternals {
  middleware?: unknown;
  fetchFn?: unknown;
}

/** The framework hooks of one attachment. */
export interface SlackHooks {
  readonly attachment: AdapterAttachment<SlackContext, TurnFacts>;
  /** Observes one delivery from inside Bolt's middleware chain (what `webhookMiddleware` does). */
  observeMiddleware(args: MiddlewareArgs): Promise<void>;
}

/**
 * Opens an attachment of `hooks` (to `app`, or for middleware to no app) and returns its hooks; `undefined` when
 * these webhooks already observe the app (reported as `ALREADY_ATTACHED`).
 */
export function createSlackHooks(
  hooks: Webhooks,
  options: ResolvedOptions,
  app?: App,
): SlackHooks | undefined {
  const memory = new Memory();
  const attachment = createAdapterAttachment<SlackContext, TurnFacts>({
    adapter: ADAPTER_NAME,
    hooks,
    options: options.shared,
    ...(app && { target: app }),
    secrets: () => memory.tokens.keys(),
  });
  if (!attachment) return undefined;
  const state = { attachment, memory, responseTurns: new RecentMap<string, SlackTurn>(1024) };
  const outbound = createOutbound(state);
  const inbound = createInbound(state, outbound);
  const { publisher } = attachment;
  attachment.onDetach(() => {
    memory.clear();
    state.responseTurns.clear();
  });

  const observeMiddleware = (args: MiddlewareArgs): Promise<void> => {
    let turn: SlackTurn | undefined;
    try {
      turn = inbound.beginTurn(args.body);
      if (turn) inbound.observe(args, turn);
    } catch (error) {
      publisher.report(error, 'INBOUND_MAPPING_FAILED');
    }
    return turn ? attachment.runInTurn(turn, () => args.next()) : args.next();
  };

  if (app) hookApp(app, attachment, inbound, outbound);
  return { attachment, observeMiddleware };
}

function hookApp(
  app: App,
  attachment: AdapterAttachment<SlackContext, TurnFacts>,
  inbound: ReturnType<typeof createInbound>,
  outbound: ReturnType<typeof createOutbound>,
): void {
  const { publisher } = attachment;
  const internals = app as unknown as AppInternals;

  // Every receiver (HTTP, Express, Socket Mode, Lambda, a custom one) hands each delivery to `processEvent`,
  // which acks Events API deliveries and authorises before any middleware runs: the turn starts here, so the
  // `ack` of commands and interactions, and everything the listeners do, belong to it.
  attachment.patch(
    app,
    'processEvent',
    (original: ProcessEvent): ProcessEvent =>
      function (this: App, event) {
        let turn: SlackTurn | undefined;
        let delivered = event;
        try {
          const body = record(event?.body);
          turn = body ? inbound.beginTurn(event.body as SlackContext) : undefined;
          if (turn && typeof event.ack === 'function') {
            delivered = { ...event, ack: outbound.watchAck(event.ack as never, turn) as typeof event.ack };
          }
        } catch (error) {
          publisher.report(error, 'INBOUND_MAPPING_FAILED');
        }
        const run = () => original.call(this, delivered);
        return turn ? attachment.runInTurn(turn, run) : run();
      },
  );

  // Bolt's built-in `ignoreSelf` is the first global middleware and drops the bot's own messages before any
  // middleware of the bot's runs; the observer takes its place and calls it, so it sees each delivery with the
  // authorised context and the client the listeners get. Replacing the entry (not inserting one) keeps the
  // positions of deliveries already in the chain.
  const chain = internals.middleware;
  if (Array.isArray(chain)) {
    const first = chain[0] as Middleware | undefined;
    const observer: Middleware = function (this: unknown, args) {
      if (attachment.active) {
        try {
          const turn = attachment.currentTurn();
          if (turn && turn.context === args.body) inbound.observe(args, turn);
        } catch (error) {
          publisher.report(error, 'INBOUND_MAPPING_FAILED');
        }
      }
      return first ? Reflect.apply(first, this, [args]) : args.next();
    };
    if (first) chain[0] = observer;
    else chain.push(observer);
    attachment.onDetach(() => {
      const index = chain.indexOf(observer);
      if (index === 0 && first) chain[0] = first;
      else if (index !== -1 && !first && chain.length === 1) chain.splice(index, 1);
    });
  } else {
    publisher.report(
      new BothooksError(
        'ADAPTER_ERROR',
        'this Bolt version keeps no middleware list: inbound messages are not reported',
      ),
      'ADAPTER_ERROR',
      'warning',
    );
  }

  // `respond()` posts to the response_url with the app's own fetch (`clientOptions.fetch` or the global one),
  // read for each delivery, not through any WebClient.
  if (typeof internals.fetchFn === 'function') {
    attachment.patch(internals as { fetchFn: typeof fetch }, 'fetchFn', outbound.watchFetch);
  }

  // `app.client` serves calls made outside listeners (scheduled posts, broadcasts) and apps without a token.
  outbound.watchClient(app.client, true);
}
