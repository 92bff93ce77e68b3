import type { ErrorReportCode } from '../error-codes';
import { BothooksError } from '../errors';
import type { MessageFailure } from '../event';
import type { Webhooks } from '../webhooks';
import { describeFailure, type FailureFacts } from './failure';
import { type CallOutcome, type MethodName, observeCall, patchMethod } from './intercept';
import type { AdapterOptions } from './options';
import { type AdapterPublisher, createAdapterPublisher } from './publisher';
import { currentTurn, registerTurn, runInTurn, type Turn, turnsOf } from './turns';

/** What {@link createAdapterAttachment} needs to know. */
export interface AdapterAttachmentOptions<TContext> {
  /** The adapter's name: the `source` of its error reports (`telegraf`, `discordjs`). */
  adapter: string;
  hooks: Webhooks;
  /** The adapter's shared options, resolved (`resolveAdapterOptions(...).shared`). */
  options: AdapterOptions<TContext>;
  /**
   * The framework object `attachWebhooks` was given (the bot, the adapter, the client). The same `Webhooks` is
   * attached to it once: a second attachment is refused with an `ALREADY_ATTACHED` warning. Omit it for
   * middleware, which never knows the bot; turns are still observed once per `Webhooks`.
   */
  target?: object;
  /** The bot's credentials (its token), removed from every failure message. Read when a failure is described. */
  secrets?: () => Iterable<string | null | undefined>;
}

/** One `Webhooks` observing one bot: everything an adapter's hooks use, and the `detach()` that undoes them. */
export interface AdapterAttachment<TContext, TFacts = undefined> {
  readonly hooks: Webhooks;
  readonly publisher: AdapterPublisher<TContext>;
  /** False once detached: hooks still installed (as pass-throughs) must do nothing. */
  readonly active: boolean;
  /** Patches `target[name]` until detach (see `patchMethod`); `wrap`'s replacement runs only while active. */
  patch<TTarget extends object, TName extends MethodName<TTarget>>(
    target: TTarget,
    name: TName,
    wrap: (original: TTarget[TName]) => TTarget[TName],
  ): void;
  /**
   * Starts the turn `context` begins and registers it for tagging. Undefined when detached, or when this
   * `Webhooks` already observes that context (through another attachment or middleware, or a second pass of this
   * one): the caller then reports nothing, so nothing is reported twice.
   */
  beginTurn(context: TContext, facts: TFacts): Turn<TContext, TFacts> | undefined;
  /** Runs `body` inside the turn, so {@link currentTurn} finds it from everything `body` starts. */
  runInTurn<TResult>(turn: Turn<TContext, TFacts>, body: () => TResult): TResult;
  /** This attachment's turn the caller runs in, if any: for calls made outside the context's own methods. */
  currentTurn(): Turn<TContext, TFacts> | undefined;
  /**
   * `observeCall` with this attachment's fault reporting: the call's own result or error, unchanged, and
   * `observe` sees the outcome while the attachment is active.
   */
  observe<TValue>(
    call: PromiseLike<TValue> | (() => PromiseLike<TValue>),
    observe: (outcome: CallOutcome<TValue>) => void,
    code?: ErrorReportCode,
  ): Promise<TValue>;
  /** Runs `work`, reporting what it throws under `code` instead of throwing. */
  safely(work: () => void, code?: ErrorReportCode): void;
  /** `data.error` for a `message.failed` event (see `describeFailure`), without the bot's credentials. */
  describeFailure(
    operation: MessageFailure['operation'],
    error: unknown,
    facts?: FailureFacts,
  ): MessageFailure;
  /** Runs `cleanup` on detach, after the patches are undone. */
  onDetach(cleanup: () => void): void;
  /** Stops publishing at once (for turns still being handled too) and undoes every patch. Idempotent. */
  detach(): void;
}

// Under a global symbol, so two copies of core (ESM and CommonJS) refuse the same duplicate.
const ATTACHED = Symbol.for('@bothooks/core/adapter/attached@1');

function attachedTo(): WeakMap<object, Set<Webhooks>> {
  const holder = globalThis as { [ATTACHED]?: WeakMap<object, Set<Webhooks>> };
  holder[ATTACHED] ??= new WeakMap();
  return holder[ATTACHED];
}

