import type { Webhooks } from '@bothooks/core';
import { type JsonApiOptions, resolveJsonApiOptions, runJsonApi } from '@bothooks/core/adapter';
import { botAccount, telegramRenderer } from '@bothooks/platform-telegram';
import type { Context, MiddlewareFn } from 'telegraf';
import { ADAPTER_NAME } from './hooks';

/**
 * A Telegraf handler that asks a JSON API endpoint what to answer, and shows its reply in the chat: texts as
 * messages, quick replies as a one-time reply keyboard, a card as a photo with its title and subtitle as the
 * caption and its buttons as an inline keyboard (a text message when it has no image). The request carries the
 * update's message, with its interaction tag and attributes when `attachWebhooks` observes the bot. The replies
 * are ordinary sends, so the webhooks see them as `message.sent`. When the request fails, times out or the reply
 * cannot be shown (callback data over 64 bytes, ...), `errorResponse` is sent, if given; nothing is ever thrown
 * into the bot.
 *
 * A press on a rendered callback button is an ordinary callback query whose data is the button's `value`
 * (`bot.action('cancel 42', ...)`); a quick reply is an ordinary text message (`bot.hears('Track', ...)`).
 *
 * @param hooks The `Webhooks` from `createWebhooks()`, with the endpoint.
 * @param endpoint The id (or URL) of the endpoint to call.
 * @param options `errorResponse`, `method`, `timeoutMs` and `onAttributes`.
 * @returns A Telegraf middleware, to use as a handler.
 * @throws {ConfigError} When `hooks`, `endpoint` or an option is invalid.
 * @example
 * ```ts
 * bot.command('quote', jsonApi(hooks, 'quotes', { errorResponse: 'Sorry, try again later.' }));
 * ```
 */
export function jsonApi<TContext extends Context = Context>(
  hooks: Webhooks,
  endpoint: string,
  options?: JsonApiOptions<TContext>,
): MiddlewareFn<TContext> {
  const resolved = resolveJsonApiOptions<TContext>(hooks, endpoint, options);
  const renderer = telegramRenderer<TContext>((context) =>
    botAccount(context.botInfo, context.telegram?.token),
  );
  return async (context) => {
    await runJsonApi(hooks, endpoint, resolved, context, renderer, ADAPTER_NAME);
  };
}
