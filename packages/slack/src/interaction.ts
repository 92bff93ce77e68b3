import { ConfigError } from '@bothooks/core';
import { tagTurn } from '@bothooks/core/adapter';
import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/**
 * Tags the delivery being handled with an interaction: its incoming message goes at once to the endpoints
 * scoped to that interaction (`interactions: ['order']`), and every later event of the delivery carries
 * `interaction`. Never throws.
 *
 * @param context The listener's `body` (or any object: inside a listener the delivery it handles is tagged).
 * @param name The interaction, e.g. `'order'`.
 * @returns Whether a delivery was tagged: false when no webhooks are attached, outside any listener, or for an
 *   empty name (reported through `hooks.on('error')` as `INVALID_INTERACTION`).
 * @example
 * ```ts
 * app.message(/refund/, async ({ body, say }) => {
 *   tagInteraction(body, 'refund');
 *   await say('On it!');
 * });
 * ```
 */
export function tagInteraction(context: object, name: string): boolean {
  return tagTurn(context, name);
}

/**
 * Listener middleware that tags the delivery with an interaction (see {@link tagInteraction}), then goes on.
 *
 * @param name The interaction, e.g. `'order'`.
 * @returns A Bolt middleware, for any listener (`app.message`, `app.command`, `app.action`, ...).
 * @throws {ConfigError} When `name` is not a non-empty string.
 * @example
 * ```ts
 * app.command('/order', interaction('order'), async ({ ack, respond }) => {
 *   await ack();
 *   await respond('What would you like?');
 * });
 * ```
 */
export function interaction<TArgs extends AnyMiddlewareArgs = AnyMiddlewareArgs>(
  name: string,
): Middleware<TArgs> {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ConfigError('interaction', 'must be a non-empty string');
  }
  return async (args: TArgs & AllMiddlewareArgs) => {
    tagInteraction(args.body, name);
    await args.next();
  };
}
