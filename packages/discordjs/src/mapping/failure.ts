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
