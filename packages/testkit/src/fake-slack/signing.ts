import { createHmac } from 'node:crypto';

/** What kind of request Slack sends for a body, which decides its encoding. */
export type RequestKind = 'events_api' | 'slash_commands' | 'interactive';

export function kindOf(body: Record<string, unknown>): RequestKind {
  if (body.type === 'event_callback' || body.type === 'url_verification') return 'events_api';
  if (typeof body.command === 'string') return 'slash_commands';
  return 'interactive';
}

/** The raw body Slack POSTs: JSON for the Events API, a form for commands, `payload=<json>` for interactions. */
export function encodeRequest(body: Record<string, unknown>): { raw: string; contentType: string } {
  const kind = kindOf(body);
  if (kind === 'events_api') return { raw: JSON.stringify(body), contentType: 'application/json' };
  if (kind === 'slash_commands') {
    const form = new URLSearchParams(
      Object.entries(body).map(([name, value]): [string, string] => [name, String(value)]),
    );
    return { raw: form.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  return {
    raw: new URLSearchParams({ payload: JSON.stringify(body) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}

/**
 * Slack's request signature: `v0=` and the hex HMAC-SHA256, keyed by the signing secret, of
 * `v0:<timestamp>:<raw body>` (https://docs.slack.dev/authentication/verifying-requests-from-slack).
 */
export function signRequest(signingSecret: string, timestamp: number, raw: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${raw}`).digest('hex')}`;
}
