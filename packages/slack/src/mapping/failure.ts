import type { MessageFailureCode } from '@bothooks/core';
import type { FailureFacts } from '@bothooks/core/adapter';
import { type Json, record, text } from './fields';

// Slack answers nearly every refusal with HTTP 200 and an error name
// (https://docs.slack.dev/reference/methods/chat.postMessage#errors): the name says what the status does not.
const ERROR_CODES: Record<string, MessageFailureCode> = {
  not_authed: 'UNAUTHORIZED',
  invalid_auth: 'UNAUTHORIZED',
  account_inactive: 'UNAUTHORIZED',
  token_revoked: 'UNAUTHORIZED',
  token_expired: 'UNAUTHORIZED',
  not_in_channel: 'FORBIDDEN',
  is_archived: 'FORBIDDEN',
  restricted_action: 'FORBIDDEN',
  restricted_action_read_only_channel: 'FORBIDDEN',
  restricted_action_thread_only_channel: 'FORBIDDEN',
  restricted_action_non_threadable_channel: 'FORBIDDEN',
  missing_scope: 'FORBIDDEN',
  not_allowed_token_type: 'FORBIDDEN',
  no_permission: 'FORBIDDEN',
  access_denied: 'FORBIDDEN',
  cant_update_message: 'FORBIDDEN',
  cant_delete_message: 'FORBIDDEN',
  edit_window_closed: 'FORBIDDEN',
  team_access_not_granted: 'FORBIDDEN',
  ekm_access_denied: 'FORBIDDEN',
  channel_not_found: 'NOT_FOUND',
  message_not_found: 'NOT_FOUND',
  thread_not_found: 'NOT_FOUND',
  user_not_found: 'NOT_FOUND',
  user_not_in_channel: 'NOT_FOUND',
  file_not_found: 'NOT_FOUND',
  expired_url: 'NOT_FOUND',
  no_text: 'BAD_REQUEST',
  invalid_blocks: 'BAD_REQUEST',
  invalid_blocks_format: 'BAD_REQUEST',
  invalid_attachments: 'BAD_REQUEST',
  invalid_arguments: 'BAD_REQUEST',
  invalid_arg_name: 'BAD_REQUEST',
  invalid_form_data: 'BAD_REQUEST',
  invalid_json: 'BAD_REQUEST',
  invalid_metadata_format: 'BAD_REQUEST',
  msg_too_long: 'TOO_LARGE',
  too_many_attachments: 'TOO_LARGE',
  metadata_too_large: 'TOO_LARGE',
  ratelimited: 'TOO_MANY_REQUESTS',
  rate_limited: 'TOO_MANY_REQUESTS',
  message_limit_exceeded: 'TOO_MANY_REQUESTS',
  internal_error: 'SERVER_ERROR',
  fatal_error: 'SERVER_ERROR',
  service_unavailable: 'SERVER_ERROR',
  request_timeout: 'TIMEOUT',
};

/** What Slack said in an `ok: false` body: its error name and the messages in `response_metadata`. */
function refusal(body: Json | undefined): { error?: string; detail?: string } {
  const error = text(body?.error);
  const messages = record(body?.response_metadata)?.messages;
  const detail = Array.isArray(messages)
    ? messages.filter((entry) => typeof entry === 'string').join(' ')
    : '';
  return { ...(error !== undefined && { error }), ...(detail !== '' && { detail }) };
}

/**
 * What an error of `@slack/web-api` or Bolt says beyond its message: the Slack error name (`platformCode`, and
 * the code it means), the HTTP status of a non-200 answer, the retry-after of a refused rate-limited call.
 */
export function failureFacts(error: unknown): FailureFacts {
  const fields = record(error) ?? {};
  const description = (said: { error?: string; detail?: string }): string | undefined =>
    said.error === undefined ? undefined : [said.error, said.detail].filter(Boolean).join(': ');
  if (fields.code === 'slack_webapi_platform_error') {
    const said = refusal(record(fields.data));
    return {
      platformCode: said.error,
      code: said.error !== undefined ? ERROR_CODES[said.error] : undefined,
      message: description(said),
    };
  }
  if (fields.code === 'slack_webapi_http_error') {
    const said = refusal(record(fields.body));
    const status = typeof fields.statusCode === 'number' ? fields.statusCode : undefined;
    return {
      status,
      platformCode: said.error,
      message: said.error !== undefined ? `HTTP ${status}: ${description(said)}` : undefined,
    };
  }
  if (fields.code === 'slack_webapi_rate_limited_error') return { status: 429, code: 'TOO_MANY_REQUESTS' };
  return {};
}
