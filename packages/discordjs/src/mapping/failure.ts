import type { FailureFacts } from '@bothooks/core/adapter';

/**
 * What a refused REST call says beyond its message, for the kit's `describeFailure`: a `DiscordAPIError` carries
 * Discord's JSON error code (`50013` Missing Permissions) and the HTTP status; an `HTTPError` (an answer that was
 * not JSON) only the status. Network failures carry a system `code` (`ECONNRESET`) and no status: no platform code.
 */
export function failureFacts(error: unknown): FailureFacts {
  if (typeof error !== 'object' || error === null) return {};
  const { status, code } = error as { status?: unknown; code?: unknown };
  if (typeof status !== 'number') return {};
  return {
    status,
    ...((typeof code === 'number' || (typeof code === 'string' && code !== '')) && { platformCode: code }),
  };
}

/**
 * A send Discord (or discord.js) refused, in one line: Discord's message with its HTTP status and JSON code
 * (`Invalid Form Body (HTTP 400, code 50035)`). Never the request's URL or body, which hold tokens and text.
 */
export function sendFailureMessage(error: unknown): string {
  const facts = failureFacts(error);
  const message = error instanceof Error ? error.message : String(error);
  const details = [
    facts.status !== undefined && `HTTP ${facts.status}`,
    facts.platformCode !== undefined && `code ${facts.platformCode}`,
  ].filter(Boolean);
  return `Discord refused the message: ${message}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}