/**
 * Opens an attachment: the one place where adapters get the shared policies.
 *
 * - **Attach twice:** a `Webhooks` observes a bot once. Attaching it to the same `target` again, or running its
 *   middleware on a turn it already observes, changes nothing and reports one `ALREADY_ATTACHED` warning through
 *   `hooks.on('error')`; the first attachment stays, with its options. `createAdapterAttachment` then returns
 *   `undefined`, and the adapter returns a `detach()` that does nothing.
 * - **Turns** live on `AsyncLocalStorage`, shared by every adapter, so `tagTurn` means the same everywhere.
 * - **Failures** are described by `describeFailure` without the bot's `secrets`.
 * - **Text** is stripped by the publisher for `includeText: false`.
 *
 * @example
 * ```ts
 * const attachment = createAdapterAttachment({ adapter: 'telegraf', target: bot, hooks, options: resolved.shared });
 * if (!attachment) return () => undefined;
 * attachment.patch(bot, 'handleUpdate', (original) => ...);
 * return () => attachment.detach();
 * ```
 */
export function createAdapterAttachment<TContext, TFacts = undefined>(
  settings: AdapterAttachmentOptions<TContext>,
): AdapterAttachment<TContext, TFacts> | undefined {
  const { adapter, hooks, target } = settings;
  const warnDuplicate = (message: string): void =>
    hooks.reportError(new BothooksError('ALREADY_ATTACHED', message), {
      source: adapter,
      code: 'ALREADY_ATTACHED',
      severity: 'warning',
    });
  if (target !== undefined) {
    const attached = attachedTo().get(target) ?? new Set<Webhooks>();
    if (attached.has(hooks)) {
      warnDuplicate(
        'these webhooks are already attached to this bot; the first attachment stays, with its options, and this call changes nothing',
      );
      return undefined;
    }
    attached.add(hooks);
    attachedTo().set(target, attached);
  }

  let active = true;
  let warnedTurn = false;
  const owner = {};
  const restores: (() => unknown)[] = [];
  const publisher = createAdapterPublisher<TContext>(hooks, settings.options, adapter, () => active);

  const attachment: AdapterAttachment<TContext, TFacts> = {
    hooks,
    publisher,
    get active() {
      return active;
    },
    patch: (object, name, wrap) => {
      restores.push(patchMethod(object, name, wrap));
    },
    beginTurn: (context, facts) => {
      if (!active) return undefined;
      const observed = turnsOf(context).find((turn) => turn.hooks === hooks);
      if (observed) {
        if (observed.owner !== owner && !warnedTurn) {
          warnedTurn = true;
          warnDuplicate(
            'these webhooks already observe this bot (attachWebhooks and webhookMiddleware, or the middleware twice); each message is reported once',
          );
        }
        return undefined;
      }
      const turn: Turn<TContext, TFacts> = {
        owner,
        hooks,
        context,
        facts,
        inbound: undefined,
        interaction: undefined,
        tag: (name) => publisher.tag(turn, name),
      };
      registerTurn(turn);
      return turn;
    },
    runInTurn: (turn, body) => runInTurn(turn, body),
    currentTurn: () => currentTurn(owner) as Turn<TContext, TFacts> | undefined,
    observe: (call, observe, code = 'OUTBOUND_MAPPING_FAILED') =>
      observeCall(
        call,
        (outcome) => {
          if (active) observe(outcome);
        },
        (error) => publisher.report(error, code),
      ),
    safely: (work, code) => {
      try {
        work();
      } catch (error) {
        publisher.report(error, code);
      }
    },
    describeFailure: (operation, error, facts) => {
      let secrets: Iterable<string | null | undefined> = [];
      try {
        secrets = settings.secrets?.() ?? [];
      } catch {
        // A bot whose token cannot be read has only the generic credential shapes removed.
      }
      return describeFailure(operation, error, facts, secrets);
    },
    onDetach: (cleanup) => {
      restores.push(cleanup);
    },
    detach: () => {
      if (!active) return;
      active = false;
      for (const restore of restores.splice(0).reverse()) {
        try {
          restore();
        } catch (error) {
          publisher.report(error);
        }
      }
      if (target !== undefined) attachedTo().get(target)?.delete(hooks);
    },
  };
  return attachment;
}
