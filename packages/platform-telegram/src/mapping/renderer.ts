import type { Account, MessageEventData } from '@bothooks/core';
import type { JsonApiRenderer } from '@bothooks/core/adapter';
import type { Update } from './bot-api';
import { type ReplyCall, renderReply, renderText } from './reply';
import { mapUpdate } from './update';

/**
 * What the contexts of both Telegram frameworks have to answer in the update's chat: `ctx.reply(text, options)`
 * and `ctx.replyWithPhoto(photo, options)`, which add the chat and the forum topic themselves.
 */
export interface ReplyContext {
  readonly update: Update;
  reply(text: string, options: ReplyCall['options']): Promise<unknown>;
  replyWithPhoto(photo: string, options: ReplyCall['options']): Promise<unknown>;
}

async function show(context: ReplyContext, calls: ReplyCall[]): Promise<void> {
  for (const call of calls) {
    if (call.method === 'sendMessage') await context.reply(call.text, call.options);
    else await context.replyWithPhoto(call.photo, call.options);
  }
}

/**
 * The JSON API renderer of a Telegram adapter, for the kit's `runJsonApi`: it describes an update with the shared
 * mapping, and shows a reply with {@link renderReply} through the context's own `reply` and `replyWithPhoto`, one
 * call after the other, in order. It does no I/O of its own: the framework sends. A reply is rendered in full
 * first, so one that Telegram cannot show is refused before anything is sent.
 *
 * @param botOf The bot's account, from the framework's context.
 * @returns The renderer.
 * @example
 * ```ts
 * const renderer = telegramRenderer<Context>((context) => botAccount(context.me, context.api.token));
 * await runJsonApi(hooks, 'quotes', resolved, context, renderer, 'grammy');
 * ```
 */
export function telegramRenderer<TContext extends ReplyContext>(
  botOf: (context: TContext) => Account,
): JsonApiRenderer<TContext> {
  return {
    describe: (context): MessageEventData | undefined =>
      mapUpdate(context.update, botOf(context), { callbackQueries: true })?.data,
    render: async (context, reply) => show(context, renderReply(reply)),
    sendText: async (context, text) => show(context, renderText(text)),
  };
}
