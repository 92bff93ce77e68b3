import { describe, expect, it } from 'vitest';
import { updateFixture } from '../../test/fixtures';
import { mapUpdate, participantsOf } from './update';

const bot = { id: '7530215388', name: 'Shop Bot', username: 'shopbot' };
const options = { callbackQueries: true };

const grace = { id: '5123456789', name: 'Grace Hopper', username: 'grace_h', locale: 'en' };
const gracePrivateChat = { id: '5123456789', type: 'private', isGroup: false };

describe('mapUpdate', () => {
  it('maps a private text message', () => {
    expect(mapUpdate(updateFixture('private-text'), bot, options)).toEqual({
      type: 'message.received',
      timestamp: 1_732_517_180_000,
      data: {
        platform: 'telegram',
        direction: 'inbound',
        bot,
        conversation: gracePrivateChat,
        user: grace,
        message: { id: '413', text: 'Hello, is my order on its way?', attachments: [] },
      },
    });
  });

  it('names the command of a message that starts with one', () => {
    const event = mapUpdate(updateFixture('private-command'), bot, options);
    expect(event?.data.message).toEqual({
      id: '414',
      text: '/order@shopbot 42',
      attachments: [],
      action: { kind: 'command', value: 'order' },
    });
  });

  it('maps a group message that replies to the bot', () => {
    expect(mapUpdate(updateFixture('group-reply'), bot, options)?.data).toEqual({
      platform: 'telegram',
      direction: 'inbound',
      bot,
      conversation: { id: '-4663428801', type: 'group', name: 'Bletchley Book Club', isGroup: true },
      user: { id: '6193520154', name: 'Alan', username: 'alan_t', locale: 'en-GB' },
      message: { id: '6217', text: 'The Annotated Turing', attachments: [], replyToId: '6215' },
    });
  });

  it('puts a forum topic message in its thread, without the topic root as a reply', () => {
    const event = mapUpdate(updateFixture('supergroup-topic'), bot, options);
    expect(event?.data.conversation).toEqual({
      id: '-1002271335705',
      type: 'supergroup',
      name: 'Orbit Support',
      isGroup: true,
      threadId: '2',
    });
    expect(event?.data.message).toEqual({ id: '187', text: 'Where can I see my invoices?', attachments: [] });
    expect(event?.data.user).toEqual({
      id: '1998627310',
      name: 'Katherine Johnson',
      username: 'kjohnson',
      locale: 'pt-br',
    });
  });

  it('keeps a real reply inside a forum topic', () => {
    const event = mapUpdate(updateFixture('supergroup-topic-reply'), bot, options);
    expect(event?.data.message.replyToId).toBe('188');
    expect(event?.data.conversation.threadId).toBe('2');
  });

  it('maps a channel post without a user, and its edit as message.edited', () => {
    const post = mapUpdate(updateFixture('channel-post'), bot, options);
    expect(post).toEqual({
      type: 'message.received',
      timestamp: 1_695_060_913_000,
      data: {
        platform: 'telegram',
        direction: 'inbound',
        bot,
        conversation: { id: '-1001909128013', type: 'channel', name: 'Shop News', isGroup: false },
        message: { id: '6318', text: 'Spring sale starts tomorrow', attachments: [] },
      },
    });
    const edit = mapUpdate(updateFixture('edited-channel-post'), bot, options);
    expect(edit?.type).toBe('message.edited');
    expect(edit?.timestamp).toBe(1_695_061_002_000);
    expect(edit?.data.message).toEqual({ id: '6318', text: 'Spring sale starts on Monday', attachments: [] });
  });

  it('maps an edited private message at its edit time', () => {
    const event = mapUpdate(updateFixture('edited-message'), bot, options);
    expect(event).toMatchObject({
      type: 'message.edited',
      timestamp: 1_732_517_299_000,
      data: {
        direction: 'inbound',
        message: { id: '413', text: 'Hello, is order #42 on its way?' },
        user: grace,
      },
    });
  });

  it('maps a photo with a caption to the largest size, caption as text', () => {
    const event = mapUpdate(updateFixture('photo-caption'), bot, options);
    expect(event?.data.message).toEqual({
      id: '6220',
      text: 'Found it at the library!',
      attachments: [
        {
          type: 'photo',
          fileId: 'AgACAgUAAxkBAAIYSWkMWcIsDJE9mnjJHGyz4aa2lJXSAAIeDGsbbWtgVCwR3sCfLAJOAQADAgADeQADNgQ',
          size: 137_230,
        },
      ],
    });
  });

  it('maps a button press to a button action on the message that carried it', () => {
    const event = mapUpdate(updateFixture('callback-query'), bot, options);
    expect(event).toEqual({
      type: 'message.received',
      data: {
        platform: 'telegram',
        direction: 'inbound',
        bot,
        conversation: gracePrivateChat,
        user: grace,
        message: {
          id: '1115664380233733737',
          attachments: [],
          replyToId: '4071',
          action: { kind: 'button', value: 'alerts:orders' },
        },
      },
    });
  });

  it('maps a button press on an inline message to the inline message', () => {
    const event = mapUpdate(updateFixture('callback-query-inline'), bot, options);
    expect(event?.data.conversation).toEqual({
      id: 'BAAAAC4MAADBhGcjqR-1fZ9Zt4M',
      type: 'inline',
      isGroup: false,
    });
    expect(event?.data.message).toEqual({
      id: '1115664380233733801',
      attachments: [],
      replyToId: 'BAAAAC4MAADBhGcjqR-1fZ9Zt4M',
      action: { kind: 'button', value: 'vote:yes' },
    });
  });

  it('leaves button presses out when asked to', () => {
    expect(
      mapUpdate(updateFixture('callback-query'), bot, { ...options, callbackQueries: false }),
    ).toBeUndefined();
  });

  it('describes documents, voice notes, locations, stickers and animations, never their contents', () => {
    const attachments = (name: string) =>
      mapUpdate(updateFixture(name), bot, options)?.data.message.attachments;
    expect(attachments('document')).toEqual([
      {
        type: 'document',
        fileId: 'BQACAgIAAxkBAAIBvWdB1u2zQe1TVt0nJ3CTh1X9VZ0xAAIzWwACYbMJSrd1aF3T6eMENgQ',
        name: 'receipt-2024-11.pdf',
        contentType: 'application/pdf',
        size: 58_213,
      },
    ]);
    expect(attachments('voice')).toEqual([
      {
        type: 'voice',
        fileId: 'AwACAgIAAxkBAAIBvmdB1vVJ2xkG0w3pVLEM1v2c3n3JAAI0WwACYbMJSl6s9O4Lw4lNNgQ',
        contentType: 'audio/ogg',
        size: 12_034,
      },
    ]);
    expect(attachments('location')).toEqual([
      { type: 'location', latitude: 51.997611, longitude: -0.740668 },
    ]);
    expect(attachments('sticker')).toEqual([
      {
        type: 'sticker',
        fileId: 'CAACAgIAAxkBAAMTadxW1_g25YBXugABOieyZkTPB1CyAAJQAgACVp29CoPQ1EfrOPvaOwQ',
        size: 21_802,
        summary: '👍',
      },
    ]);
    expect(attachments('animation')).toEqual([
      {
        type: 'animation',
        fileId: 'CgACAgQAAxkBAAIBwGdB1x0AAVpyzR5J9c6y2hM0kI0cAAIvBQACTz1lUFH2xw6b2Ok1NgQ',
        name: 'happy.mp4',
        contentType: 'video/mp4',
        size: 99_541,
      },
    ]);
  });

  it('reports a message sent as the group with the group as its sender', () => {
    expect(mapUpdate(updateFixture('anonymous-admin'), bot, options)?.data.user).toEqual({
      id: '-1001906889117',
      name: 'Orbit Support',
    });
  });

  it('maps service messages and other update kinds to nothing', () => {
    expect(mapUpdate(updateFixture('new-chat-members'), bot, options)).toBeUndefined();
    const pollAnswer = {
      update_id: 1,
      poll_answer: { poll_id: '1', option_ids: [0], user: { id: 5, is_bot: false, first_name: 'A' } },
    };
    expect(mapUpdate(pollAnswer, bot, options)).toBeUndefined();
  });
});

describe('participantsOf', () => {
  it('finds the conversation and user of reported and unreported updates alike', () => {
    expect(participantsOf(updateFixture('callback-query'))).toEqual({
      conversation: gracePrivateChat,
      user: grace,
    });
    expect(participantsOf(updateFixture('new-chat-members')).conversation?.id).toBe('-4663428801');
    const inlineQuery = {
      update_id: 2,
      inline_query: { id: 'q', from: { id: 9, is_bot: false, first_name: 'Ivy' }, query: 'x', offset: '' },
    };
    expect(participantsOf(inlineQuery)).toEqual({ user: { id: '9', name: 'Ivy' } });
    expect(participantsOf(updateFixture('channel-post'))).toEqual({
      conversation: { id: '-1001909128013', type: 'channel', name: 'Shop News', isGroup: false },
    });
  });
});
