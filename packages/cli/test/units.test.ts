import { createHmac } from 'node:crypto';
import { generateSecret, signWebhook, WebhookVerificationError } from '@bothooks/core';
import { describe, expect, it } from 'vitest';
import { createSampleEvent, SAMPLE_EVENT_TYPES, SAMPLE_PLATFORMS } from '../src/index';
import { verifyGetRequest } from '../src/listener/get-signature';
import { summarise } from '../src/listener/summary';
import { eventQuery } from '../src/samples/query';
import { colorEnabled, printable } from '../src/terminal';

describe('sample events', () => {
  it.each(
    SAMPLE_PLATFORMS.flatMap((platform) => SAMPLE_EVENT_TYPES.map((type) => [type, platform] as const)),
  )('%s from %s has the shape adapters publish', (type, platform) => {
    const event = createSampleEvent(type, platform, { timestamp: new Date('2026-11-25T16:21:17.123Z') });
    expect(event.type).toBe(type);
    expect(event.timestamp).toBe('2026-11-25T16:21:17.123Z');
    expect(event.data.platform).toBe(platform);
    expect(event.data.direction).toBe(
      type === 'message.sent' || type === 'message.failed' ? 'outbound' : 'inbound',
    );
    expect(event.data.user?.name).toBe('Ada Lovelace');
    expect(event.data.bot.id).not.toBe('');
    expect(event.data.conversation.id).not.toBe('');
    expect(event.data.message.attachments).toEqual([]);
    expect(event.data.message.text === undefined).toBe(type === 'message.deleted');
    expect(event.data.message.id === undefined).toBe(type === 'message.failed');
    expect(event.data.error === undefined).toBe(type !== 'message.failed');
    expect(event.data.channel === 'msteams').toBe(platform === 'botframework');
    if (type === 'jsonapi.request') expect(event.data.interaction).toBe('order');
  });

  it('uses the given text, except for a deleted message, which has none', () => {
    expect(createSampleEvent('message.sent', 'slack', { text: 'pong' }).data.message.text).toBe('pong');
    expect(createSampleEvent('message.deleted', 'slack', { text: 'pong' }).data.message.text).toBeUndefined();
  });

  it('reads back from its GET query the way the listener summarises it', () => {
    const event = createSampleEvent('jsonapi.request', 'discord', { text: 'a & b = c?' });
    const summary = summarise('GET', eventQuery(event), Buffer.alloc(0));
    expect(summary).toMatchObject({
      type: 'jsonapi.request',
      platform: 'discord',
      conversation: event.data.conversation.id,
      user: 'Ada Lovelace',
      text: 'a & b = c?',
    });
    expect(summary.event).toMatchObject({ 'attributes.orderId': '42', interaction: 'order' });
  });
});

describe('summarise', () => {
  it('never trusts the body: wrong types and non-JSON give an empty summary, not a crash', () => {
    expect(summarise('POST', '', Buffer.from('not json'))).toEqual({});
    expect(summarise('POST', '', Buffer.from('[1,2]'))).toEqual({ event: [1, 2] });
    const odd = summarise(
      'POST',
      '',
      Buffer.from('{"type":7,"data":{"message":{"text":["x"]},"user":"ada"}}'),
    );
    expect(odd.type).toBeUndefined();
    expect(odd.text).toBeUndefined();
    expect(odd.user).toBeUndefined();
  });

  it('picks the challenge of a verify ping only', () => {
    const ping = summarise('POST', '', Buffer.from('{"type":"webhook.verify","data":{"challenge":"abc"}}'));
    expect(ping.challenge).toBe('abc');
    const other = summarise('POST', '', Buffer.from('{"type":"message.sent","data":{"challenge":"abc"}}'));
    expect(other.challenge).toBeUndefined();
  });
});

