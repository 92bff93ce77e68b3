import { ConfigError } from '@bothooks/core';
import { tagTurn } from '@bothooks/core/adapter';
import type { Context, MiddlewareFn } from 'grammy';

/**
 * Tags the update being handled with an interaction: its incoming message goes at once to the endpoints scoped to
 * that interaction (`interactions: ['order']`), and every later event of the update carries `interaction`.
 * Never throws.
 *
 * @param context The grammY context of the update (any other object tags the update the caller runs in).
 * @param name The interaction, e.g. `'order'`.
 * @returns Whether an update was tagged: false when no webhooks are attached, outside any update, or for an
 *   empty name (reported through `hooks.on('error')` as `INVALID_INTERACTION`).
 * @example
 * ```ts
 * bot.on('message:text', async (context) => {
 *   if (context.message.text.includes('refund')) tagInteraction(context, 'refund');
 *   await context.reply('On it!');
 * });
 * ```
 */
export function tagInteraction(context: Context, name: string): boolean {
  return tagTurn(context, name);
}

/**
 * Middleware that tags the update with an interaction (see {@link tagInteraction}), then goes on.
 *
 * @param name The interaction, e.g. `'order'`.
 * @returns A grammY middleware.
 * @throws {ConfigError} When `name` is not a non-empty string.
 * @example
 * ```ts
 * bot.command('order', interaction('order'), (context) => context.reply('What would you like?'));
 * ```
 */
export function interaction<TContext extends Context = Context>(name: string): MiddlewareFn<TContext> {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ConfigError('interaction', 'must be a non-empty string');
  }
  return (context, next) => {
    tagInteraction(context, name);
    return next();
  };
}
