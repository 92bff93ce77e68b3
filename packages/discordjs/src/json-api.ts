import { BothooksError, ConfigError, type ErrorReportCode, type Webhooks } from '@bothooks/core';
import {
  FAILURE_MESSAGE_LENGTH,
  type JsonApiOptions,
  type JsonApiRenderer,
  redactSecrets,
  resolveJsonApiOptions,
  runJsonApi,
} from '@bothooks/core/adapter';
import type { Interaction, Message, RepliableInteraction } from 'discord.js';
import { ADAPTER_NAME } from './hooks';
import { interactionTarget, messageTarget, type ReplyTarget } from './hooks/reply-target';
import { accountFromUser } from './mapping/accounts';
import { sendFailureMessage } from './mapping/failure';
import { receivedInteractionData } from './mapping/interaction';
import { receivedMessageData } from './mapping/message';
import { type DiscordReplyMessage, renderReply, renderText } from './mapping/reply';

/** What a `jsonApi` handler answers: a message, or an interaction a bot can reply to (every one but autocomplete). */
export type JsonApiContext = Message | RepliableInteraction;

/** Options of {@link jsonApi}: the shared JSON API options, and how an interaction is answered in time. */
export interface DiscordjsJsonApiOptions extends JsonApiOptions<JsonApiContext> {
  /**
   * For an interaction: how long after it was created to defer it ("… is thinking") if the endpoint has not
   * answered yet, in ms, so the reply fills the deferral in instead of missing Discord's 3-second window. `0`
   * always defers. From 0 to 2500.
   * @default 2000
   */
  deferAfterMs?: number;
}

/** A discord.js listener for `messageCreate` or `interactionCreate`; it never rejects. */
export type JsonApiHandler = (messageOrInteraction: Message | Interaction) => Promise<void>;

const DEFER_AFTER_MS = 2000;
/** Discord fails an interaction not answered within 3 s; the deferral itself needs a round trip. */
const LATEST_DEFER_MS = 2500;

function isInteraction(value: Message | Interaction): value is Interaction {
  return typeof (value as Partial<Interaction>).isRepliable === 'function';
}

/** Takes `deferAfterMs` out, so the kit validates the rest (and refuses what nobody knows). */
function splitOptions(options: unknown): { shared: unknown; deferAfterMs: number } {
  if (typeof options !== 'object' || options === null || !('deferAfterMs' in options)) {
    return { shared: options, deferAfterMs: DEFER_AFTER_MS };
  }
  const { deferAfterMs, ...shared } = options as Record<string, unknown>;
  if (deferAfterMs === undefined) return { shared, deferAfterMs: DEFER_AFTER_MS };
  if (
    typeof deferAfterMs !== 'number' ||
    !Number.isInteger(deferAfterMs) ||
    deferAfterMs < 0 ||
    deferAfterMs > LATEST_DEFER_MS
  ) {
    throw new ConfigError(
      'deferAfterMs',
      `must be an integer from 0 to ${LATEST_DEFER_MS} (Discord fails an interaction not answered within 3 s)`,
    );
  }
  return { shared, deferAfterMs };
}

