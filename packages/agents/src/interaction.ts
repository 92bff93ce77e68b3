import { tagTurn } from '@bothooks/core/adapter';
import type { TurnContext } from '@microsoft/agents-hosting';

/**
 * Tags the current turn with an interaction. Endpoints scoped to it (`interactions: ['order']`) receive the
 * turn's inbound message at once and every message the agent sends later in the turn; every later event of the
 * turn carries `data.interaction`. Never throws.
 *
 * @param context The turn's context (the one a route handler or middleware gets).
 * @param name The interaction, e.g. `'order'`.
 * @returns Whether a turn was tagged: false without bothooks on the adapter, outside any turn, or for an empty
 *   name (reported through `hooks.on('error')` as `INVALID_INTERACTION`).
 *
 * @example
 * ```ts
 * app.onMessage('order', async (context) => {
 *   tagInteraction(context, 'order');
 *   await context.sendActivity('Which product?');
 * });
 * ```
 */
export function tagInteraction(context: TurnContext, name: string): boolean {
  return tagTurn(context, name);
}
