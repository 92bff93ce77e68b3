import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures';
import { bodyFacts, mapInbound } from './inbound';

const bot = { id: 'U0LAN0Z89' };
const self = { userId: 'U0LAN0Z89', botId: 'B0LAN0Z88' };

describe('mapInbound', () => {
  it('maps a channel message: channel, workspace, the person, the text; the rich_text blocks are the text', () => {
    expect(mapInbound(fixture('message-channel'), bot, self)).toEqual({
      type: 'message.received',
      data: {
        platform: 'slack',
        direction: 'inbound',
        bot,
        conversation: { id: 'C2147483705', type: 'channel', isGroup: true, teamId: 'T061EG9R6' },
        user: { id: 'U2147483697' },
        message: { id: '1355517523.000005', text: 'Live long and prospect, <@U0LAN0Z89>', attachments: [] },
      },
      timestamp: 1355517523000,
      key: 'C2147483705/1355517523.000005',
    });
  });

  it('keeps the enterprise id and the profile Slack includes in a DM', () => {
    const event = mapInbound(fixture('message-im-enterprise'), bot, self);
    expect(event?.data.conversation).toEqual({
      id: 'D0PNCRP9N',
      type: 'im',
      isGroup: false,
      teamId: 'T061EG9R6',
      enterpriseId: 'E0KH8PSP8',
    });
    expect(event?.data.user).toEqual({ id: 'U2147483697', name: 'Grace Hopper', username: 'grace.hopper' });
  });

  it('puts a thread reply in its thread, replying to the parent', () => {
    const event = mapInbound(fixture('message-thread-reply'), bot, self);
    expect(event?.data.conversation.threadId).toBe('1482960137.003543');
    expect(event?.data.message).toMatchObject({ id: '1483037603.017503', replyToId: '1482960137.003543' });
  });

  it('describes shared files from their metadata, never their content', () => {
    const event = mapInbound(fixture('message-file-share'), bot, self);
    expect(event?.data.message.attachments).toEqual([
      {
        type: 'file',
        contentType: 'application/pdf',
        url: 'https://files.slack.com/files-pri/T061EG9R6-F0S43PZDF/invoice-0042.pdf',
        name: 'invoice-0042.pdf',
        fileId: 'F0S43PZDF',
        size: 48213,
        title: 'Invoice 42',
      },
      {
        type: 'photo',
        contentType: 'image/jpeg',
        url: 'https://files.slack.com/files-pri/T061EG9R6-F0S43Q1BX/photo.jpg',
        name: 'photo.jpg',
        fileId: 'F0S43Q1BX',
        size: 183422,
      },
    ]);
  });

  it('maps message_changed to message.edited with the new text, and message_deleted to message.deleted', () => {
    const edited = mapInbound(fixture('message-changed'), bot, self);
    expect(edited?.type).toBe('message.edited');
    expect(edited?.data.message).toEqual({
      id: '1355517523.000005',
      text: 'Live long and prosper.',
      attachments: [],
    });
    const deleted = mapInbound(fixture('message-deleted'), bot, self);
    expect(deleted?.type).toBe('message.deleted');
    expect(deleted?.data.message.id).toBe('1358878749.000002');
    expect(deleted?.data.user?.id).toBe('U2147483697');
  });

  it('ignores the message_changed of a link unfurl: nobody edited anything', () => {
    expect(mapInbound(fixture('message-unfurled'), bot, self)).toBeUndefined();
  });

  it("ignores the bot's own messages, and reports another app's with its attachment described", () => {
    expect(mapInbound(fixture('bot-message-own'), bot, self)).toBeUndefined();
    const other = mapInbound(fixture('bot-message-other'), bot, self);
    expect(other?.data.user).toEqual({ id: 'BB12033', username: 'ci-bot' });
    expect(other?.data.message.attachments).toEqual([
      {
        type: 'card',
        url: 'https://ci.example.com/builds/512',
        title: 'Build #512',
        summary: 'All 1,204 tests passed on main',
      },
    ]);
  });

  it('maps an app mention with the key of its message, so the message event of the same ts is one message', () => {
    const mention = mapInbound(fixture('app-mention'), bot, self);
    expect(mention?.type).toBe('message.received');
    expect(mention?.key).toBe('C2147483705/1515449522.000016');
    expect(mention?.data.conversation.type).toBe('channel');
  });

  it('maps a slash command as typed, with its arguments as options', () => {
    expect(mapInbound(fixture('slash-command'), bot, self)?.data).toEqual({
      platform: 'slack',
      direction: 'inbound',
      bot,
      conversation: {
        id: 'C2147483705',
        type: 'channel',
        isGroup: true,
        name: 'test',
        teamId: 'T0001',
        enterpriseId: 'E0001',
      },
      user: { id: 'U2147483697', username: 'steve' },
      message: {
        id: '13345224609.738474920.8088930838d88f008e0',
        text: '/weather 94070',
        attachments: [],
        action: { kind: 'command', value: '/weather', options: { text: '94070' } },
      },
    });
  });

  it('maps a button press: its value, its label as what was said, the message it was on', () => {
    expect(mapInbound(fixture('block-actions-button'), bot, self)?.data.message).toEqual({
      id: '12466734323.1395872398.e2b2dd9b6e9a8f0b9f6f4f5a0e1c6d3b',
      text: 'Approve',
      attachments: [],
      replyToId: '1548261231.000200',
      action: { kind: 'button', value: 'order-42-approve' },
    });
  });

  it('maps a menu choice to a select action with the chosen values and labels', () => {
    const event = mapInbound(fixture('block-actions-select'), bot, self);
    expect(event?.data.message.action).toEqual({ kind: 'select', value: 'margherita,funghi' });
    expect(event?.data.message.text).toBe('Margherita, Funghi');
    expect(event?.data.conversation).toMatchObject({ id: 'D0PNCRP9N', type: 'im' });
    expect(event?.data.conversation).not.toHaveProperty('name');
  });

  it('maps a submitted modal with its inputs as options, in the view when no channel is known', () => {
    const event = mapInbound(fixture('view-submission'), bot, self);
    expect(event?.data.conversation).toEqual({ id: 'VNHU13V36', type: 'modal', teamId: 'T061EG9R6' });
    expect(event?.data.message.action).toEqual({
      kind: 'modal',
      value: 'order_form',
      options: { 'address.street': '12 Analytical Row', 'size.choice': ['large'] },
    });
  });

  it('maps a message shortcut to a shortcut action', () => {
    const event = mapInbound(fixture('message-action'), bot, self);
    expect(event?.data.message.action).toEqual({ kind: 'shortcut', value: 'create_ticket' });
    expect(event?.data.conversation).toMatchObject({ id: 'C2147483705', name: 'general' });
  });
});

describe('bodyFacts', () => {
  it('reads the response_url of commands and interactions, and the event id of events', () => {
    expect(bodyFacts(fixture('slash-command')).responseUrls).toEqual([
      'https://hooks.slack.com/commands/1234/5678',
    ]);
    expect(bodyFacts(fixture('block-actions-button')).sourceTs).toBe('1548261231.000200');
    expect(bodyFacts(fixture('message-channel')).eventId).toBe('Ev0PV52K21');
  });
});
