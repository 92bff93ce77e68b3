import type { Webhooks } from '@bothooks/core';
import {
  type JsonApiOptions,
  type JsonApiRenderer,
  resolveJsonApiOptions,
  runJsonApi,
} from '@bothooks/core/adapter';
import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { ADAPTER_NAME } from './hooks';
import { record, text } from './mapping/fields';
import { bodyFacts, mapInbound } from './mapping/inbound';
import { renderReply, renderText, SLACK_LIMITS, type SlackMessage } from './mapping/reply';

/** What a Bolt listener gets, whatever it listens to. */
export type ListenerArgs = AnyMiddlewareArgs & AllMiddlewareArgs;

type Reply = (message: Record<string, unknown>) => Promise<unknown>;

/** Where the answer goes: `respond()` for commands and interactions, `say()` (in the thread) for messages. */
function replier(args: ListenerArgs): { send: Reply; maxMessages: number } | undefined {
  const body = record(args.body) ?? {};
  const respond =
    'respond' in args && typeof args.respond === 'function' ? (args.respond as Reply) : undefined;
  const say = 'say' in args && typeof args.say === 'function' ? (args.say as Reply) : undefined;
  if (respond && bodyFacts(body).kind !== 'event') {
    return {
      // In the channel, as a new message: the answer is part of the conversation, like a reply to a message.
      send: (message) => respond({ ...message, response_type: 'in_channel', replace_original: false }),
      maxMessages: SLACK_LIMITS.responsesPerUrl,
    };
  }
  if (!say) return undefined;
  const event = record(body.event);
  const threadTs = text(event?.thread_ts);
  return {
    send: (message) => say({ ...message, ...(threadTs !== undefined && { thread_ts: threadTs }) }),
    maxMessages: Number.POSITIVE_INFINITY,
  };
}

async function sendAll(args: ListenerArgs, messages: SlackMessage[]): Promise<void> {
  const target = replier(args);
  if (!target) throw new Error('this delivery has neither respond() nor say(): there is nowhere to answer');
  for (const message of messages) await target.send({ ...message });
}

const renderer: JsonApiRenderer<ListenerArgs> = {
  describe: (args) => {
    const body = (record(args.body) ?? {}) as Record<string, unknown>;
    const self = { userId: args.context.botUserId, botId: args.context.botId };
    const bot = { id: self.userId ?? self.botId ?? text(body.api_app_id) ?? 'unknown' };
    return mapInbound(body, bot, self)?.data;
  },
  render: async (args, reply) => {
    const target = replier(args);
    // Rendered in full first: what Slack cannot show is refused before anything is sent.
    const messages = renderReply(reply, { maxMessages: target?.maxMessages ?? Number.POSITIVE_INFINITY });
    await sendAll(args, messages);
  },
  sendText: (args, value) => sendAll(args, [renderText(value)]),
};

/**
 * A Bolt listener that answers with a JSON API endpoint's reply: it sends the message (its interaction tag and
 * attributes included) to `endpoint` as a signed `jsonapi.request`, and shows the reply in Block Kit — text as
 * sections, quick replies as buttons, a card as a section with its image and buttons. Commands, buttons and
 * other interactions are acknowledged at once (Slack's 3-second limit) and answered through `respond()`, so a
 * slow endpoint never makes Slack show an error; messages and mentions are answered with `say()`, in their
 * thread. On a failure (the endpoint refused, timed out or sent an invalid reply, or Slack cannot show it) it
 * sends `errorResponse`, if given, and reports why through `hooks.on('error')` and the `request` event. It
 * never throws into Bolt.
 *
 * A button of the reply comes back as a `block_actions` delivery whose `action_id` starts with `bothooks_`:
 * route it with `app.action(/^bothooks_/, jsonApi(hooks, endpoint))`; the endpoint gets the button's title as
 * the message text.
 *
 * @param hooks The `Webhooks` from `createWebhooks()`.
 * @param endpoint The id (or URL) of the endpoint to ask.
 * @param options `errorResponse`, `method`, `timeoutMs`, `onAttributes`; validated now.
 * @returns A Bolt listener, for `app.message`, `app.command`, `app.action`, `app.event('app_mention')`, ...
 * @throws {ConfigError} When `hooks`, `endpoint` or an option is invalid.
 * @example
 * ```ts
 * app.message('quote', jsonApi(hooks, 'quotes', { errorResponse: 'Sorry, try again later.' }));
 * app.command('/quote', jsonApi(hooks, 'quotes'));
 * app.action(/^bothooks_/, jsonApi(hooks, 'quotes'));
 * ```
 */
export function jsonApi(
  hooks: Webhooks,
  endpoint: string,
  options?: JsonApiOptions<ListenerArgs>,
): Middleware<AnyMiddlewareArgs> {
  const resolved = resolveJsonApiOptions<ListenerArgs>(hooks, endpoint, options);
  return async (args) => {
    if ('ack' in args && typeof args.ack === 'function') {
      try {
        await (args.ack as () => Promise<void>)();
      } catch {
        // Acknowledged already, by an earlier listener or middleware: Slack needs one acknowledgement only.
      }
    }
    await runJsonApi(hooks, endpoint, resolved, args, renderer, ADAPTER_NAME);
  };
}
