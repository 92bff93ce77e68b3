import type { FailureFacts } from '@bothooks/core/adapter';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * What a refusal from the Bot Connector says beyond its message, for the kit's `describeFailure`. Both SDKs reject
 * with the HTTP status and, when the channel answered with an `ErrorResponse`, its `error.code`
 * (`BotNotInConversationRoster`, `BadArgument`):
 *
 * - botbuilder's `RestError` carries them as `statusCode` and `code`;
 * - the Agents SDK's `HttpError` as `status` and `response.data.error` (whose `message` is the channel's own
 *   description: the error's `message` is `Request failed with status 403: {…the whole body…}`).
 *
 * A network failure has a system `code` (`ECONNREFUSED`) and no status: that is no platform code.
 */
export function failureFacts(error: unknown): FailureFacts {
  if (!isObject(error)) return {};
  if (typeof error.statusCode === 'number') {
    const code = text(error.code);
    return { status: error.statusCode, ...(code !== undefined && { platformCode: code }) };
  }
  if (typeof error.status !== 'number' || !isObject(error.response)) return {};
  const body = isObject(error.response.data) ? error.response.data : {};
  const answer = isObject(body.error) ? body.error : {};
  const code = text(answer.code);
  const message = text(answer.message);
  return {
    status: error.status,
    ...(code !== undefined && { platformCode: code }),
    ...(message !== undefined && { message }),
  };
}
