import { describe, expect, it } from 'vitest';
import { failureFacts } from './failure';

describe('failureFacts', () => {
  it("reads botbuilder's RestError: the HTTP status and the ErrorResponse code", () => {
    const error = Object.assign(new Error('Not in roster'), {
      statusCode: 403,
      code: 'BotNotInConversationRoster',
    });

    expect(failureFacts(error)).toEqual({ status: 403, platformCode: 'BotNotInConversationRoster' });
  });

  it("reads the Agents SDK's HttpError: the status, and the channel's own code and description", () => {
    // The shape @microsoft/agents-hosting 1.8.1 rejects with (HttpError of its HttpClient).
    const error = Object.assign(
      new Error('Request failed with status 400: {"error":{"code":"BadArgument","message":"Cannot edit"}}'),
      {
        name: 'HttpError',
        status: 400,
        response: { status: 400, data: { error: { code: 'BadArgument', message: 'Cannot edit' } } },
      },
    );

    expect(failureFacts(error)).toEqual({ status: 400, platformCode: 'BadArgument', message: 'Cannot edit' });
  });

  it('gives only the status when the channel answered with no ErrorResponse', () => {
    expect(
      failureFacts({ status: 502, response: { status: 502, data: '<html>Bad gateway</html>' } }),
    ).toEqual({
      status: 502,
    });
    expect(failureFacts({ statusCode: 500 })).toEqual({ status: 500 });
  });

  it('gives nothing for network failures and values that are no HTTP error', () => {
    expect(failureFacts(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toEqual(
      {},
    );
    expect(failureFacts({ status: 404 })).toEqual({});
    expect(failureFacts('failed')).toEqual({});
    expect(failureFacts(null)).toEqual({});
  });
});
