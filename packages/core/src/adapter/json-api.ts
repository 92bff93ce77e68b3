import type { BotReply } from '../bot-reply';
import { isRecord, knownOptions } from '../config-checks';
import { DEFAULTS } from '../defaults';
import type { ErrorReportCode } from '../error-codes';
import { BothooksError, ConfigError, toError } from '../errors';
import { createMessageEvent, type MessageEvent, type MessageEventData } from '../event';
import type { Webhooks } from '../webhooks';
import { turnOfHooks } from './turns';

/** Options of every adapter's `jsonApi(hooks, endpoint, options)`. `TContext` is the framework's turn context. */
export interface JsonApiOptions<TContext> {
  /**
   * The text sent in the conversation when the request fails, times out or the reply cannot be shown. Without
   * it nothing is sent, and the failure is only reported (`request` and `error` events).
   * @default undefined
   */
  errorResponse?: string;
  /** `POST` the signed `jsonapi.request` envelope, or `GET` with its key fields as query parameters. @default 'POST' */
  method?: 'POST' | 'GET';
  /** How long to wait for the reply, in ms. @default 10_000 */
  timeoutMs?: number;
  /**
   * Receives the reply's `attributes` (what the endpoint wants the bot to remember about the user), before the
   * reply is shown. A callback that throws or rejects is reported, never thrown; the reply is still shown.
   * @default undefined
   */
  onAttributes?: (attributes: Record<string, unknown>, context: TContext) => void | Promise<void>;
}

/** What an adapter does for the JSON API: describe the turn, and show a reply in the conversation natively. */
export interface JsonApiRenderer<TContext> {
  /**
   * The message event data of the turn, for a `jsonApi` handler used without `attachWebhooks` (no observed turn
   * to take it from). Pure mapping of the context.
   */
  describe(context: TContext): MessageEventData | undefined;
  /**
   * Sends every message of the reply, in order, through the framework (so they are ordinary sends: the plain
   * webhooks see them as `message.sent`). Throws a {@link JsonApiRenderError} for what the platform cannot show.
   */
  render(context: TContext, reply: BotReply): Promise<void>;
  /** Sends a plain text: the `errorResponse`. */
  sendText(context: TContext, text: string): Promise<void>;
}

/** A reply the platform cannot show (too many buttons, a callback value over 64 bytes, ...), said before sending. */
export class JsonApiRenderError extends BothooksError {
  declare readonly code: 'JSON_API_UNRENDERABLE';

  constructor(message: string) {
    super('JSON_API_UNRENDERABLE', message);
    this.name = 'JsonApiRenderError';
  }
}

/** {@link JsonApiOptions}, validated. */
export interface ResolvedJsonApiOptions<TContext> extends JsonApiOptions<TContext> {
  method: 'POST' | 'GET';
  timeoutMs: number;
}

/**
 * Validates `jsonApi(hooks, endpoint, options)` where it is called, at startup: a typo fails then, not in the
 * middle of a conversation.
 * @throws {ConfigError} naming the option.
 */
export function resolveJsonApiOptions<TContext>(
  hooks: unknown,
  endpoint: unknown,
  options: unknown,
): ResolvedJsonApiOptions<TContext> {
  const candidate = hooks as Partial<Webhooks> | null | undefined;
  if (typeof candidate?.request !== 'function') {
    throw new ConfigError('hooks', 'must be the Webhooks instance createWebhooks() returns');
  }
  if (typeof endpoint !== 'string' || endpoint === '') {
    throw new ConfigError('endpoint', 'must be the id (or URL) of one of the endpoints');
  }
  if (options !== undefined && !isRecord(options)) throw new ConfigError('options', 'must be an object');
  const input = options ?? {};
  knownOptions(input, ['errorResponse', 'method', 'timeoutMs', 'onAttributes'], '');
  if (
    input.errorResponse !== undefined &&
    (typeof input.errorResponse !== 'string' || input.errorResponse === '')
  ) {
    throw new ConfigError('errorResponse', 'must be a non-empty string');
  }
  if (input.method !== undefined && input.method !== 'POST' && input.method !== 'GET') {
    throw new ConfigError('method', "must be 'POST' or 'GET'");
  }
  const timeoutMs = input.timeoutMs ?? DEFAULTS.jsonApi.timeoutMs;
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 120_000) {
    throw new ConfigError('timeoutMs', 'must be an integer from 1 to 120000');
  }
  if (input.onAttributes !== undefined && typeof input.onAttributes !== 'function') {
    throw new ConfigError('onAttributes', 'must be a function of (attributes, context)');
  }
  return {
    ...(input as JsonApiOptions<TContext>),
    method: (input.method as 'POST' | 'GET' | undefined) ?? DEFAULTS.jsonApi.method,
    timeoutMs,
  };
}

/**
 * The JSON API interaction of one turn, the same in every adapter: calls `endpoint` with the turn's message (its
 * `interaction` tag and `attributes` included), hands the reply's attributes to `onAttributes`, and shows the
 * reply through `renderer`; on any failure sends `errorResponse`, if there is one. The bot waits for it on
 * purpose (a person is waiting for the answer), but it never throws or rejects: every problem is reported.
 *
 * @returns Whether the reply was shown.
 */
export async function runJsonApi<TContext>(
  hooks: Webhooks,
  endpoint: string,
  options: ResolvedJsonApiOptions<TContext>,
  context: TContext,
  renderer: JsonApiRenderer<TContext>,
  adapter: string,
): Promise<boolean> {
  const report = (error: unknown, code: ErrorReportCode) =>
    hooks.reportError(error, { source: adapter, code });
  const fail = async (): Promise<false> => {
    if (options.errorResponse === undefined) return false;
    try {
      await renderer.sendText(context, options.errorResponse);
    } catch (error) {
      report(error, 'JSON_API_RENDER_FAILED');
    }
    return false;
  };
  let event: MessageEvent | undefined;
  try {
    const turn = turnOfHooks(context, hooks);
    event = turn?.inbound;
    // Tagged after its inbound message was published: the request carries the tag the turn has now.
    if (event && turn?.interaction !== undefined && event.data.interaction !== turn.interaction) {
      event = { ...event, data: { ...event.data, interaction: turn.interaction } };
    }
    if (!event) {
      const data = renderer.describe(context);
      if (data) event = createMessageEvent('message.received', data);
    }
  } catch (error) {
    report(error, 'INBOUND_MAPPING_FAILED');
  }
  if (!event) {
    report(
      new BothooksError('JSON_API_NO_MESSAGE', 'the turn has no message to send to the JSON API'),
      'JSON_API_NO_MESSAGE',
    );
    return fail();
  }
  let reply: BotReply;
  try {
    reply = await hooks.request(endpoint, event, { method: options.method, timeoutMs: options.timeoutMs });
  } catch {
    // The request's own `request` event (and the log) already say why; the conversation gets errorResponse.
    return fail();
  }
  if (reply.attributes && options.onAttributes) {
    try {
      await options.onAttributes(reply.attributes, context);
    } catch (error) {
      report(toError(error), 'ATTRIBUTES_CALLBACK_FAILED');
    }
  }
  try {
    await renderer.render(context, reply);
    return true;
  } catch (error) {
    report(error, error instanceof JsonApiRenderError ? 'JSON_API_UNRENDERABLE' : 'JSON_API_RENDER_FAILED');
    return fail();
  }
}
