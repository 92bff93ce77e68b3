import { describeFailure } from '@bothooks/core/adapter';
import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { errorFixture } from '../../../platform-telegram/test/fixtures';
import { callFailure } from './failure';

function described(method: string, error: unknown, secrets: string[] = []) {
  const { error: source, facts } = callFailure(method, error);
  return describeFailure('send', source, facts, secrets);
}

describe('callFailure', () => {
  it("reads the Bot API's error answer a transformer sees, and grammY's GrammyError made from it", () => {
    const answer = errorFixture('error-blocked');
    const expected = {
      operation: 'send',
      code: 'FORBIDDEN',
      message: 'Forbidden: bot was blocked by the user (sendMessage)',
      status: 403,
    };
    expect(described('sendMessage', answer)).toEqual(expected);
    const error = new GrammyError("Call to 'sendMessage' failed!", answer as never, 'sendMessage', {});
    expect(described('sendMessage', error)).toEqual(expected);
  });

  it('classifies network failures by the error fetch threw, without the token', () => {
    const token = '7530215388:AAH-secret-part-0123456789';
    // node-fetch's FetchError, which grammY wraps in an HttpError when Telegram cannot be reached.
    const cause = Object.assign(
      new Error(`request to http://127.0.0.1:9/bot${token}/sendMessage failed, reason: connect ECONNREFUSED`),
      { name: 'FetchError', type: 'system', code: 'ECONNREFUSED', errno: 'ECONNREFUSED' },
    );
    const failure = described(
      'sendMessage',
      new HttpError("Network request for 'sendMessage' failed!", cause),
      [token],
    );
    expect(failure.code).toBe('NETWORK_ERROR');
    expect(failure.message).toContain('/bot7530215388:[REDACTED]/sendMessage');
    expect(failure.message).not.toContain('secret-part');
  });

  it('describes any other rejection by its message', () => {
    expect(described('sendMessage', new Error('Request aborted while waiting between retries'))).toEqual({
      operation: 'send',
      code: 'UNKNOWN',
      message: 'Request aborted while waiting between retries (sendMessage)',
    });
  });
});
