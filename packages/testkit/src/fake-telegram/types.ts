/** A file part of a multipart upload, as the fake received it. */
export interface UploadedFile {
  /** The form field (`photo`, `document`, or the attachment name of an `attach://` reference). */
  field: string;
  filename?: string;
  contentType?: string;
  /** Bytes received. */
  size: number;
  /** SHA-256 of the bytes, hex: compare it with the source to prove an upload arrived intact. */
  sha256: string;
  data: Buffer;
}

/** A Bot API error answer: `{ ok: false, error_code, description, parameters? }`. */
export interface ApiFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** How a scripted call fails: a Bot API error, a bare HTTP status (e.g. 502), or a reset connection. */
export type ScriptedFailure = ApiFailure | { httpStatus: number } | { reset: true };

/** The fake's answer to one call. */
export type ApiResponse =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: ApiFailure['parameters'] };

/** One Bot API call the fake received. */
export interface ApiCall {
  method: string;
  /**
   * The call's parameters as sent: the JSON body, or the multipart text fields with JSON-valued fields
   * (`media`, `reply_markup`, `reply_parameters`, ...) parsed. Files are in `files`, never here.
   */
  params: Record<string, unknown>;
  files: UploadedFile[];
  /** `webhook-reply`: the call was written into the answer to a webhook delivery instead of a request. */
  via: 'http' | 'webhook-reply';
  encoding: 'json' | 'multipart' | 'form' | 'none';
  /** The call used the test environment (`/bot<token>/test/<method>`). */
  testEnvironment: boolean;
  /** What the fake answered; undefined for a scripted HTTP status or reset. */
  response: ApiResponse | undefined;
}

/** One update the fake POSTed to the bot's webhook, and what the bot answered. */
export interface WebhookDelivery {
  updateId: number;
  /** The HTTP status the bot answered, or undefined when the connection failed. */
  status: number | undefined;
  /** The raw body of the bot's answer. */
  body: string;
  /** The method the bot answered with (webhook reply), executed like any call. */
  reply: ApiCall | undefined;
  error?: string;
}
