import type { Account, MessageEventType, Webhooks } from '@bothooks/core';
import {
  type AdapterAttachment,
  type CallOutcome,
  createAdapterAttachment,
  OPERATION_EVENT_TYPES,
  type Turn,
} from '@bothooks/core/adapter';
import {
  botAccount,
  callKind,
  inboundEventType,
  mapApiCall,
  mapFailedCall,
  mapUpdate,
  type Participants,
  participantsOf,
} from '@bothooks/platform-telegram';
import type { Bot, Context } from 'grammy';
import { createApiWatcher } from './hooks/transformers';
import { callFailure } from './mapping/failure';
import { describeInputFile } from './mapping/input-file';
import type { ResolvedOptions } from './options';

/** The name errors are reported under. */
export const ADAPTER_NAME = 'grammy';

/** What a turn (one update) remembers: the bot answering it, and the update's conversation and user. */
interface TurnFacts extends Participants {
  bot: Account;
}

type Attachment<TContext extends Context> = AdapterAttachment<TContext, TurnFacts>;
type UpdateTurn<TContext extends Context> = Turn<TContext, TurnFacts>;

/** The framework hooks of one attachment: updates in, and every API client's calls out. */
export interface GrammyHooks<TContext extends Context> {
  readonly attachment: Attachment<TContext>;
  /** Reports the update, watches `context.api`, and runs the rest of the chain inside the update's turn. */
  observeUpdate(context: TContext, next: () => Promise<unknown> | unknown): Promise<unknown> | unknown;
}

/** What `getMe` answered, once grammY knows it: `bot.botInfo` throws until `bot.init()` ran. */
function knownBotInfo(bot: { readonly botInfo: Bot['botInfo'] }): Bot['botInfo'] | undefined {
  try {
    return bot.botInfo;
  } catch {
    return undefined;
  }
}

/**
 * Opens an attachment of `hooks` (to `bot`, or for middleware to no bot) and returns its hooks; `undefined` when
 * these webhooks already observe the bot (reported as `ALREADY_ATTACHED`).
 */
export function createGrammyHooks<TContext extends Context>(
  hooks: Webhooks,
  options: ResolvedOptions<TContext>,
  bot?: Bot<TContext>,
): GrammyHooks<TContext> | undefined {
  // Middleware never sees the bot: the token of the updates it handles is what must stay out of failures.
  let seenToken: string | undefined;
  const attachment = createAdapterAttachment<TContext, TurnFacts>({
    adapter: ADAPTER_NAME,
    hooks,
    options: options.shared,
    ...(bot && { target: bot }),
    secrets: () => [bot?.token, seenToken],
  });
  if (!attachment) return undefined;
  const { publisher } = attachment;
  const mapping = { callbackQueries: options.switches.callbackQueries };

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
    account: Account,
  ): void => {
    const scope = { bot: account, turn: turn?.facts };
    // A transformer sees the Bot API's answer: a refused call resolves with `ok: false` (grammY throws its
    // GrammyError only after the transformers), a network failure rejects.
    const answer = outcome.ok ? (outcome.value as { ok?: unknown; result?: unknown }) : undefined;
    if (answer?.ok === true) {
      for (const event of mapApiCall(method, payload, answer.result, scope, describeInputFile)) {
        publisher.publish(event.type, event.data, { turn });
      }
      return;
    }
    const kind = callKind(method);
    if (!kind || !publisher.wants('message.failed')) return;
    const { error, facts } = callFailure(method, outcome.ok ? outcome.value : outcome.error);
    const failure = attachment.describeFailure(kind, error, facts);
    const event = mapFailedCall(method, payload, failure, scope, describeInputFile);
    if (event) publisher.publish(event.type, event.data, { turn });
  };

  const watcher = createApiWatcher(attachment, wantsCall);

  const beginTurn = (context: TContext): UpdateTurn<TContext> | undefined => {
    seenToken = context.api?.token ?? seenToken;
    const account = botAccount(context.me, context.api?.token);
    const turn = attachment.beginTurn(context, { bot: account, ...participantsOf(context.update) });
    if (!turn) return undefined;
    const type: MessageEventType | undefined = inboundEventType(context.update, mapping);
    if (type !== undefined && publisher.wants(type)) {
      const event = mapUpdate(context.update, account, mapping);
      if (event) publisher.publish(event.type, event.data, { turn, timestamp: event.timestamp });
    }
    // Each update has its own `ctx.api`: its calls belong to this turn, even when made after the handler returned.
    if (context.api) {
      watcher.watch(
        context.api,
        (method, payload, outcome) => reportCall(method, payload, outcome, turn, account),
        false,
      );
    }
    return turn;
  };

  const observeUpdate = (context: TContext, next: () => Promise<unknown> | unknown) => {
    let turn: UpdateTurn<TContext> | undefined;
    try {
      turn = beginTurn(context);
    } catch (error) {
      publisher.report(error, 'INBOUND_MAPPING_FAILED');
    }
    return turn ? attachment.runInTurn(turn, next) : next();
  };

  if (bot) {
    // `handleUpdate` asks for `this.middleware()` on every update, from polling, `webhookCallback` and
    // @grammyjs/runner alike: an own property puts the observer in front of every handler, including those
    // registered before attaching.
    attachment.patch(
      bot,
      'middleware',
      (original) =>
        function (this: Bot<TContext>) {
          const chain = original.call(this);
          return (context, next) => observeUpdate(context, () => chain(context, next));
        },
    );
    // `bot.api` serves the calls made outside updates, and `bot.api.*` calls made while handling one, which
    // join its turn. Each update's `ctx.api` copies its transformers, this one included.
    watcher.watch(
      bot.api,
      (method, payload, outcome) => {
        const turn = attachment.currentTurn();
        reportCall(
          method,
          payload,
          outcome,
          turn,
          turn?.facts.bot ?? botAccount(knownBotInfo(bot), bot.token),
        );
      },
      true,
    );
  }

  return { attachment, observeUpdate };
}
