import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { describeFailure, redactTokens } from './failure';

describe('describeFailure', () => {
  it('keeps Discord’s code, message and status', () => {
    const error = new DiscordAPIError(
      { code: 50013, message: 'Missing Permissions' },
      50013,
      403,
      'POST',
      'http://127.0.0.1/api/v10/channels/1/messages',
      { body: { content: 'hi' } },
    );
    expect(describeFailure(error)).toEqual({ code: '50013', message: 'Missing Permissions', status: 403 });
  });

  it('describes an answer that was not JSON by its status', () => {
    const error = new HTTPError(
      502,
      'Bad Gateway',
      'PATCH',
      'http://127.0.0.1/api/v10/webhooks/1/secret-token/messages/2',
      {},
    );
    expect(describeFailure(error)).toEqual({ message: 'Bad Gateway', status: 502 });
  });

  it('never repeats a webhook or interaction token', () => {
    expect(
      redactTokens(
        'failed: POST /interactions/12/aW50ZXJhY3Rpb24/callback and /webhooks/3/abc-def/messages/4',
      ),
    ).toBe('failed: POST /interactions/12/[token]/callback and /webhooks/3/[token]/messages/4');
    expect(describeFailure(new Error('PATCH /webhooks/1/secret/messages/@original timed out')).message).toBe(
      'PATCH /webhooks/1/[token]/messages/@original timed out',
    );
    expect(describeFailure('plain')).toEqual({ message: 'plain' });
  });
});