describe('verifyGetRequest', () => {
  const secret = generateSecret();
  const query = 'type=jsonapi.request&text=hello%20world';
  const now = 1_795_630_410_000;
  const timestamp = now / 1000;
  const headers = (signature: string, at = timestamp) => ({
    'webhook-id': 'msg_1',
    'webhook-timestamp': String(at),
    'webhook-signature': signature,
  });
  const signed = signWebhook({ id: 'msg_1', timestamp, payload: query, secret });

  function code(run: () => void): string | undefined {
    try {
      run();
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(WebhookVerificationError);
      return (error as WebhookVerificationError).code;
    }
  }

  it('accepts a query signed by the rule id.timestamp.query', () => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const byHand = createHmac('sha256', key).update(`msg_1.${timestamp}.${query}`).digest('base64');
    expect(signed).toBe(`v1,${byHand}`);
    expect(code(() => verifyGetRequest({ query, headers: headers(signed), secret, now }))).toBeUndefined();
  });

  it('accepts any one of several signatures (a secret rotation)', () => {
    const other = signWebhook({ id: 'msg_1', timestamp, payload: query, secret: generateSecret() });
    const both = `${other} ${signed}`;
    expect(code(() => verifyGetRequest({ query, headers: headers(both), secret, now }))).toBeUndefined();
  });

  it.each([
    ['a changed value', query.replace('hello', 'hullo')],
    ['reordered parameters', 'text=hello%20world&type=jsonapi.request'],
    ['another encoding of the same value', query.replace('%20', '+')],
    ['an added parameter', `${query}&admin=1`],
    ['no query at all', ''],
  ])('refuses %s', (_name, tampered) => {
    expect(code(() => verifyGetRequest({ query: tampered, headers: headers(signed), secret, now }))).toBe(
      'NO_MATCHING_SIGNATURE',
    );
  });

  it('refuses the wrong secret, old and future timestamps, missing headers and malformed signatures', () => {
    const verify = (overrides: Partial<Parameters<typeof verifyGetRequest>[0]>) =>
      code(() => verifyGetRequest({ query, headers: headers(signed), secret, now, ...overrides }));
    expect(verify({ secret: generateSecret() })).toBe('NO_MATCHING_SIGNATURE');
    expect(verify({ now: now + 301_000 })).toBe('TIMESTAMP_TOO_OLD');
    expect(verify({ now: now - 301_000 })).toBe('TIMESTAMP_TOO_NEW');
    expect(verify({ headers: { 'webhook-id': 'msg_1' } })).toBe('MISSING_HEADERS');
    expect(verify({ headers: headers(signed, Number.NaN) })).toBe('INVALID_TIMESTAMP');
    expect(verify({ headers: headers('v1,short') })).toBe('NO_MATCHING_SIGNATURE');
    expect(verify({ headers: headers(signed.replace('v1,', 'v2,')) })).toBe('NO_MATCHING_SIGNATURE');
  });
});

describe('terminal', () => {
  const tty = { isTTY: true, hasColors: () => true } as never;
  const pipe = { isTTY: false } as never;

  it('colours a terminal with colours, never a pipe, and honours NO_COLOR and FORCE_COLOR', () => {
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled(pipe, {})).toBe(false);
    expect(colorEnabled({ isTTY: true, hasColors: () => false } as never, {})).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: '0' })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled(pipe, { FORCE_COLOR: '1', NO_COLOR: 'yes' })).toBe(false);
  });

  it('makes request text printable: no escape sequences, no hidden or reordered text', () => {
    expect(printable('red \u001b[31mALERT\u001b[0m')).toBe('red \\u001b[31mALERT\\u001b[0m');
    expect(printable('line\nbreak\r\tend')).toBe('line\\nbreak\\r\\tend');
    expect(printable('abc\u202edcba')).toBe('abc\\u202edcba');
    expect(printable('plain text, ünïcode, emoji 🚀')).toBe('plain text, ünïcode, emoji 🚀');
    expect(printable('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
