import { tagTurn } from '@bothooks/core/adapter';
import type { TurnContext } from 'botbuilder';

/**
 * Tags the current turn with an interaction. Endpoints scoped to it (`interactions: ['order']`) receive the
 * turn's inbound message at once and every message the bot sends later in the turn; every later event of the
 * turn carries `data.interaction`. Never throws.
 *
 * @param context The turn's context (or one cloned from it, as dialogs and skills do: the turn the caller runs in
 *   is tagged).
 * @param name The interaction, e.g. `'order'`.
 * @returns Whether a turn was tagged: false without bothooks on the adapter, outside any turn, or for an empty
 *   name (reported through `hooks.on('error')` as `INVALID_INTERACTION`).
 *
 * @example
 * ```ts
 * this.onMessage(async (context, next) => {
 *   if (context.activity.text === 'order') tagInteraction(context, 'order');
 *   await next();
 * });
 * ```
 */
export function tagInteraction(context: TurnContext, name: string): boolean {
  return tagTurn(context, name);
}
