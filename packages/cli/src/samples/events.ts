import type { MessageEventData, WebhookEnvelope } from '@bothooks/core';
import { type SamplePlatform, SCENES } from './platforms';

/** The event types `bothooks send` has samples for: every message type, and a JSON API request. */
export const SAMPLE_EVENT_TYPES = [
  'message.received',
  'message.sent',
  'message.edited',
  'message.deleted',
  'message.failed',
  'jsonapi.request',
] as const;

export type SampleEventType = (typeof SAMPLE_EVENT_TYPES)[number];

/** A message event's `data`, open to the platforms core does not name yet (`slack`). */
export type SampleEventData = Omit<MessageEventData, 'platform'> & { platform: SamplePlatform };

export interface SampleEventOptions {
  /** The message text. Ignored for `message.deleted`, which carries none. @default a text that fits the type */
  text?: string;
  /** When the event happened. @default now */
  timestamp?: Date;
}

const DEFAULT_TEXT: Record<Exclude<SampleEventType, 'message.deleted'>, string> = {
  'message.received': 'Hi! Where is my order #42?',
  'message.sent': 'Your order #42 has shipped and arrives on Friday.',
  'message.edited': 'Hi! Where is my order #43?',
  'message.failed': 'Your order #42 has shipped and arrives on Friday.',
  'jsonapi.request': 'Where is my order #42?',
};

/**
 * A realistic event of one type from one platform, shaped exactly like the adapters publish it: the same bot,
 * user and conversation for every type, with that platform's kind of ids.
 *
 * @example
 * ```ts
 * createSampleEvent('message.sent', 'discord', { text: 'pong' });
 * ```
 */
export function createSampleEvent(
  type: SampleEventType,
  platform: SamplePlatform,
  options: SampleEventOptions = {},
): WebhookEnvelope<SampleEventData> {
  const scene = SCENES[platform];
  const outbound = type === 'message.sent' || type === 'message.failed';
  const text = type === 'message.deleted' ? undefined : (options.text ?? DEFAULT_TEXT[type]);
  const data: SampleEventData = {
    platform,
    direction: outbound ? 'outbound' : 'inbound',
    ...(scene.channel !== undefined && { channel: scene.channel }),
    bot: { ...scene.bot },
    conversation: { ...scene.conversation },
    user: { ...scene.user },
    message: {
      id: outbound ? scene.messageIds.outbound : scene.messageIds.inbound,
      ...(text !== undefined && { text }),
      attachments: [],
      ...(outbound && { replyToId: scene.messageIds.inbound }),
    },
  };
  if (type === 'message.failed') {
    // A refused send never got a platform id.
    delete data.message.id;
    data.error = { operation: 'send', ...scene.refusal };
  }
  if (type === 'jsonapi.request') {
    data.interaction = 'order';
    data.attributes = { locale: scene.user.locale ?? 'en', orderId: '42' };
  }
  return { type, timestamp: (options.timestamp ?? new Date()).toISOString(), data };
}
