import { AsyncLocalStorage } from 'node:async_hooks';
import type { Account, TurnRecord } from '@bothooks/core';
import type { DiscordContext } from './options';

/**
 * One attachment's view of a turn: the handling of one inbound message or interaction, and everything the
 * bot's listeners do while handling it (discord.js calls every listener synchronously inside `emit`, and
 * `AsyncLocalStorage` follows their awaits, timers and REST calls).
 */
export interface TurnScope {
  /** The attachment the scope belongs to: several may watch the same client. */
  readonly owner: object;
  readonly turn: TurnRecord;
  readonly context: DiscordContext;
  readonly channelId: string;
  /** The human who started the turn: the user of its replies in the same channel. */
  readonly user: Account | undefined;
  /** Tags the turn through the attachment's publisher. */
  tag(interaction: string): void;
}

const storage = new AsyncLocalStorage<readonly TurnScope[]>();
const byContext = new WeakMap<object, TurnScope[]>();

/** Runs `body` (the framework's emit) with `scope` as a current turn, inside any outer attachment's turn. */
export function runInTurn<TResult>(scope: TurnScope, body: () => TResult): TResult {
  const scopes = storage.getStore() ?? [];
  return storage.run([...scopes, scope], body);
}

/** The attachment's current turn, when the caller runs inside one. */
export function currentTurn(owner: object): TurnScope | undefined {
  const scopes = storage.getStore();
  if (!scopes) return undefined;
  for (let index = scopes.length - 1; index >= 0; index -= 1) {
    const scope = scopes[index];
    if (scope?.owner === owner) return scope;
  }
  return undefined;
}

/** Remembers which turn a message or interaction started, for {@link tagInteraction}. */
export function registerTurn(context: object, scope: TurnScope): void {
  const scopes = byContext.get(context);
  if (scopes) scopes.push(scope);
  else byContext.set(context, [scope]);
}

/**
 * Tags the turn started by a message or interaction with an interaction name: its inbound message is sent
 * at once to the endpoints scoped to that interaction (`interactions: ['order']`), and so is every later
 * event of the turn. Called with any other object, it tags the turn the caller runs in.
 * Returns whether a turn was tagged; never throws.
 *
 * @example
 * ```ts
 * client.on('messageCreate', async (message) => {
 *   if (message.content.startsWith('!order')) {
 *     tagInteraction(message, 'order');
 *     await message.reply('Which size?');
 *   }
 * });
 * ```
 */
export function tagInteraction(messageOrInteraction: DiscordContext, interaction: string): boolean {
  try {
    const known = typeof messageOrInteraction === 'object' && messageOrInteraction !== null;
    const scopes = (known ? byContext.get(messageOrInteraction) : undefined) ?? storage.getStore() ?? [];
    // An invalid name still goes to each turn's publisher, which reports it through the `error` event.
    for (const scope of scopes) scope.tag(interaction);
    return scopes.length > 0 && typeof interaction === 'string' && interaction !== '';
  } catch {
    // Tagging is bookkeeping: it must never break the handler that asked for it.
    return false;
  }
}
