import { Webhook } from 'standardwebhooks';
import type { MessageReceivedEvent } from '../src/event';

// Requests are signed with the `standardwebhooks` reference package, so the receiver is tested against an
// implementation that is not its own.

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const OTHER_SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

/** The Standard Webhooks test vector. */
export const VECTOR = {
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
export const AT_VECTOR = 1614265330 * 1000;

/** The three headers for `content` (a body, or the query of a GET), signed now (or at `at`). */
export function signedHeaders(
  content: string,
  options: { id?: string; at?: number; secret?: string; prefix?: 'webhook' | 'svix' } = {},
): Record<string, string> {
  const at = options.at ?? Date.now();
  const id = options.id ?? 'msg_test';
  const prefix = options.prefix ?? 'webhook';
  return {
    [`${prefix}-id`]: id,
    [`${prefix}-timestamp`]: String(Math.floor(at / 1000)),
    [`${prefix}-signature`]: new Webhook(options.secret ?? SECRET).sign(id, new Date(at), content),
  };
}

/** A message event as the adapters publish it. */
export function messageEvent(text = 'hello'): MessageReceivedEvent {
  return {
    type: 'message.received',
    timestamp: '2026-11-25T16:21:17.123Z',
    data: {
      platform: 'telegram',
      direction: 'inbound',
      bot: { id: '123456', name: 'shopbot' },
      conversation: { id: '42', type: 'private' },
      user: { id: '42', name: 'Ada Lovelace' },
      message: { id: '7', text, attachments: [] },
      interaction: 'order',
      attributes: { locale: 'en' },
    },
  };
}

/** The query core's `eventQuery` builds for {@link messageEvent}, as a GET JSON API request sends it. */
export function jsonApiQuery(text = 'hello'): string {
  return new URLSearchParams({
    type: 'jsonapi.request',
    timestamp: '2026-11-25T16:21:17.123Z',
    platform: 'telegram',
    direction: 'inbound',
    conversation_id: '42',
    user_id: '42',
    user_name: 'Ada Lovelace',
    message_id: '7',
    text,
    interaction: 'order',
    'attributes.locale': 'en',
  }).toString();
}
