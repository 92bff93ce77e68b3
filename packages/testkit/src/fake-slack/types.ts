/** One Web API call the fake received. */
export interface ApiCall {
  /** `chat.postMessage`, `auth.test`, ... */
  method: string;
  /** The arguments, decoded: nested values (`blocks`, `attachments`, `files`) parsed from their JSON. */
  params: Record<string, unknown>;
  /** `form` (what `@slack/web-api` sends), `json` or `none`. */
  encoding: 'form' | 'json' | 'none';
  /** Which of the fake's tokens authorised it: `bot`, `app`, or `invalid` (answered `invalid_auth`). */
  auth: 'bot' | 'app' | 'invalid' | 'none';
  /** The HTTP status answered. */
  status: number;
  /** The JSON body answered. */
  response: Record<string, unknown>;
}

/**
 * How the fake refuses a call: a Slack platform error (HTTP 200, `ok: false`, as Slack answers nearly every
 * refusal), an HTTP status with an `ok: false` body, or a rate limit (HTTP 429 with `retry-after`).
 */
export type ScriptedFailure =
  | { error: string; messages?: string[] }
  | { httpStatus: number; error?: string; messages?: string[] }
  | { rateLimited: number };

/** One POST to a `response_url` (what Bolt's `respond()` sends). */
export interface ResponsePost {
  /** The id in the URL (`/response/<id>`). */
  id: string;
  body: Record<string, unknown>;
  status: number;
  /** The message it posted, replaced or deleted (`ts`), when it did. */
  ts?: string;
}

/** One request the fake delivered to the app's HTTP endpoint, and the app's answer. */
export interface HttpDelivery {
  status: number;
  /** The answer's body as text (`ack(body)` ends up here). */
  body: string;
  headers: Record<string, string>;
}

/** One envelope sent over Socket Mode, and the app's acknowledgement. */
export interface SocketDelivery {
  envelopeId: string;
  type: 'events_api' | 'slash_commands' | 'interactive';
  /** The acknowledgement's `payload` (`ack(body)` ends up here); `{}` for a bare ack. */
  ack: Record<string, unknown>;
}
