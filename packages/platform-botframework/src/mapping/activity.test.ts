import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  activityTimestamp,
  activityToMessageData,
  deletedActivity,
  inboundEventType,
  inboundMessageData,
  isReportedOutbound,
  isSyntheticActivity,
  sentActivity,
} from './activity';
import type { ActivityInput } from './types';

function fixture(name: string): ActivityInput {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/${name}.json`, import.meta.url), 'utf8'));
}

const TEAMS_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TEAMS_BOT = { id: '28:f5d48856-5b42-41a0-8c3a-c5f944b679b0', name: 'ShopBot' };
const TEAMS_PERSONAL_CHAT =
  'a:1xlimp68NSUxEqK0ap2rXuwC9ITauHgV2M4RaDPkeRhV8qMaFn-RyilMZ62YiVdqs8pp43yQaRKvv_U2S2gOS5nM-y_pOxVe4BW1qMGPtqD0Bv3pw-nJXF0zhDlZHMZ1Z';
const MEGAN = {
  id: '29:1I9Is_Sx0O-Iy2rQ7Xz1lcaPKlO9eqmBRTBuW6XzkFtcjqxTjPaCMij8BVMdBcL9L_RwWNJyAHFQb0TRzXgyQvA',
  name: 'Megan Bowen',
  locale: 'en-US',
};

describe('activityToMessageData on recorded Microsoft Teams activities', () => {
  it('maps a personal chat message, leaving out the text/html copy Teams adds to every message', () => {
    const activity = fixture('teams-personal-message');

    expect(inboundEventType(activity)).toBe('message.received');
    expect(activityToMessageData(activity, { direction: 'inbound' })).toEqual({
      platform: 'botframework',
      direction: 'inbound',
      channel: 'msteams',
      bot: TEAMS_BOT,
      conversation: { id: TEAMS_PERSONAL_CHAT, type: 'personal', tenantId: TEAMS_TENANT },
      user: MEGAN,
      message: { id: '1710234927421', text: 'Where is my order?', attachments: [] },
    });
    expect(activityTimestamp(activity)).toBe('2024-03-12T09:15:27.4213351Z');
  });

  it('maps a channel mention, with the reply chain as threadId and the tenant from the conversation', () => {
    const data = activityToMessageData(fixture('teams-channel-mention'), { direction: 'inbound' });

    expect(data.conversation).toEqual({
      id: '19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2;messageid=1710235100231',
      type: 'channel',
      isGroup: true,
      threadId: '1710235100231',
      tenantId: TEAMS_TENANT,
    });
    expect(data.message).toEqual({
      id: '1710235202148',
      text: '<at>ShopBot</at> what is the status of order 42?\n',
      attachments: [],
      replyToId: '1710235100231',
    });
  });

  it('describes an uploaded file without its pre-authenticated download link', () => {
    const data = activityToMessageData(fixture('teams-file-upload'), { direction: 'inbound' });

    expect(data.message).toEqual({
      id: '1710235541007',
      attachments: [
        {
          type: 'file',
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          url: 'https://contoso.sharepoint.com/personal/megan_contoso_com/Documents/Microsoft%20Teams%20Chat%20Files/receipt-42.pdf',
          name: 'receipt-42.pdf',
          fileId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D',
        },
      ],
    });
    expect(JSON.stringify(data)).not.toContain('tempauth');
    expect(JSON.stringify(data)).not.toContain('download.aspx');
  });

  it('maps an edit (editMessage) and a soft delete (softDeleteMessage) of a user message', () => {
    const update = fixture('teams-message-update');
    const deletion = fixture('teams-message-delete');

    expect(inboundEventType(update)).toBe('message.edited');
    expect(activityToMessageData(update, { direction: 'inbound' }).message).toEqual({
      id: '1710234927421',
      text: 'Where is my order #42?',
      attachments: [],
    });
    expect(inboundEventType(deletion)).toBe('message.deleted');
    expect(activityToMessageData(deletion, { direction: 'inbound' })).toMatchObject({
      user: { id: MEGAN.id },
      message: { id: '1710234927421', attachments: [] },
    });
  });
});

describe('activityToMessageData on recorded Web Chat and Direct Line activities', () => {
  it('maps a Web Chat message, dropping the empty user name Web Chat sends', () => {
    expect(activityToMessageData(fixture('webchat-message'), { direction: 'inbound' })).toEqual({
      platform: 'botframework',
      direction: 'inbound',
      channel: 'webchat',
      bot: { id: 'shopbot@AbCdEfGhIjK', name: 'shopbot' },
      conversation: { id: 'Hd3ZcLwSOr3JNYaS5pQe9u-eu' },
      user: { id: 'dl_5f2c4a8e9b1d4c7e', locale: 'en-US' },
      message: { id: 'Hd3ZcLwSOr3JNYaS5pQe9u-eu|0000002', text: 'Where is my order?', attachments: [] },
    });
  });

  it('maps an Adaptive Card submit to a button action with the submitted values', () => {
    const activity = fixture('webchat-card-submit');

    expect(activityToMessageData(activity, { direction: 'inbound' }).message).toEqual({
      id: 'Hd3ZcLwSOr3JNYaS5pQe9u-eu|0000004',
      attachments: [],
      replyToId: 'Hd3ZcLwSOr3JNYaS5pQe9u-eu|0000003',
      action: { kind: 'button', options: { action: 'track', orderId: '42' } },
    });
  });

  it("keeps an uploaded file's Direct Line URL but not the conversation token in it", () => {
    const data = activityToMessageData(fixture('directline-attachment'), { direction: 'inbound' });

    expect(data.message.attachments).toEqual([
      {
        type: 'photo',
        contentType: 'image/png',
        url: 'https://directline.botframework.com/attachments/8fB2kqN7cXtKp4Lw1ZsVhe-eu/0000005/0/receipt.png',
        name: 'receipt.png',
      },
    ]);
    expect(JSON.stringify(data)).not.toContain('EXAMPLE-NOT-A-REAL-TOKEN');
    expect(data.user).toEqual({ id: 'customer-7781', name: 'Grace Hopper', locale: 'en-GB' });
  });
});

describe('activityToMessageData on a recorded Bot Framework Emulator activity', () => {
  it('maps the message the Emulator posts', () => {
    expect(activityToMessageData(fixture('emulator-message'), { direction: 'inbound' })).toEqual({
      platform: 'botframework',
      direction: 'inbound',
      channel: 'emulator',
      bot: { id: '0c1d2e30-e05f-11ee-8e9f-0a1b2c3d4e5f', name: 'Bot' },
      conversation: { id: '3f1d7a40-2b8e-11ef-a1d2-5e6f7a8b9c0d|livechat' },
      user: { id: '8f6a3b1e-5c2d-4e7f-9a0b-1c2d3e4f5a6b', name: 'User', locale: 'en-US' },
      message: { id: '9a8b7c60-e05f-11ee-b1c0-d9f8a7b6c5d4', text: 'hello', attachments: [] },
    });
  });
});

// The same three replies, as botbuilder 4.23.3 (`outbound-*`) and the Agents SDK 1.8.1 (`agents-outbound-*`) post them.
describe.each([
  ['botbuilder', 'outbound'],
  ['the Agents SDK', 'agents-outbound'],
])('activityToMessageData on outbound activities %s posted to the Bot Connector', (_sdk, prefix) => {
  it('summarises an Adaptive Card instead of dumping it, with the user as the recipient', () => {
    const data = activityToMessageData(fixture(`${prefix}-adaptive-card`), { direction: 'outbound' });

    expect(data).toEqual({
      platform: 'botframework',
      direction: 'outbound',
      channel: 'webchat',
      bot: { id: 'bot-1', name: 'Test Bot' },
      conversation: { id: 'conversation-1', type: 'personal', isGroup: false },
      user: { id: 'user-1', name: 'Ada Lovelace', locale: 'en-US' },
      message: {
        attachments: [
          {
            type: 'card',
            contentType: 'application/vnd.microsoft.card.adaptive',
            title: 'Order #42',
            summary: 'Two items, shipped yesterday by express courier. Total: €54.90 Arrives: Friday',
          },
        ],
        replyToId: 'webchat-activity-7',
      },
    });
    expect(JSON.stringify(data)).not.toContain('Action.Submit');
  });

  it('maps a hero card with its title, subtitle and image URL left out of the content', () => {
    const data = activityToMessageData(fixture(`${prefix}-hero-card`), { direction: 'outbound' });

    expect(data.message.attachments).toEqual([
      {
        type: 'card',
        contentType: 'application/vnd.microsoft.card.hero',
        title: 'Winter jacket',
        summary: 'In stock, ships in 24 hours',
      },
    ]);
  });

  it('maps a text reply with suggested actions to its text', () => {
    const data = activityToMessageData(fixture(`${prefix}-suggested-actions`), { direction: 'outbound' });

    expect(data.message).toEqual({
      text: 'Anything else about order #42?',
      attachments: [],
      replyToId: 'webchat-activity-7',
    });
  });
});

describe('activityToMessageData on unusual input', () => {
  it('never throws on missing, null or wrongly typed fields', () => {
    const odd: unknown[] = [
      {},
      { type: 'message', from: null, recipient: 'bot', conversation: [], attachments: {} },
      { type: 'message', attachments: [null, 7, { contentType: 42, contentUrl: {} }], text: 5, value: null },
      {
        type: 'message',
        conversation: { id: 9, isGroup: 'yes', tenantId: null },
        channelData: { tenant: 'x' },
      },
      {
        type: 'message',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: 'string' }],
      },
    ];
    for (const activity of odd) {
      const data = activityToMessageData(activity as ActivityInput, { direction: 'inbound' });
      expect(data.platform).toBe('botframework');
      expect(data.conversation.id).toEqual(expect.any(String));
    }
  });

  it('keeps a data: URL (the file itself) out of the attachment', () => {
    const data = activityToMessageData(
      {
        type: 'message',
        attachments: [{ contentType: 'image/png', contentUrl: 'data:image/png;base64,iVBORw0KGgo=' }],
      },
      { direction: 'inbound' },
    );

    expect(data.message.attachments).toEqual([{ type: 'photo', contentType: 'image/png' }]);
  });

  it('keeps a short summary of a very long card', () => {
    const long = 'word '.repeat(200);
    const data = activityToMessageData(
      {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.thumbnail',
            content: { title: 'Terms', text: long },
          },
        ],
      },
      { direction: 'outbound' },
    );

    expect(data.message.attachments[0]?.summary?.length).toBe(200);
    expect(data.message.attachments[0]?.summary?.endsWith('…')).toBe(true);
  });
});

describe('activity classification', () => {
  it('reports messages, edits and deletes from users, nothing else', () => {
    expect(
      ['message', 'messageUpdate', 'messageDelete', 'typing', 'event', 'conversationUpdate', 'invoke'].map(
        (type) => inboundEventType({ type }),
      ),
    ).toEqual([
      'message.received',
      'message.edited',
      'message.deleted',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reports messages the bot sends, and typing only when asked', () => {
    const types = [
      'message',
      undefined,
      'typing',
      'trace',
      'delay',
      'invokeResponse',
      'event',
      'endOfConversation',
    ];
    expect(types.map((type) => isReportedOutbound({ type }, false))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(isReportedOutbound({ type: 'typing' }, true)).toBe(true);
  });

  it('recognises the synthetic events of proactive turns', () => {
    expect(isSyntheticActivity({ type: 'event', name: 'ContinueConversation' })).toBe(true);
    expect(isSyntheticActivity({ type: 'event', name: 'CreateConversation' })).toBe(true);
    expect(isSyntheticActivity({ type: 'event', name: 'continueConversation' })).toBe(true);
    expect(isSyntheticActivity({ type: 'event', name: 'webchat/join' })).toBe(false);
    expect(isSyntheticActivity({ type: 'message', name: 'ContinueConversation' })).toBe(false);
    expect(isSyntheticActivity(undefined)).toBe(false);
  });

  it.each([
    ['botbuilder', 'bot'],
    ['the Agents SDK', 'agent'],
  ])('describes a deleted activity from a %s conversation reference', (_sdk, botField) => {
    const reference = {
      activityId: 'srv-3',
      channelId: 'webchat',
      conversation: { id: 'c-1', isGroup: false, conversationType: 'personal', name: '' },
      [botField]: { id: 'bot-1', name: 'Bot' },
      user: { id: 'user-1', name: 'Ada' },
      serviceUrl: 'https://webchat.botframework.com/',
    };
    const activity = deletedActivity(reference);

    expect(activityToMessageData(activity, { direction: 'outbound' })).toEqual({
      platform: 'botframework',
      direction: 'outbound',
      channel: 'webchat',
      bot: { id: 'bot-1', name: 'Bot' },
      conversation: { id: 'c-1', type: 'personal', isGroup: false },
      user: { id: 'user-1', name: 'Ada' },
      message: { id: 'srv-3', attachments: [] },
    });
  });

  it('snapshots a sent activity with the id the channel returned, reading fields kept behind accessors', () => {
    // The Agents SDK's Activity keeps channelId behind a getter, which a spread would lose.
    class AccessorActivity {
      type = 'message';
      text = 'Your order has shipped.';
      replyToId = 'user-activity-1';
      conversation = { id: 'c-1' };
      from = { id: 'bot-1', name: 'Bot' };
      recipient = { id: 'user-1', name: 'Ada' };
      readonly #channel = 'msteams';
      get channelId(): string {
        return this.#channel;
      }
    }
    const activity = new AccessorActivity();

    const sent = sentActivity(activity, { id: 'srv-9' }, { type: 'message', id: 'user-activity-1' });

    expect({ ...activity }).not.toHaveProperty('channelId');
    expect(sent).toMatchObject({ id: 'srv-9', channelId: 'msteams', replyToId: 'user-activity-1' });
    activity.text = 'changed after the send';
    expect(activityToMessageData(sent, { direction: 'outbound' }).message.text).toBe(
      'Your order has shipped.',
    );
  });

  it('does not show a proactive send as a reply to the synthetic event that started its turn', () => {
    const synthetic = { type: 'event', name: 'ContinueConversation', id: 'synthetic-1' };

    const proactive = sentActivity({ type: 'message', replyToId: 'synthetic-1' }, { id: 'srv-1' }, synthetic);
    const reply = sentActivity({ type: 'message', replyToId: 'user-7' }, { id: '' }, { id: 'user-7' });

    expect(proactive).toMatchObject({ id: 'srv-1', replyToId: undefined });
    expect(reply).toMatchObject({ id: undefined, replyToId: 'user-7' });
  });

  it('describes the message of a turn for a JSON API request, and nothing for other activities', () => {
    const message = fixture('webchat-message');

    expect(inboundMessageData(message)).toEqual(activityToMessageData(message, { direction: 'inbound' }));
    expect(inboundMessageData(fixture('teams-message-update'))).toBeUndefined();
    expect(inboundMessageData({ type: 'event', name: 'ContinueConversation' })).toBeUndefined();
  });
});