/**
 * A discord.js listener that answers with a JSON API endpoint: it calls `endpoint` with the message or
 * interaction (a signed `jsonapi.request`, with the turn's interaction tag and attributes when `attachWebhooks`
 * observes the client) and shows the reply in the conversation: text as messages (split past 2,000 characters),
 * quick replies as buttons, a card as an embed with link and value buttons. A message is answered with a reply to
 * it; an interaction with its reply (deferred when the endpoint is slow, see `deferAfterMs`) and follow-ups.
 *
 * Accepts messages (`messageCreate`; the bot's own are ignored) and every interaction a bot can reply to: slash
 * and context menu commands, buttons, select menus, modal submits. A button press on a rendered reply comes back
 * as a `ButtonInteraction` whose `customId` is the button's `value` or the quick reply, reported by
 * `attachWebhooks` as `message.received` with `action: { kind: 'button', value }`: route it to this handler again
 * (the endpoint sees the action) or to your own.
 *
 * The returned promise resolves once the reply is shown, and never rejects: a failed, slow or invalid reply sends
 * `errorResponse` (when set) and is reported through `hooks.on('request')` and `hooks.on('error')`; a reply
 * Discord cannot show (26 buttons, a value over 100 characters) is refused before anything is sent
 * (`JSON_API_UNRENDERABLE`).
 *
 * @param hooks The `Webhooks` from `createWebhooks()`, which has the endpoint.
 * @param endpoint The endpoint's id (or URL); give it `events: []` so it receives only JSON API requests.
 * @param options `errorResponse`, `method`, `timeoutMs`, `onAttributes`, `deferAfterMs`.
 * @returns The listener; call it with the message or interaction, or pass it to `client.on`.
 * @throws {ConfigError} When `hooks`, `endpoint` or an option is invalid.
 * @example
 * ```ts
 * const quote = jsonApi(hooks, 'quotes', { errorResponse: 'Sorry, try again later.' });
 * client.on(Events.MessageCreate, (message) => (message.content === '!quote' ? quote(message) : undefined));
 * client.on(Events.InteractionCreate, (interaction) =>
 *   interaction.isChatInputCommand() && interaction.commandName === 'quote' ? quote(interaction) : undefined,
 * );
 * ```
 */
export function jsonApi(
  hooks: Webhooks,
  endpoint: string,
  options?: DiscordjsJsonApiOptions,
): JsonApiHandler {
  const { shared, deferAfterMs } = splitOptions(options);
  const resolved = resolveJsonApiOptions<JsonApiContext>(hooks, endpoint, shared);
  const report = (error: unknown, code: ErrorReportCode): void =>
    hooks.reportError(error, { source: ADAPTER_NAME, code });

  return async (messageOrInteraction) => {
    try {
      const context = messageOrInteraction;
      let target: ReplyTarget;
      if (isInteraction(context)) {
        if (!context.isRepliable()) {
          report(
            new BothooksError(
              'JSON_API_NO_MESSAGE',
              `a ${context.constructor.name} cannot be answered with a reply: jsonApi answers messages and repliable interactions`,
            ),
            'JSON_API_NO_MESSAGE',
          );
          return;
        }
        target = interactionTarget(context, deferAfterMs, (error) =>
          report(sanitized(error, context), 'JSON_API_RENDER_FAILED'),
        );
      } else {
        // Answering its own replies would call the endpoint forever.
        if (context.author?.id !== undefined && context.author.id === context.client.user?.id) return;
        target = messageTarget(context);
      }
      const send = async (message: DiscordReplyMessage): Promise<void> => {
        try {
          await target.send(message);
        } catch (error) {
          throw sanitized(error, context);
        }
      };
      const renderer: JsonApiRenderer<JsonApiContext> = {
        describe: (turn) => {
          const bot = turn.client.user
            ? accountFromUser(turn.client.user)
            : { id: turn.client.application?.id ?? '' };
          return isInteraction(turn) ? receivedInteractionData(turn, bot) : receivedMessageData(turn, bot);
        },
        render: async (_turn, reply) => {
          // Rendered whole first: what Discord cannot show is refused before any of it is sent.
          for (const message of renderReply(reply)) await send(message);
        },
        sendText: async (_turn, text) => {
          for (const message of renderText(text)) await send(message);
        },
      };
      try {
        await runJsonApi(hooks, endpoint, resolved, context, renderer, ADAPTER_NAME);
      } finally {
        await target.finish();
      }
    } catch (error) {
      report(error, 'ADAPTER_ERROR');
    }
  };
}

/** A discord.js error as reportable: its REST URL and request body carry the interaction token and the text. */
function sanitized(error: unknown, context: JsonApiContext): BothooksError {
  const token = 'token' in context ? context.token : undefined;
  const message = redactSecrets(sendFailureMessage(error), [context.client.token, token]);
  return new BothooksError('JSON_API_RENDER_FAILED', message.slice(0, FAILURE_MESSAGE_LENGTH));
}
