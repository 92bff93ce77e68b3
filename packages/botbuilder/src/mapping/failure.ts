import type { FailureFacts } from '@bothooks/core/adapter';

/**
 * What a refusal from the Bot Connector says beyond its message, for the kit's `describeFailure`: botbuilder's
 * `RestError` carries the HTTP `statusCode` and, when the channel answered with an `ErrorResponse`, its
 * `error.code` (`BotNotInConversationRoster`, `BadArgument`) as `code`. A network failure has a system `code`
 * (`ECONNREFUSED`) and no status: that is no platform code.
 */
export function failureFacts(error: unknown): FailureFacts {
  if (typeof error !== 'object' || error === null) return {};
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number') return {};
  return { status: statusCode, ...(typeof code === 'string' && code !== '' && { platformCode: code }) };
}
