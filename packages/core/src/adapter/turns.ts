import { AsyncLocalStorage } from 'node:async_hooks';
import type { MessageEvent } from '../event';
import type { Webhooks } from '../webhooks';

/**
 * One attachment's view of a turn: the handling of one inbound update, activity, message or interaction, and
 * everything the bot does while handling it.
 */
export interface Turn<TContext = unknown, TFacts = undefined> {
  /** The attachment the turn belongs to (several may watch the same bot). */
  readonly owner: object;
  readonly hooks: Webhooks;
  /** The framework's context of the turn: what `attributes` receives. */
  readonly context: TContext;
  /** What the adapter needs to remember of the turn (its conversation, its user). */
  readonly facts: TFacts;
  /** The turn's inbound `message.received`, once published: what tagging sends to the interaction's endpoints. */
  inbound: MessageEvent | undefined;
  /** The interaction the turn was tagged with. */
  interaction: string | undefined;
  /** Tags the turn (see `tagInteraction`); false when the name is invalid or the attachment is detached. */
  tag(name: string): boolean;
}

/** A turn of any adapter, as the registry keeps it. */
type AnyTurn = Turn<unknown, unknown>;

interface Registry {
  /** The turns the caller runs in, innermost last: one per attachment whose turn encloses the call. */
  readonly storage: AsyncLocalStorage<readonly AnyTurn[]>;
  /** The turns each context started, for tagging by context. */
  readonly byContext: WeakMap<object, AnyTurn[]>;
}

// On `globalThis` under a global symbol, so two copies of core in one process (the ESM and the CommonJS build,
// or two versions) share one registry and `tagInteraction` from either finds every turn.
const REGISTRY = Symbol.for('@bothooks/core/adapter/turns@1');

function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  holder[REGISTRY] ??= { storage: new AsyncLocalStorage(), byContext: new WeakMap() };
  return holder[REGISTRY];
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

/** Remembers that `turn` was started by its context, so tagging that context finds it. */
export function registerTurn(turn: AnyTurn): void {
  if (!isObject(turn.context)) return;
  const { byContext } = registry();
  const turns = byContext.get(turn.context);
  if (turns) turns.push(turn);
  else byContext.set(turn.context, [turn]);
}

/** The turns started by `context`, of every attachment. */
export function turnsOf(context: unknown): readonly AnyTurn[] {
  return (isObject(context) ? registry().byContext.get(context) : undefined) ?? [];
}

/**
 * Runs `body` inside `turn`: everything it does, including what it awaits, schedules and calls back later,
 * finds the turn with {@link currentTurn}. Turns of other attachments the caller runs in stay current too.
 */
export function runInTurn<TResult>(turn: AnyTurn, body: () => TResult): TResult {
  const { storage } = registry();
  return storage.run([...(storage.getStore() ?? []), turn], body);
}

/** The innermost turn of `owner` the caller runs in, if any. */
export function currentTurn(owner: object): AnyTurn | undefined {
  const turns = registry().storage.getStore() ?? [];
  for (let index = turns.length - 1; index >= 0; index -= 1) {
    const turn = turns[index];
    if (turn?.owner === owner) return turn;
  }
  return undefined;
}

/**
 * The turn of `hooks` that `context` started or, failing that, that the caller runs in: what a handler of the turn
 * (the JSON API) takes the turn's inbound message from.
 */
export function turnOfHooks(context: unknown, hooks: Webhooks): AnyTurn | undefined {
  const started = turnsOf(context).find((turn) => turn.hooks === hooks);
  if (started) return started;
  const running = registry().storage.getStore() ?? [];
  for (let index = running.length - 1; index >= 0; index -= 1) {
    if (running[index]?.hooks === hooks) return running[index];
  }
  return undefined;
}

/**
 * Tags a turn with an interaction, in every adapter the same way: the turns `context` started (of every
 * attachment watching the bot) or, when `context` started none (a context cloned by a dialog, any other object),
 * the turns the caller runs in. Each turn's inbound message goes at once to the endpoints scoped to the
 * interaction (`interactions: ['order']`), and every later event of the turn carries it.
 *
 * @returns Whether a turn was tagged: false outside any turn, for an invalid name (reported through each
 *   turn's `error` event), or once detached. Never throws.
 * @example
 * ```ts
 * export function tagInteraction(context: Context, name: string): boolean {
 *   return tagTurn(context, name);
 * }
 * ```
 */
export function tagTurn(context: unknown, name: string): boolean {
  try {
    const started = turnsOf(context);
    const turns = started.length > 0 ? started : (registry().storage.getStore() ?? []);
    let tagged = false;
    for (const turn of turns) tagged = turn.tag(name) || tagged;
    return tagged;
  } catch {
    // Tagging is bookkeeping: it must never break the handler that asked for it.
    return false;
  }
}
