import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures';
import { mapApiCall, mapFailedCall, targetChannel } from './api-call';
import { failureFacts } from './failure';

const bot = { id: 'U0LAN0Z89', name: 'shopbot' };

describe('mapApiCall', () => {
  it('maps chat.postMessage to message.sent with the ts Slack gave and the blocks described', () => {
    const params = {
      channel: 'C123ABC456',
      text: 'Order shipped',
      thread_ts: '1503435900.000100',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Order #42' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'Two items' },
          accessory: { type: 'image', image_url: 'https://example.com/box.png?sig=abc', alt_text: 'a box' },
        },
        {
          type: 'actions',
          elements: [{ type: 'button', text: { type: 'plain_text', text: 'Track' }, action_id: 'track' }],
        },
      ],
    };
    expect(mapApiCall('chat.postMessage', params, fixture('chat-postMessage-result'), { bot })).toEqual({
      type: 'message.sent',
      data: {
        platform: 'slack',
        direction: 'outbound',
        bot,
        conversation: { id: 'C123ABC456', type: 'channel', isGroup: true, threadId: '1503435900.000100' },
        message: {
          id: '1503435956.000247',
          text: 'Order shipped',
          attachments: [
            { type: 'blocks', title: 'Order #42', summary: 'Two items [Track]' },
            { type: 'photo', url: 'https://example.com/box.png', title: 'a box' },
          ],
          replyToId: '1503435900.000100',
        },
      },
    });
  });

  it('maps postEphemeral with its recipient as the user, update to edited and delete to deleted', () => {
    const ephemeral = mapApiCall(
      'chat.postEphemeral',
      { channel: 'C1', user: 'U2', text: 'only you' },
      { ok: true, message_ts: '1.2' },
      { bot },
    );
    expect(ephemeral?.data.user).toEqual({ id: 'U2' });
    expect(ephemeral?.data.message.id).toBe('1.2');
    expect(
      mapApiCall(
        'chat.update',
        { channel: 'C1', ts: '1.3', text: 'new' },
        { ok: true, channel: 'C1', ts: '1.3' },
        { bot },
      )?.type,
    ).toBe('message.edited');
    const deleted = mapApiCall(
      'chat.delete',
      { channel: 'C1', ts: '1.4' },
      { ok: true, channel: 'C1', ts: '1.4' },
      { bot },
    );
    expect(deleted).toMatchObject({
      type: 'message.deleted',
      data: { message: { id: '1.4', attachments: [] } },
    });
  });

  it('maps a file shared in a channel to message.sent with the files and the ts of its share', () => {
    const event = mapApiCall(
      'files.completeUploadExternal',
      {
        files: [{ id: 'F044GKUHN9Z', title: 'Weekly report' }],
        channel_id: 'C2147483705',
        initial_comment: 'this week',
      },
      fixture('files-completeUploadExternal-result'),
      { bot },
    );
    expect(event?.data.message).toEqual({
      id: '1665694434.000300',
      text: 'this week',
      attachments: [
        {
          type: 'file',
          contentType: 'text/csv',
          url: 'https://files.slack.com/files-pri/T061EG9R6-F044GKUHN9Z/report.csv',
          name: 'report.csv',
          fileId: 'F044GKUHN9Z',
          size: 1247,
          title: 'Weekly report',
        },
      ],
    });
    expect(
      mapApiCall('files.completeUploadExternal', { files: [{ id: 'F1' }] }, { ok: true, files: [] }, { bot }),
    ).toBeUndefined();
  });

  it('takes the channel from the answer: a user id as channel opens a DM', () => {
    expect(targetChannel('chat.postMessage', { channel: 'U2147483697' }, { channel: 'D0PNCRP9N' })).toBe(
      'D0PNCRP9N',
    );
    expect(mapApiCall('conversations.info', { channel: 'C1' }, { ok: true }, { bot })).toBeUndefined();
  });

  it('maps a refusal to message.failed with the given failure', () => {
    const failure = { operation: 'send' as const, code: 'NOT_FOUND' as const, message: 'channel_not_found' };
    expect(
      mapFailedCall('chat.postMessage', { channel: 'C9', text: 'hi' }, failure, { bot })?.data,
    ).toMatchObject({
      conversation: { id: 'C9' },
      message: { text: 'hi' },
      error: failure,
    });
  });
});

describe('failureFacts', () => {
  it("reads Slack's error name from platform errors, and the status from HTTP errors", () => {
    const platform = Object.assign(new Error('An API error occurred: not_in_channel'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'not_in_channel', response_metadata: { messages: ['[ERROR] join first'] } },
    });
    expect(failureFacts(platform)).toEqual({
      platformCode: 'not_in_channel',
      code: 'FORBIDDEN',
      message: 'not_in_channel: [ERROR] join first',
    });
    const http = Object.assign(new Error('An HTTP protocol error occurred: statusCode = 503'), {
      code: 'slack_webapi_http_error',
      statusCode: 503,
      body: 'upstream down',
    });
    expect(failureFacts(http)).toEqual({ status: 503, platformCode: undefined, message: undefined });
    expect(failureFacts(new Error('boom'))).toEqual({});
  });
});
