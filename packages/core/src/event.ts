// The event model's types live in @bothooks/receiver, so the apps that receive get them without the sender.
// This file keeps the runtime helpers that build and route events.
import type { MessageEvent, MessageEventData, MessageEventType, WebhookEnvelope } from '@bothooks/receiver';

// What core's own modules use; the public names are exported from index.ts.
export type {
  Attachment,
  Message,
  MessageAction,
  MessageEvent,
  MessageEventData,
  MessageEventType,
  MessageFailure,
  VerifyEvent,
  WebhookEnvelope,
  WebhookEvent,
} from '@bothooks/receiver';
export { MESSAGE_EVENT_TYPES } from '@bothooks/receiver';

/**
 * Builds a message event. Adapters use it so every event has the same shape; `timestamp` defaults to now.
 *
 * @example
 * ```ts
 * hooks.publish(createMessageEvent('message.received', { platform: 'telegram', direction: 'inbound', ... }));
 * ```
 */
export function createMessageEvent(
  type: MessageEventType,
  data: MessageEventData,
  timestamp: Date | string | number = new Date(),
): MessageEvent {
  return { type, timestamp: toIsoTimestamp(timestamp), data };
}

/** Normalises a date, an ISO string or epoch milliseconds to an ISO 8601 string; falls back to now. */
export function toIsoTimestamp(value: Date | string | number | undefined): string {
  const date = value instanceof Date ? value : value === undefined ? new Date() : new Date(value);
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}

/** The key that orders a message event: one FIFO lane per platform conversation. */
export function conversationKey(event: WebhookEnvelope): string | undefined {
  const data = event.data as Partial<MessageEventData> | undefined;
  const id = data?.conversation?.id;
  return typeof id === 'string' && id !== '' ? `${data?.platform ?? ''}:${id}` : undefined;
}
