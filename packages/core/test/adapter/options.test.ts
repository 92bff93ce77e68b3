import { describe, expect, it } from 'vitest';
import { assertWebhooks, resolveAdapterOptions } from '../../src/adapter/index';

describe('resolveAdapterOptions', () => {
  it('applies the defaults and the adapter’s switches', () => {
    expect(resolveAdapterOptions(undefined, '@bothooks/test', { typing: false })).toEqual({
      shared: { includeText: true },
      switches: { typing: false },
    });
    const attributes = () => ({ plan: 'pro' });
    expect(
      resolveAdapterOptions(
        { events: ['message.sent'], includeText: false, attributes, typing: true },
        '@bothooks/test',
        { typing: false },
      ),
    ).toEqual({
      shared: { events: ['message.sent'], includeText: false, attributes },
      switches: { typing: true },
    });
  });

  it.each([
    ['options', 'everything'],
    ['events', { events: 'message.sent' }],
    ['events[1]', { events: ['message.sent', 'message.typed'] }],
    ['includeText', { includeText: 'no' }],
    ['attributes', { attributes: { plan: 'pro' } }],
    ['typing', { typing: 1 }],
    ['includetext', { includetext: false }],
  ])('names %s when it is wrong', (field, options) => {
    expect(() => resolveAdapterOptions(options, '@bothooks/test', { typing: false })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field }),
    );
  });

  it('refuses anything but a Webhooks instance as hooks', () => {
    expect(() => assertWebhooks({ publish: 'no' })).toThrow(expect.objectContaining({ field: 'hooks' }));
  });
});
