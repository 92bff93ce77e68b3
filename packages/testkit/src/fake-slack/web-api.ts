import type { IncomingMessage, ServerResponse } from 'node:http';
import { METHODS } from './methods';
import { SlackApiError, type SlackState } from './state';
import type { ApiCall, ScriptedFailure } from './types';

// Nested arguments @slack/web-api sends JSON-encoded inside its form bodies.
const JSON_FIELDS = new Set(['blocks', 'attachments', 'files', 'metadata', 'chunks']);

function decode(name: string, value: string): unknown {
  if (!JSON_FIELDS.has(name)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function parseParams(
  body: Buffer,
  contentType: string | undefined,
): { params: Record<string, unknown>; encoding: ApiCall['encoding'] } {
  if (body.length === 0) return { params: {}, encoding: 'none' };
  if (contentType?.startsWith('application/json')) {
    const json: unknown = JSON.parse(body.toString('utf8'));
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new SlackApiError('invalid_json');
    return { params: json as Record<string, unknown>, encoding: 'json' };
  }
  const params: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params[name] = decode(name, value);
  return { params, encoding: 'form' };
}

/** What the Web API half of the fake needs from the rest of it. */
export interface WebApiContext {
  state: SlackState;
  botToken: string;
  appToken: string;
  origin: () => string;
  openConnection: () => string;
  /** Called with each call once answered. */
  record: (call: ApiCall) => void;
}

/**
 * Slack's Web API (`/api/<method>`): the token checked (the bot token, or the app-level one for
 * `apps.connections.open`), scripted refusals and rate limits applied, then the method answered with Slack's
 * result shape (`methods.ts`), as Slack answers: HTTP 200 and `ok: false` for nearly every refusal.
 */
export class WebApi {
  private readonly failures: {
    method: string;
    failure: ScriptedFailure;
    times: number;
    when?: (params: Record<string, unknown>) => boolean;
  }[] = [];

  constructor(private readonly context: WebApiContext) {}

  fail(
    method: string,
    failure: ScriptedFailure,
    options: { times?: number; when?: (params: Record<string, unknown>) => boolean } = {},
  ): void {
    this.failures.push({
      method,
      failure,
      times: options.times ?? 1,
      ...(options.when && { when: options.when }),
    });
  }

  private scripted(method: string, params: Record<string, unknown>): ScriptedFailure | undefined {
    const { failures } = this;
    const index = failures.findIndex((entry) => entry.method === method && (entry.when?.(params) ?? true));
    const entry = failures[index];
    if (!entry) return undefined;
    entry.times -= 1;
    if (entry.times <= 0) failures.splice(index, 1);
    return entry.failure;
  }

  private authOf(request: IncomingMessage, params: Record<string, unknown>): ApiCall['auth'] {
    const { botToken, appToken } = this.context;
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : params.token;
    if (token === undefined || token === '') return 'none';
    if (token === botToken || (typeof token === 'string' && this.context.state.functionTokens.has(token)))
      return 'bot';
    if (token === appToken) return 'app';
    return 'invalid';
  }

  /** Answers one call of `method` whose raw body is `body`. */
  answer(request: IncomingMessage, response: ServerResponse, method: string, body: Buffer): void {
    const { call, headers } = this.handle(request, method, body);
    this.context.record(call);
    response.writeHead(call.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(JSON.stringify(call.response));
  }

  private handle(
    request: IncomingMessage,
    method: string,
    body: Buffer,
  ): { call: ApiCall; headers?: Record<string, string> } {
    const { state, origin, openConnection } = this.context;
    let parsed: ReturnType<typeof parseParams>;
    try {
      parsed = parseParams(body, request.headers['content-type']);
    } catch {
      const response = { ok: false, error: 'invalid_form_data' };
      return { call: { method, params: {}, encoding: 'none', auth: 'none', status: 200, response } };
    }
    const { params, encoding } = parsed;
    const auth = this.authOf(request, params);
    const answer = (status: number, response: Record<string, unknown>) => ({
      call: { method, params, encoding, auth, status, response },
    });
    if (auth === 'none') return answer(200, { ok: false, error: 'not_authed' });
    if (auth === 'invalid') return answer(200, { ok: false, error: 'invalid_auth' });
    // apps.connections.open takes the app-level token; everything else the bot token.
    if ((method === 'apps.connections.open') !== (auth === 'app'))
      return answer(200, { ok: false, error: 'not_allowed_token_type' });
    const failure = this.scripted(method, params);
    if (failure && 'rateLimited' in failure) {
      return {
        ...answer(429, { ok: false, error: 'ratelimited' }),
        headers: { 'retry-after': String(failure.rateLimited) },
      };
    }
    if (failure) {
      const status = 'httpStatus' in failure ? failure.httpStatus : 200;
      const metadata = failure.messages ? { response_metadata: { messages: failure.messages } } : {};
      return answer(status, { ok: false, error: failure.error ?? 'request_refused', ...metadata });
    }
    const handler = METHODS[method];
    if (!handler) return answer(200, { ok: false, error: 'unknown_method' });
    try {
      return answer(200, { ok: true, ...handler({ params, state, origin: origin(), openConnection }) });
    } catch (error) {
      if (error instanceof SlackApiError) return answer(error.httpStatus, { ok: false, error: error.error });
      return answer(500, { ok: false, error: 'internal_error', detail: String(error) });
    }
  }
}
