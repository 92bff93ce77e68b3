import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type Account,
  createAdapterPublisher,
  createTurn,
  type MessageEventType,
  type TurnRecord,
  type Webhooks,
} from '@bothooks/core';
import type { Context, Telegram } from 'telegraf';
import type { UserFromGetMe } from 'telegraf/types';
import { registerTurn } from './interaction';
import { mapApiCall, mapFailedCall } from './mapping/api-call';
import { userAccount } from './mapping/message';
import { callKind } from './mapping/methods';
import { inboundEventType, mapUpdate, type Participants, participantsOf } from './mapping/update';
import type { ResolvedOptions } from './options';
import { type CallOutcome, wrapCallApi } from './wrap-client';

/** The name errors are reported under. */
export const ADAPTER_NAME = 'telegraf';

/** One update being handled: its record for the publisher, its context, conversation and user. */
interface ActiveTurn<TContext extends Context> extends Participants {
  record: TurnRecord;
  context: TContext;
  bot: Account;
}

const KIND_EVENTS = { send: 'message.sent', edit: 'message.edited', delete: 'message.deleted' } as const;

/** The bot's account: from `botInfo` once known, else the id every token starts with (never the secret part). */
export function botAccount(botInfo: UserFromGetMe | undefined, token: string | undefined): Account {
  if (botInfo) return userAccount(botInfo);
  const id = /^(\d+):/.exec(token ?? '')?.[1];
  return { id: id ?? 'unknown' };
}

/** What attaching needs: report an update and its calls, and watch a client outside updates. */
export interface Instrumentation<TContext extends Context> {
  /** Reports the update, watches `context.telegram`, and runs the rest of the chain inside the update's turn. */
  handleUpdate(context: TContext, next: () => Promise<void>): Promise<void>;
  /** Watches a client used outside updates (`bot.telegram`); calls made during an update join its turn. */
  watchClient(telegram: Telegram, bot: () => Account): () => void;
  /** Stops reporting, including for updates still being handled. */
  stop(): void;
}

/** The behaviour shared by `attachWebhooks` and `webhookMiddleware`. */
export function createInstrumentation<TContext extends Context>(
  hooks: Webhooks,
  options: ResolvedOptions<TContext>,
): Instrumentation<TContext> {
  const publisher = createAdapterPublisher<TContext>(hooks, options.shared, ADAPTER_NAME);
  const { includeText } = options.shared;
  const mapping = { includeText, callbackQueries: options.switches.callbackQueries };
  const currentTurn = new AsyncLocalStorage<ActiveTurn<TContext>>();
  const watched = new WeakSet<Telegram>();
  const seen = new WeakSet<TContext>();
  let active = true;

  const wantsCall = (method: string): boolean => {
    if (!active) return false;
    const kind = callKind(method);
    if (!kind) return false;
    return publisher.wants(KIND_EVENTS[kind]) || publisher.wants('message.failed');
  };

  const reportCall = (
    method: string,
    payload: unknown,
    outcome: CallOutcome,
    turn: ActiveTurn<TContext> | undefined,
    bot: Account,
    token: string | undefined,
  ): void => {
    if (!active) return;
    try {
      const scope = { bot, turn, includeText, ...(token !== undefined && { token }) };
      const details = { turn: turn?.record, context: turn?.context };
      if (outcome.ok) {
        for (const event of mapApiCall(method, payload, outcome.result, scope)) {
          if (publisher.wants(event.type)) publisher.publish(event.type, event.data, details);
        }
      } else if (publisher.wants('message.failed')) {
        const event = mapFailedCall(method, payload, outcome.error, scope);
        if (event) publisher.publish(event.type, event.data, details);
      }
    } catch (error) {
      publisher.report(error, 'CALL_MAPPING_FAILED');
    }
  };

  const watch = (
    telegram: Telegram,
    turnOf: () => ActiveTurn<TContext> | undefined,
    bot: () => Account,
  ): (() => void) => {
    if (watched.has(telegram)) return () => undefined;
    watched.add(telegram);
    return wrapCallApi(telegram, wantsCall, (method, payload, outcome) => {
      const turn = turnOf();
      reportCall(method, payload, outcome, turn, turn?.bot ?? bot(), telegram.token);
    });
  };

  const beginTurn = (context: TContext): ActiveTurn<TContext> => {
    const bot = botAccount(context.botInfo, context.telegram?.token);
    const turn: ActiveTurn<TContext> = {
      record: createTurn(),
      context,
      bot,
      ...participantsOf(context.update),
    };
    registerTurn(context, (name) => {
      if (active) publisher.tag(turn.record, name, context);
    });
    const type: MessageEventType | undefined = inboundEventType(context.update, mapping);
    if (type !== undefined && (publisher.wants(type) || type === 'message.received')) {
      const event = mapUpdate(context.update, bot, mapping);
      // A `message.received` is published even when unwanted: core keeps it as the turn's inbound message.
      if (event)
        publisher.publish(event.type, event.data, { turn: turn.record, context, timestamp: event.timestamp });
    }
    if (context.telegram)
      watch(
        context.telegram,
        () => turn,
        () => bot,
      );
    return turn;
  };

  return {
    handleUpdate: (context, next) => {
      if (!active || seen.has(context)) return next();
      seen.add(context);
      let turn: ActiveTurn<TContext> | undefined;
      try {
        turn = beginTurn(context);
      } catch (error) {
        publisher.report(error, 'UPDATE_MAPPING_FAILED');
      }
      return turn ? currentTurn.run(turn, next) : next();
    },
    watchClient: (telegram, bot) => watch(telegram, () => currentTurn.getStore(), bot),
    stop: () => {
      active = false;
    },
  };
}
