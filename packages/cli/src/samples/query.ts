import type { WebhookEnvelope } from '@bothooks/core';
import type { SampleEventData } from './events';

/**
 * The key fields of an event as the query string of a GET JSON API request, with the parameter names core's
 * `hooks.request(..., { method: 'GET' })` uses.
 */
export function eventQuery(event: WebhookEnvelope<SampleEventData>): string {
  const { data } = event;
  const query = new URLSearchParams({ type: event.type, timestamp: event.timestamp });
  const fields: [string, string | undefined][] = [
    ['platform', data.platform],
    ['channel', data.channel],
    ['direction', data.direction],
    ['conversation_id', data.conversation.id],
    ['user_id', data.user?.id],
    ['user_name', data.user?.name],
    ['message_id', data.message.id],
    ['text', data.message.text],
    ['interaction', data.interaction],
  ];
  for (const [name, value] of fields) if (value !== undefined) query.set(name, value);
  for (const [name, value] of Object.entries(data.attributes ?? {})) {
    if (['string', 'number', 'boolean'].includes(typeof value))
      query.set(`attributes.${name}`, String(value));
  }
  return query.toString();
}
