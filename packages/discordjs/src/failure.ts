/** Webhook and interaction tokens are credentials; route strings that carry one lose it. */
const TOKEN_IN_ROUTE = /\/(webhooks|interactions)\/(\d+)\/[^/\s?]+/g;

/** Removes webhook and interaction tokens from a text that may quote a route. */
export function redactTokens(text: string): string {
  return text.replace(TOKEN_IN_ROUTE, '/$1/$2/[token]');
}

/**
 * Why Discord refused a call, for a `message.failed` event: Discord's JSON error code and HTTP status
 * (`DiscordAPIError`), the status of a non-JSON answer (`HTTPError`), or the message of anything else.
 */
export function describeFailure(error: unknown): { code?: string; message: string; status?: number } {
  if (typeof error !== 'object' || error === null) return { message: redactTokens(String(error)) };
  const { code, status, message, name } = error as {
    code?: unknown;
    status?: unknown;
    message?: unknown;
    name?: unknown;
  };
  const text =
    typeof message === 'string' && message !== ''
      ? message
      : typeof name === 'string'
        ? name
        : 'Unknown error';
  return {
    ...((typeof code === 'string' || typeof code === 'number') && { code: String(code) }),
    message: redactTokens(text),
    ...(typeof status === 'number' && { status }),
  };
}
