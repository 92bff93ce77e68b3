import type { Webhooks } from '@bothooks/core';
import {
  type JsonApiOptions,
  type JsonApiRenderer,
  resolveJsonApiOptions,
  runJsonApi,
} from '@bothooks/core/adapter';
import { inboundMessageData, renderReply } from '@bothooks/platform-botframework';
import type { RouteHandler, TurnContext, TurnState } from '@microsoft/agents-hosting';
import { ADAPTER_NAME } from './hooks';

type Activities = Parameters<TurnContext['sendActivities']>[0];

/** Shows a reply natively: each message an activity, sent in order through the turn, so bothooks reports them. */
const renderer: JsonApiRenderer<TurnContext> = {
  describe: (context) => inboundMessageData(context.activity),
  render: async (context, reply) => {
    // Plain activities: the SDK's sendActivities parses each with Activity.fromObject.
    const activities = renderReply(reply, { channelId: context.activity.channelId });
    await context.sendActivities(activities as unknown as Activities);
  },
  sendText: async (context, text) => {
    await context.sendActivity(text);
  },
};

/**
 * A JSON API interaction as an Agents SDK route handler: calls `endpoint` with the turn's message (its interaction
 * tag and attributes included) and shows the reply in the conversation — text as messages, quick replies as
 * `suggestedActions` (`imBack`), a card as a HeroCard with `openUrl` and `imBack` buttons. A press on one of them
 * comes back as the user's next message, whose text is the button's value, for your routes to handle. On a
 * failure (an error status, a timeout, an invalid reply, a reply the channel cannot show) it sends
 * `errorResponse`, if given. The turn waits for the reply (a person is waiting for it), but the handler never
 * throws: every problem is reported through `hooks.on('error')` and the request's `request` event.
 *
 * @param hooks The `Webhooks` whose endpoint is called.
 * @param endpoint The endpoint's id (or URL).
 * @param options `errorResponse`, `method`, `timeoutMs`, `onAttributes`; validated now, so a mistake throws a
 *   `ConfigError` naming the option.
 * @returns A route handler for `app.onMessage(...)`, `app.onActivity(...)` (`(context, state) => Promise<void>`).
 * @throws {ConfigError} When `hooks`, `endpoint` or an option is invalid.
 *
 * @example
 * ```ts
 * app.onMessage('quote', jsonApi(hooks, 'quotes', { errorResponse: 'Sorry, the shop is not answering right now.' }));
 * ```
 */
export function jsonApi<TState extends TurnState = TurnState>(
  hooks: Webhooks,
  endpoint: string,
  options?: JsonApiOptions<TurnContext>,
): RouteHandler<TState> {
  const resolved = resolveJsonApiOptions<TurnContext>(hooks, endpoint, options);
  return async (context) => {
    await runJsonApi(hooks, endpoint, resolved, context, renderer, ADAPTER_NAME);
  };
}
