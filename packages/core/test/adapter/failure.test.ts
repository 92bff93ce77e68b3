import { describe, expect, it } from 'vitest';
import { describeFailure, FAILURE_MESSAGE_LENGTH, redactSecrets } from '../../src/adapter/index';
import { MESSAGE_FAILURE_CODES } from '../../src/index';

describe('redactSecrets', () => {
  it.each([
    [
      'request to https://api.telegram.org/bot7530215388:AAH-secret-part-0123456789ab/sendMessage failed',
      'request to https://api.telegram.org/bot7530215388:[REDACTED]/sendMessage failed',
    ],
    [
      'PATCH /webhooks/1100/aW50ZXJhY3Rpb246MTEwMA/messages/@original',
      'PATCH /webhooks/1100/[REDACTED]/messages/@original',
    ],
    ['POST /interactions/1200/aW50ZXJhY3Rpb24/callback', 'POST /interactions/1200/[REDACTED]/callback'],
    ['Authorization: Bearer abc123.def456-ghi789', 'Authorization: Bearer [REDACTED]'],
    ['token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib3QifQ.c2lnbmF0dXJl expired', 'token [REDACTED] expired'],
    [
      'GET https://user:hunter2@files.example.com/a.pdf?sig=abc&size=2',
      'GET https://[REDACTED]@files.example.com/a.pdf?sig=[REDACTED]&size=2',
    ],
    [
      'login with MTA1MjM0NTY3ODkwMTIzNDU2Nw.GhIjKl.abcdefghijklmnopqrstuvwxyz0123 refused',
      'login with [REDACTED] refused',
    ],
    [
      'token xoxb-1000000001-2000000002-a1b2c3d4e5f6, xwfp-1000-abcdef012345 and xapp-1-A0FAKE-3000-abcdef0123 revoked',
      'token [REDACTED], [REDACTED] and [REDACTED] revoked',
    ],
    [
      'POST https://hooks.slack.com/commands/T0001/1234567890/abcDEF123ghi failed',
      'POST https://hooks.slack.com/commands/[REDACTED] failed',
    ],
  ])('removes credentials from %s', (text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it('removes the given secrets wherever they appear, and leaves prose alone', () => {
    expect(redactSecrets('the token is s3cr3t-value-long and s3cr3t-value-long', ['s3cr3t-value-long'])).toBe(
      'the token is [REDACTED] and [REDACTED]',
    );
    const prose = 'Basic authentication failed for the Bot Framework (error 12:30)';
    expect(redactSecrets(prose, ['short', undefined, null])).toBe(prose);
  });
});

describe('describeFailure', () => {
  it.each([
    [400, 'BAD_REQUEST'],
    [401, 'UNAUTHORIZED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [413, 'TOO_LARGE'],
    [429, 'TOO_MANY_REQUESTS'],
    [502, 'SERVER_ERROR'],
    [418, 'HTTP_ERROR'],
  ])('names HTTP %i %s', (status, code) => {
    expect(describeFailure('send', { message: 'refused', status })).toEqual({
      operation: 'send',
      code,
      message: 'refused',
      status,
    });
  });

  it('takes the code the adapter knows better than the status (a Slack refusal answered with HTTP 200)', () => {
    expect(
      describeFailure('send', new Error('An API error occurred: not_in_channel'), {
        code: 'FORBIDDEN',
        platformCode: 'not_in_channel',
      }),
    ).toEqual({
      operation: 'send',
      code: 'FORBIDDEN',
      message: 'An API error occurred: not_in_channel',
      platformCode: 'not_in_channel',
    });
  });

  it('reads the status from statusCode and response.status too, and prefers what the adapter knows', () => {
    expect(describeFailure('edit', { message: 'x', statusCode: 404 }).code).toBe('NOT_FOUND');
    expect(describeFailure('edit', { message: 'x', response: { status: 403 } }).status).toBe(403);
    expect(
      describeFailure('delete', new Error('Missing Permissions'), { status: 403, platformCode: 50013 }),
    ).toEqual({
      operation: 'delete',
      code: 'FORBIDDEN',
      message: 'Missing Permissions',
      status: 403,
      platformCode: '50013',
    });
  });

  it('tells network failures, timeouts and cancellations apart', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const fetchFailed = new TypeError('fetch failed', { cause: refused });
    const nodeFetch = Object.assign(new Error('socket hang up'), { type: 'system', code: 'ECONNRESET' });
    const timeout = Object.assign(new Error('timed out'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    const aborted = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(
      [refused, fetchFailed, nodeFetch, timeout, aborted, new Error('boom'), 'a string'].map(
        (error) => describeFailure('send', error).code,
      ),
    ).toEqual([
      'NETWORK_ERROR',
      'NETWORK_ERROR',
      'NETWORK_ERROR',
      'TIMEOUT',
      'ABORTED',
      'UNKNOWN',
      'UNKNOWN',
    ]);
  });

  it('only uses the documented codes', () => {
    for (const status of [undefined, 200, 301, 400, 499, 500, 599]) {
      expect(MESSAGE_FAILURE_CODES).toContain(describeFailure('send', { status }).code);
    }
  });

  it('redacts and shortens the message, and never throws on strange errors', () => {
    const long = `request to https://api.telegram.org/bot12345:AAH-0123456789abcdefghijkl/x failed ${'x'.repeat(1_000)}`;
    const failure = describeFailure('send', new Error(long), {}, ['AAH-0123456789abcdefghijkl']);
    expect(failure.message).toHaveLength(FAILURE_MESSAGE_LENGTH);
    expect(failure.message).not.toContain('AAH-');
    const hostile = {
      get message(): string {
        throw new Error('getter');
      },
    };
    expect(() => describeFailure('send', Object.create(null))).not.toThrow();
    expect(describeFailure('send', null).message).toBe('null');
    expect(describeFailure('send', hostile)).toEqual({
      operation: 'send',
      code: 'UNKNOWN',
      message: 'the error could not be read',
    });
  });
});
