import { describeFailure } from '@bothooks/core/adapter';
import { describe, expect, it } from 'vitest';
import { errorFixture, messageFixture } from '../../test/fixtures';
import { type CallScope, failureFacts, mapApiCall, mapFailedCall } from './api-call';
import { callKind } from './methods';
import { describeSource, type InputFileDescriber } from './uploads';

/** An upload object of the `{ source, filename }` shape, as a framework's describer would read it. */
const describeInputFile: InputFileDescriber = (type, value) =>
  'source' in value
    ? describeSource(type, value.source, (value as { filename?: string }).filename)
    : undefined;

const bot = { id: '7530215388', name: 'Shop Bot', username: 'shopbot' };
const grace = { id: '5123456789', name: 'Grace Hopper', username: 'grace_h', locale: 'en' };
const inPrivateTurn: CallScope = {
  bot,
  turn: { conversation: { id: '5123456789', type: 'private', isGroup: false }, user: grace },
};
const outsideTurns: CallScope = { bot };

/** What the adapter does with a failed call: the kit's description from this mapping's facts. */
function failure(method: string, error: unknown, secrets: string[] = []) {
  return describeFailure(callKind(method) ?? 'send', error, failureFacts(method, error), secrets);
}

describe('callKind', () => {
  it('classifies sends, edits and deletes, and nothing else', () => {
    expect(
      ['sendMessage', 'sendPhoto', 'sendMediaGroup', 'copyMessage', 'forwardMessages', 'sendPaidMedia'].map(
        callKind,
      ),
    ).toEqual(['send', 'send', 'send', 'send', 'send', 'send']);
    expect(['editMessageText', 'editMessageReplyMarkup', 'stopMessageLiveLocation'].map(callKind)).toEqual([
      'edit',
      'edit',
      'edit',
    ]);
    expect(['deleteMessage', 'deleteMessages'].map(callKind)).toEqual(['delete', 'delete']);
    expect(
      [
        'getUpdates',
        'getMe',
        'sendChatAction',
        'answerCallbackQuery',
        'setMessageReaction',
        'deleteWebhook',
      ].map(callKind),
    ).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('mapApiCall', () => {
  it('maps a message sent into a forum topic from the returned message', () => {
    const scope: CallScope = {
      bot,
      turn: {
        conversation: {
          id: '-1002271335705',
          type: 'supergroup',
          name: 'Orbit Support',
          isGroup: true,
          threadId: '2',
        },
        user: { id: '1998627310', name: 'Katherine Johnson' },
      },
    };
    const result = messageFixture('sent-topic-message');
    expect(
      mapApiCall(
        'sendMessage',
        { chat_id: -1002271335705, text: 'Menu:', message_thread_id: 2 },
        result,
        scope,
        describeInputFile,
      ),
    ).toEqual([
      {
        type: 'message.sent',
        data: {
          platform: 'telegram',
          direction: 'outbound',
          bot,
          conversation: {
            id: '-1002271335705',
            type: 'supergroup',
            name: 'Orbit Support',
            isGroup: true,
            threadId: '2',
          },
          user: { id: '1998627310', name: 'Katherine Johnson' },
          message: { id: '186', text: 'Menu:', attachments: [] },
        },
      },
    ]);
  });

  it('adds what it knows of an upload to the photo the API returned', () => {
    const upload = Buffer.alloc(120_000);
    const [event] = mapApiCall(
      'sendPhoto',
      { chat_id: 5123456789, photo: { source: upload, filename: 'order-42.jpg' }, caption: 'Your order #42' },
      messageFixture('sent-photo'),
      inPrivateTurn,
      describeInputFile,
    );
    expect(event?.data.message).toEqual({
      id: '4072',
      text: 'Your order #42',
      attachments: [
        {
          type: 'photo',
          fileId: 'AgACAgIAAxkDAAIP2WdB2Q3r5m2Xv2wJ1cW9VvCq3w9VAAJL5TEbYbMJSkJ8w2D8P3tQAQADAgADeAADNgQ',
          name: 'order-42.jpg',
          size: 51_877,
        },
      ],
    });
    expect(event?.data.user).toEqual(grace);
  });

  it('names the user of a private chat when the call is made outside any update', () => {
    const [event] = mapApiCall(
      'sendPhoto',
      { chat_id: 5123456789, photo: 'AgACAgIAAx' },
      messageFixture('sent-photo'),
      outsideTurns,
      describeInputFile,
    );
    expect(event?.data.user).toEqual({ id: '5123456789', name: 'Grace Hopper', username: 'grace_h' });
    expect(event?.data.conversation).toEqual({ id: '5123456789', type: 'private', isGroup: false });
  });

  it('reports one message.sent per message of a media group', () => {
    const photo = messageFixture('sent-photo');
    const events = mapApiCall(
      'sendMediaGroup',
      {
        chat_id: 5123456789,
        media: [
          { type: 'photo', media: { source: Buffer.alloc(10), filename: 'a.jpg' } },
          { type: 'photo', media: { source: Buffer.alloc(20), filename: 'b.jpg' } },
        ],
      },
      [photo, { ...photo, message_id: 4073 }],
      inPrivateTurn,
      describeInputFile,
    );
    expect(
      events.map((event) => [event.type, event.data.message.id, event.data.message.attachments[0]?.name]),
    ).toEqual([
      ['message.sent', '4072', 'a.jpg'],
      ['message.sent', '4073', 'b.jpg'],
    ]);
  });

  it('reports copies with the new id, and forwards of several messages one by one', () => {
    expect(
      mapApiCall(
        'copyMessage',
        { chat_id: -4663428801, from_chat_id: 1, message_id: 2 },
        { message_id: 77 },
        outsideTurns,
        describeInputFile,
      ),
    ).toEqual([
      {
        type: 'message.sent',
        data: {
          platform: 'telegram',
          direction: 'outbound',
          bot,
          conversation: { id: '-4663428801' },
          message: { id: '77', attachments: [] },
        },
      },
    ]);
    const forwarded = mapApiCall(
      'forwardMessages',
      { chat_id: 5123456789, from_chat_id: 1, message_ids: [3, 4] },
      [{ message_id: 8 }, { message_id: 9 }],
      inPrivateTurn,
      describeInputFile,
    );
    expect(forwarded.map((event) => [event.data.message.id, event.data.user?.id])).toEqual([
      ['8', '5123456789'],
      ['9', '5123456789'],
    ]);
  });

  it('reports edits of inline messages, which return true, from the call', () => {
    expect(
      mapApiCall(
        'editMessageText',
        { inline_message_id: 'BAAAAC4M', text: 'Voted' },
        true,
        outsideTurns,
        describeInputFile,
      ),
    ).toEqual([
      {
        type: 'message.edited',
        data: {
          platform: 'telegram',
          direction: 'outbound',
          bot,
          conversation: { id: 'BAAAAC4M', type: 'inline', isGroup: false },
          message: { id: 'BAAAAC4M', text: 'Voted', attachments: [] },
        },
      },
    ]);
  });

  it('reports deletes, including the webhook-reply `true` and bulk deletes', () => {
    const [single] = mapApiCall(
      'deleteMessage',
      { chat_id: 5123456789, message_id: 4072 },
      true,
      inPrivateTurn,
      describeInputFile,
    );
    expect(single).toEqual({
      type: 'message.deleted',
      data: {
        platform: 'telegram',
        direction: 'outbound',
        bot,
        conversation: { id: '5123456789', type: 'private', isGroup: false },
        user: grace,
        message: { id: '4072', attachments: [] },
      },
    });
    const [bulk] = mapApiCall(
      'deleteMessages',
      { chat_id: -4663428801, message_ids: [1, 2, 3] },
      true,
      outsideTurns,
      describeInputFile,
    );
    expect(bulk?.data.message).toEqual({ ids: ['1', '2', '3'], attachments: [] });
  });

  it('maps calls that are not about messages to nothing', () => {
    expect(
      mapApiCall('sendChatAction', { chat_id: 1, action: 'typing' }, true, outsideTurns, describeInputFile),
    ).toEqual([]);
    expect(mapApiCall('getUpdates', { offset: 1 }, [], outsideTurns, describeInputFile)).toEqual([]);
  });
});

describe('mapFailedCall', () => {
  it('reports what the call tried to do and the Bot API error', () => {
    const error = errorFixture('error-blocked');
    expect(
      mapFailedCall(
        'sendMessage',
        { chat_id: 5123456789, text: 'Your order shipped', reply_parameters: { message_id: 9 } },
        failure('sendMessage', error),
        outsideTurns,
        describeInputFile,
      ),
    ).toEqual({
      type: 'message.failed',
      data: {
        platform: 'telegram',
        direction: 'outbound',
        bot,
        conversation: { id: '5123456789', type: 'private', isGroup: false },
        user: { id: '5123456789' },
        message: { text: 'Your order shipped', attachments: [], replyToId: '9' },
        error: {
          operation: 'send',
          code: 'FORBIDDEN',
          message: 'Forbidden: bot was blocked by the user (sendMessage)',
          status: 403,
        },
      },
    });
  });

  it('names the message an edit or delete targeted, and rate limits', () => {
    // As Telegraf rejects: an Error whose `response` is the Bot API's answer.
    const limited = Object.assign(new Error('429: Too Many Requests: retry after 7'), {
      response: errorFixture('error-rate-limit'),
    });
    const event = mapFailedCall(
      'editMessageText',
      { chat_id: -4663428801, message_id: 5, text: 'x' },
      failure('editMessageText', limited),
      outsideTurns,
      describeInputFile,
    );
    expect(event?.data.message.id).toBe('5');
    expect(event?.data.error).toEqual({
      operation: 'edit',
      code: 'TOO_MANY_REQUESTS',
      message: 'Too Many Requests: retry after 7 (editMessageText)',
      status: 429,
    });
  });

  it('describes network failures without the bot token', () => {
    const token = '7530215388:AAH-secret-part-0123456789';
    // node-fetch's FetchError, as Telegraf rejects with it when Telegram cannot be reached.
    const error = Object.assign(
      new Error(`request to http://127.0.0.1:9/bot${token}/sendMessage failed, reason: connect ECONNREFUSED`),
      { name: 'FetchError', type: 'system', code: 'ECONNREFUSED', errno: 'ECONNREFUSED' },
    );
    const event = mapFailedCall(
      'sendMessage',
      { chat_id: 1, text: 'x' },
      failure('sendMessage', error, [token]),
      outsideTurns,
      describeInputFile,
    );
    expect(event?.data.error?.code).toBe('NETWORK_ERROR');
    expect(event?.data.error?.message).not.toContain('secret-part');
    expect(event?.data.error?.message).toContain('/bot7530215388:[REDACTED]/sendMessage');
  });

  it('describes the files of a failed upload', () => {
    const event = mapFailedCall(
      'sendDocument',
      { chat_id: 1, document: { source: Buffer.alloc(2_048), filename: 'invoice.pdf' } },
      failure('sendDocument', new Error('boom')),
      outsideTurns,
      describeInputFile,
    );
    expect(event?.data.message.attachments).toEqual([{ type: 'document', name: 'invoice.pdf', size: 2_048 }]);
  });
});
