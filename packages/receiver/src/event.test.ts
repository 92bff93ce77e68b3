import { describe, expect, expectTypeOf, it } from 'vitest';
import { messageEvent } from '../test/signing';
import type {
  MESSAGE_EVENT_TYPES,
  MessageEvent,
  Platform,
  WEBHOOK_EVENT_TYPES,
  WebhookEvent,
  WebhookEventOf,
  WebhookEventType,
} from './event';
import { isJsonApiRequest, isKnownPlatform, isMessageEvent, isVerifyEvent, isWebhookEvent } from './guards';

const received: WebhookEvent = messageEvent('hi');

describe('the event model', () => {
  it('narrows on type without a cast, and an unknown type does not compile', () => {
    const describe = (event: WebhookEvent): string => {
      switch (event.type) {
        case 'message.received':
        case 'message.sent':
        case 'message.edited':
        case 'message.deleted':
        case 'message.failed':
          return event.data.message.text ?? '';
        case 'webhook.verify':
          return event.data.challenge;
        case 'jsonapi.request':
          return event.data.conversation.id;
        // @ts-expect-error a misspelled type is a compile error
        case 'message.recieved':
          return 'never';
        default: {
          const exhaustive: never = event;
          return exhaustive;
        }
      }
    };
    expect(describe(received)).toBe('hi');
    expectTypeOf<WebhookEventOf<'webhook.verify'>['data']>().toEqualTypeOf<{ challenge: string }>();
  });

  it('keeps the platform open to new adapters while listing the known ones', () => {
    expectTypeOf<'matrix'>().toExtend<Platform>();
    expectTypeOf<'telegram'>().toExtend<Platform>();
    expect(isKnownPlatform('telegram')).toBe(true);
    expect(isKnownPlatform('matrix')).toBe(false);
  });

  it('lists every type the union has', () => {
    expectTypeOf<(typeof WEBHOOK_EVENT_TYPES)[number]>().toEqualTypeOf<WebhookEventType>();
    expectTypeOf<WebhookEvent['type']>().toEqualTypeOf<WebhookEventType>();
    expectTypeOf<MessageEvent['type']>().toEqualTypeOf<(typeof MESSAGE_EVENT_TYPES)[number]>();
  });
});

describe('type guards', () => {
  const verify = { type: 'webhook.verify', timestamp: received.timestamp, data: { challenge: 'c' } };
  const request = { ...received, type: 'jsonapi.request' };

  it('tell the kinds of event apart', () => {
    expect([received, verify, request].map(isMessageEvent)).toEqual([true, false, false]);
    expect([received, verify, request].map(isVerifyEvent)).toEqual([false, true, false]);
    expect([received, verify, request].map(isJsonApiRequest)).toEqual([false, false, true]);
    expect([received, verify, request].map(isWebhookEvent)).toEqual([true, true, true]);
  });

  it('refuse what is not an event at all', () => {
    for (const value of [
      undefined,
      null,
      'message.received',
      {},
      { type: 'message.received' },
      { type: 'order.created', data: {} },
    ])
      expect(isWebhookEvent(value)).toBe(false);
  });

  it('narrow unknown values', () => {
    const value: unknown = received;
    if (isMessageEvent(value)) expectTypeOf(value.data.message.attachments).toBeArray();
    if (isVerifyEvent(value)) expectTypeOf(value.data.challenge).toBeString();
  });
});
