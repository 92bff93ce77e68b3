import { ConfigError } from '@bothooks/core';
import type { Context, MiddlewareFn } from 'telegraf';

// The turns of the updates being handled, by context. Several attachments (several `Webhooks`) can watch one bot.
const taggersByContext = new WeakMap<object, ((name: string) => void)[]>();

/** Lets `tagInteraction(context, ...)` find the turn an attachment keeps for this update. */
export function registerTurn(context: object, tag: (name: string) => void): void {
  const taggers = taggersByContext.get(context);
  if (taggers) taggers.push(tag);
  else taggersByContext.set(context, [tag]);
}

/**
 * Tags the update being handled with an interaction: its incoming message goes at once to the endpoints scoped to
 * that interaction (`interactions: ['order']`), and every later event of the update carries `interaction`.
 * Does nothing when no webhooks are attached to the bot; never throws.
 *
 * @param context The Telegraf context of the update.
 * @param name The interaction, e.g. `'order'`.
 * @example
 * ```ts
 * bot.on('text', async (context) => {
 *   if (context.message.text.includes('refund')) tagInteraction(context, 'refund');
 *   await context.reply('On it!');
 * });
 * ```
 */
export function tagInteraction(context: Context, name: string): void {
  if (typeof context !== 'object' || context === null) return;
  for (const tag of taggersByContext.get(context) ?? []) tag(name);
}

/**
 * Middleware that tags the update with an interaction (see {@link tagInteraction}), then goes on.
 *
 * @param name The interaction, e.g. `'order'`.
 * @returns A Telegraf middleware.
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
