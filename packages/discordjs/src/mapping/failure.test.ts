import { describeFailure } from '@bothooks/core/adapter';
import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { failureFacts } from './failure';

/** What the adapter does with a refused call: the kit's description from this mapping's facts. */
function describe403(error: unknown) {
  return describeFailure('send', error, failureFacts(error));
}

describe('failureFacts', () => {
  it('keeps Discord’s code and status, and names the refusal', () => {
    const error = new DiscordAPIError(
      { code: 50013, message: 'Missing Permissions' },
      50013,
      403,
      'POST',
      'http://127.0.0.1/api/v10/channels/1/messages',
      { body: { content: 'hi' } },
    );
    expect(describe403(error)).toEqual({
      operation: 'send',
      code: 'FORBIDDEN',
      message: 'Missing Permissions',
      status: 403,
      platformCode: '50013',
    });
  });

  it('describes an answer that was not JSON by its status', () => {
    const error = new HTTPError(
      502,
      'Bad Gateway',
      'PATCH',
      'http://127.0.0.1/api/v10/webhooks/1/secret-token/messages/2',
      {},
    );
    expect(describe403(error)).toEqual({
      operation: 'send',
      code: 'SERVER_ERROR',
      message: 'Bad Gateway',
      status: 502,
    });
  });

  it('never repeats a webhook or interaction token, and has no platform code for network failures', () => {
    const reset = Object.assign(
      new Error('PATCH /webhooks/1/c2VjcmV0LXRva2Vu/messages/@original: socket reset'),
      {
        code: 'ECONNRESET',
      },
    );
    expect(describe403(reset)).toEqual({
      operation: 'send',
      code: 'NETWORK_ERROR',
      message: 'PATCH /webhooks/1/[REDACTED]/messages/@original: socket reset',
    });
    expect(describe403('plain')).toEqual({ operation: 'send', code: 'UNKNOWN', message: 'plain' });
  });
});
