import type { Webhooks } from '@bothooks/core';
import {
  type JsonApiOptions,
  type JsonApiRenderer,
  resolveJsonApiOptions,
  runJsonApi,
} from '@bothooks/core/adapter';
import { inboundMessageData, renderReply } from '@bothooks/platform-botframework';
import type { TurnContext } from 'botbuilder';
import { ADAPTER_NAME } from './hooks';

/** Shows a reply natively: each message an activity, sent in order through the turn, so bothooks reports them. */
const renderer: JsonApiRenderer<TurnContext> = {
  describe: (context) => inboundMessageData(context.activity),
  render: async (context, reply) => {
    await context.sendActivities(renderReply(reply, { channelId: context.activity.channelId }));
  },
  sendText: async (context, text) => {
    await context.sendActivity(text);
  },
};

/**
 * A JSON API interaction as a botbuilder handler: calls `endpoint` with the turn's message (its interaction tag and
 * attributes included) and shows the reply in the conversation — text as messages, quick replies as
 * `suggestedActions` (`imBack`), a card as a HeroCard with `openUrl` and `imBack` buttons. A press on one of them
 * comes back as the user's next message, whose text is the button's value. On a failure (an error status, a
 * timeout, an invalid reply, a reply the channel cannot show) it sends `errorResponse`, if given. The turn waits for
 * the reply (a person is waiting for it), but the handler never throws: every problem is reported through
 * `hooks.on('error')` and the request's `request` event. Then it calls `next()`.
 *
 * @param hooks The `Webhooks` whose endpoint is called.
 * @param endpoint The endpoint's id (or URL).
 * @param options `errorResponse`, `method`, `timeoutMs`, `onAttributes`; validated now, so a mistake throws a
 *   `ConfigError` naming the option.
 * @returns An `ActivityHandler` handler (`(context, next) => Promise<void>`).
 * @throws {ConfigError} When `hooks`, `endpoint` or an option is invalid.
 *
 * @example
 * ```ts
 * this.onMessage(jsonApi(hooks, 'quotes', { errorResponse: 'Sorry, the shop is not answering right now.' }));
 * ```
 */
export function jsonApi(
  hooks: Webhooks,
  endpoint: string,
  options?: JsonApiOptions<TurnContext>,
): (context: TurnContext, next: () => Promise<void>) => Promise<void> {
  const resolved = resolveJsonApiOptions<TurnContext>(hooks, endpoint, options);
  return async (context, next) => {
    await runJsonApi(hooks, endpoint, resolved, context, renderer, ADAPTER_NAME);
    await next();
  };
}
