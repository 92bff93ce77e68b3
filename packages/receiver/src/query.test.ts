import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from './errors';
import { eventFromQuery, queryOf } from './query';

describe('eventFromQuery', () => {
  it('keeps the last value of a repeated name and attribute names as given', () => {
    const query =
      'text=endpoint&type=jsonapi.request&timestamp=2026-11-25T16%3A21%3A17.123Z&platform=telegram&direction=inbound&conversation_id=42&text=user&attributes.__proto__=x&attributes.a.b=c';
    const event = eventFromQuery(query);
    expect(event.data.message.text).toBe('user');
    expect(Object.getPrototypeOf(event.data.attributes)).toBe(Object.prototype);
    expect(Object.keys(event.data.attributes ?? {})).toEqual(['__proto__', 'a.b']);
  });

  it.each([
    ['timestamp', 'platform=telegram&direction=inbound&conversation_id=1'],
    ['direction', 'timestamp=2026-01-01T00:00:00Z&platform=telegram&conversation_id=1'],
    ['platform', 'timestamp=2026-01-01T00:00:00Z&direction=inbound&conversation_id=1'],
    ['conversation_id', 'timestamp=2026-01-01T00:00:00Z&platform=telegram&direction=inbound'],
  ])('names a missing %s', (name, query) => {
    expect(() => eventFromQuery(query)).toThrow(`has no "${name}" parameter`);
  });

  it('never throws anything but a WebhookVerificationError, whatever the query', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .dictionary(
              fc.constantFrom(
                'type',
                'timestamp',
                'platform',
                'direction',
                'conversation_id',
                'user_id',
                'text',
                'attributes.x',
                'attributes.',
              ),
              fc.string(),
            )
            .map((entries) => new URLSearchParams(entries).toString()),
        ),
        (query) => {
          try {
            expect(eventFromQuery(query).type).toBe('jsonapi.request');
          } catch (error) {
            expect(error).toBeInstanceOf(WebhookVerificationError);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('eventFromQuery and button presses', () => {
  it('carries a pressed button or a command as message.action', () => {
    const query = new URLSearchParams({
      type: 'jsonapi.request',
      timestamp: '2026-12-01T10:00:00.000Z',
      platform: 'discord',
      direction: 'inbound',
      conversation_id: '1',
      action_kind: 'button',
      action_value: 'cancel 42',
    }).toString();
    expect(eventFromQuery(query).data.message.action).toEqual({ kind: 'button', value: 'cancel 42' });
  });
});

describe('queryOf', () => {
  it('takes the query of paths and absolute URLs, without the ? and the fragment', () => {
    expect(queryOf('/q?a=1&b=2')).toBe('a=1&b=2');
    expect(queryOf('https://x.example/q?a=1#frag')).toBe('a=1');
    expect(queryOf('/q')).toBe('');
    expect(queryOf('/q?')).toBe('');
    expect(queryOf(new URL('https://x.example/q?a=%20b'))).toBe('a=%20b');
  });
});
