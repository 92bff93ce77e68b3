import type { TurnContext } from 'botbuilder';
import { turnEntries } from './turn-registry';

/**
 * Tags the current turn with an interaction. Endpoints scoped to it (`interactions: ['order']`) receive the
 * turn's inbound message at once and every message the bot sends later in the turn; every later event of the
 * turn carries `data.interaction`. Never throws; an invalid name is reported through `hooks`' `error` event,
 * and without bothooks on the adapter it does nothing.
 *
 * @param context The turn's context (or one cloned from it, as dialogs and skills do).
 * @param name The interaction, e.g. `'order'`.
 *
 * @example
 * ```ts
 * this.onMessage(async (context, next) => {
 *   if (context.activity.text === 'order') tagInteraction(context, 'order');
 *   await next();
 * });
 * ```
 */
export function tagInteraction(context: TurnContext, name: string): void {
  try {
    for (const { turn, publisher } of turnEntries(context)) publisher.tag(turn, name, context);
  } catch {
    // A context used after its turn ended is a revoked proxy; there is nothing left to tag.
  }
}
