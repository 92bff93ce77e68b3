import type { Account, MessageEventType, Webhooks } from '@bothooks/core';
import {
  type AdapterAttachment,
  type CallOutcome,
  createAdapterAttachment,
  OPERATION_EVENT_TYPES,
  patchMethod,
  type Turn,
} from '@bothooks/core/adapter';
import {
  botAccount,
  callKind,
  failureFacts,
  inboundEventType,
  mapApiCall,
  mapFailedCall,
  mapUpdate,
  type Participants,
  participantsOf,
} from '@bothooks/platform-telegram';
import type { Context, Telegraf, Telegram } from 'telegraf';
import { describeInputFile } from './mapping/input-file';
import type { ResolvedOptions } from './options';

/** The name errors are reported under. */
export const ADAPTER_NAME = 'telegraf';

/** What a turn (one update) remembers: the bot answering it, and the update's conversation and user. */
interface TurnFacts extends Participants {
  bot: Account;
}

type Attachment<TContext extends Context> = AdapterAttachment<TContext, TurnFacts>;
type UpdateTurn<TContext extends Context> = Turn<TContext, TurnFacts>;

/** The framework hooks of one attachment: updates in, and every `Telegram` client's calls out. */
export interface TelegrafHooks<TContext extends Context> {
  readonly attachment: Attachment<TContext>;
  /** Reports the update, watches `context.telegram`, and runs the rest of the chain inside the update's turn. */
  observeUpdate(context: TContext, next: () => Promise<void>): Promise<void>;
}

/**
 * Opens an attachment of `hooks` (to `bot`, or for middleware to no bot) and returns its hooks; `undefined` when
 * these webhooks already observe the bot (reported as `ALREADY_ATTACHED`).
 */
export function createTelegrafHooks<TContext extends Context>(
  hooks: Webhooks,
  options: ResolvedOptions<TContext>,
  bot?: Telegraf<TContext>,
): TelegrafHooks<TContext> | undefined {
  // Middleware never sees the bot: the token of the updates it handles is what must stay out of failures.
  let seenToken: string | undefined;
  const attachment = createAdapterAttachment<TContext, TurnFacts>({
    adapter: ADAPTER_NAME,
    hooks,
    options: options.shared,
    ...(bot && { target: bot }),
    secrets: () => [bot?.telegram.token, seenToken],
  });
  if (!attachment) return undefined;
  const { publisher } = attachment;
  const mapping = { callbackQueries: options.switches.callbackQueries };
  const watched = new WeakSet<Telegram>();

  const wantsCall = (method: string): boolean => {
    const kind = callKind(method);
    return (
      kind !== undefined &&
      (publisher.wants(OPERATION_EVENT_TYPES[kind]) || publisher.wants('message.failed'))
    );
  };

  const reportCall = (
    method: string,
    payload: unknown,
    outcome: CallOutcome<unknown>,
    turn: UpdateTurn<TContext> | undefined,
    bot: Account,
  ): void => {
    const scope = { bot, turn: turn?.facts };
    if (outcome.ok) {
      for (const event of mapApiCall(method, payload, outcome.value, scope, describeInputFile)) {
        publisher.publish(event.type, event.data, { turn });
      }
      return;
    }
    const kind = callKind(method);
    if (!kind || !publisher.wants('message.failed')) return;
    const failure = attachment.describeFailure(kind, outcome.error, failureFacts(method, outcome.error));
    const event = mapFailedCall(method, payload, failure, scope, describeInputFile);
    if (event) publisher.publish(event.type, event.data, { turn });
  };

  /**
   * Wraps `telegram.callApi`, the one method every Bot API call of a client goes through. Calls that are not
   * about messages (`getUpdates` above all) get Telegraf's own promise back, untouched.
   */
  const watch = (
    telegram: Telegram,
    turnOf: () => UpdateTurn<TContext> | undefined,
    account: () => Account,
  ): void => {
    if (watched.has(telegram)) return;
    watched.add(telegram);
    const callApi = (original: Telegram['callApi']): Telegram['callApi'] =>
      function (this: Telegram, method, payload, callOptions) {
        const call = original.bind(this)(method, payload, callOptions);
        if (!attachment.active || !wantsCall(method)) return call;
        return attachment.observe(call, (outcome) => {
          const turn = turnOf();
          reportCall(method, payload, outcome, turn, turn?.facts.bot ?? account());
        });
      };
    // The client of an update lives as long as the update: it is not restored, only made a pass-through by
    // detach (the replacement checks `active`). A long-lived client is restored on detach.
    if (telegram === bot?.telegram) attachment.patch(telegram, 'callApi', callApi);
    else patchMethod(telegram, 'callApi', callApi);
  };

  const beginTurn = (context: TContext): UpdateTurn<TContext> | undefined => {
    seenToken = context.telegram?.token ?? seenToken;
    const bot = botAccount(context.botInfo, context.telegram?.token);
    const turn = attachment.beginTurn(context, { bot, ...participantsOf(context.update) });
    if (!turn) return undefined;
    const type: MessageEventType | undefined = inboundEventType(context.update, mapping);
    if (type !== undefined && publisher.wants(type)) {
      const event = mapUpdate(context.update, bot, mapping);
      if (event) publisher.publish(event.type, event.data, { turn, timestamp: event.timestamp });
    }
    if (context.telegram)
      watch(
        context.telegram,
        () => turn,
        () => bot,
      );
    return turn;
  };

  const observeUpdate = (context: TContext, next: () => Promise<void>): Promise<void> => {
    let turn: UpdateTurn<TContext> | undefined;
    try {
      turn = beginTurn(context);
    } catch (error) {
      publisher.report(error, 'INBOUND_MAPPING_FAILED');
    }
    return turn ? attachment.runInTurn(turn, next) : next();
  };

  if (bot) {
    // `handleUpdate` asks for `this.middleware()` on every update, for polling and webhooks alike: an own
    // property puts the observer in front of every handler, including those registered before attaching.
    attachment.patch(
      bot,
      'middleware',
      (original) =>
        function (this: Telegraf<TContext>) {
          const chain = original.call(this);
          return (context, next) =>
            observeUpdate(context, () => Promise.resolve(chain(context, next)).then(() => undefined));
        },
    );
    // Each update gets its own `Telegram` client (watched by `beginTurn`); this one serves the calls made outside
    // updates, and `bot.telegram.*` calls made while handling one, which join its turn.
    watch(
      bot.telegram,
      () => attachment.currentTurn(),
      () => botAccount(bot.botInfo, bot.telegram.token),
    );
  }

  return { attachment, observeUpdate };
}
