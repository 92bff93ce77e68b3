import type { AdapterPublisher, TurnRecord } from '@bothooks/core';
import type { TurnContext } from 'botbuilder';

/** One bothooks attachment's view of a turn. */
export interface TurnEntry {
  turn: TurnRecord;
  publisher: AdapterPublisher<TurnContext>;
}

/** The turns bothooks observes, by the `Webhooks` instance they publish to. */
type TurnEntries = Map<object, TurnEntry>;

/**
 * A global symbol, so two copies of this package (an ESM and a CommonJS one in the same process) share the
 * entries and `tagInteraction` from either finds the turn.
 */
const TURN_STATE_KEY = Symbol.for('@bothooks/botbuilder/turns');

/**
 * Contexts cloned with `new TurnContext(context)` (dialogs, skills) share the activity and the send handlers
 * but, in botbuilder 4.x, not the turn state; the activity object identifies the turn for them.
 */
const entriesByActivity = new WeakMap<object, TurnEntries>();

function stateEntries(context: TurnContext): TurnEntries | undefined {
  const entries: unknown = context.turnState.get(TURN_STATE_KEY);
  return entries instanceof Map ? (entries as TurnEntries) : undefined;
}

/**
 * Registers the turn for `hooks`; `undefined` when it already is, so a second bothooks on the same adapter
 * and `Webhooks` (say `attachWebhooks` plus `webhookMiddleware`) never reports a message twice.
 */
export function claimTurn(context: TurnContext, hooks: object, entry: TurnEntry): TurnEntry | undefined {
  let entries = stateEntries(context);
  if (entries?.has(hooks)) return undefined;
  if (!entries) {
    entries = new Map();
    context.turnState.set(TURN_STATE_KEY, entries);
    // Only a fallback for cloned contexts: a bot may run the same activity object through two turns.
    const activity: unknown = context.activity;
    if (typeof activity === 'object' && activity !== null) entriesByActivity.set(activity, entries);
  }
  entries.set(hooks, entry);
  return entry;
}

/** Every bothooks attachment observing the turn of `context`. */
export function turnEntries(context: TurnContext): TurnEntry[] {
  let entries = stateEntries(context);
  if (!entries) {
    const activity: unknown = context.activity;
    entries = typeof activity === 'object' && activity !== null ? entriesByActivity.get(activity) : undefined;
  }
  return entries ? [...entries.values()] : [];
}
