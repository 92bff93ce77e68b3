import { describe, expect, it } from 'vitest';
import requests from '../../test/fixtures/discordjs-rest-requests.json';
import dmCreate from '../../test/fixtures/gateway-message-create-dm.json';
import guildCreate from '../../test/fixtures/gateway-message-create-guild.json';
import update from '../../test/fixtures/gateway-message-update.json';
import { buildMessage, offlineClient } from '../../test/structures';
import {
  authorOfPayload,
  isApiMessage,
  messageFromPayload,
  messageFromStructure,
  outboundMessageData,
  receivedMessageData,
} from './message';

const bot = { id: '775799577604522054', name: 'Card Bot', username: 'card-bot' };

describe('messageFromPayload', () => {
  it('maps a guild reply with a file and an embed', () => {
    expect(messageFromPayload(guildCreate)).toEqual({
      id: '334385199974967042',
      text: 'Supa Hot',
      attachments: [
        {
          type: 'photo',
          contentType: 'image/png',
          url: 'https://cdn.discordapp.com/attachments/290926798999357250/334385199974967043/fire.png',
          name: 'fire.png',
          fileId: '334385199974967043',
          size: 12345,
        },
        {
          type: 'embed',
          title: 'Thermometer',
          url: 'https://example.com/thermometer',
          summary: 'It is getting hot in here.',
        },
      ],
      replyToId: '334384671748739072',
    });
  });

  it('maps a voice message with a sticker and no text', () => {
    expect(messageFromPayload(dmCreate)).toEqual({
      id: '334385199974967045',
      attachments: [
        {
          type: 'voice',
          contentType: 'audio/ogg',
          url: 'https://cdn.discordapp.com/attachments/334385199974960001/334385199974967046/voice-message.ogg',
          name: 'voice-message.ogg',
          fileId: '334385199974967046',
          size: 20480,
        },
        { type: 'sticker', fileId: '749054660769218631', name: 'Wave' },
      ],
    });
  });

  it('summarises a poll', () => {
    expect(messageFromPayload(update).attachments).toEqual([
      { type: 'poll', title: 'How hot?', summary: 'Supa / Mild' },
    ]);
  });

  it('does not treat a forward as a reply', () => {
    const forward = { ...guildCreate, message_reference: { ...guildCreate.message_reference, type: 1 } };
    expect(messageFromPayload(forward).replyToId).toBeUndefined();
  });

  it('recognises message payloads', () => {
    expect(isApiMessage(guildCreate)).toBe(true);
    expect(isApiMessage({ id: '1' })).toBe(false);
    expect(isApiMessage(null)).toBe(false);
    expect(isApiMessage(undefined)).toBe(false);
  });

  it('names the author as the server shows them', () => {
    expect(authorOfPayload(guildCreate)).toEqual({
      id: '53908099506183680',
      name: 'Mase',
      username: 'Mason',
    });
    expect(authorOfPayload(dmCreate)).toEqual({ id: '53908099506183680', name: 'Mason', username: 'Mason' });
  });
});

describe('messageFromStructure', () => {
  it('agrees with the payload mapping for the same message', async () => {
    const client = offlineClient();
    // A poll needs its channel in the cache to be built, so the edited message goes without one.
    const { poll: _poll, ...edited } = update;
    for (const payload of [guildCreate, dmCreate, edited]) {
      expect(messageFromStructure(buildMessage(client, payload))).toEqual(messageFromPayload(payload));
    }
    await client.destroy();
  });

  it('maps a message received in an uncached channel from its ids', async () => {
    const client = offlineClient();
    const data = receivedMessageData(buildMessage(client, guildCreate), bot);
    expect(data).toEqual({
      platform: 'discord',
      direction: 'inbound',
      bot,
      conversation: { id: '290926798999357250', isGroup: true, guildId: '290926798626357999' },
      user: { id: '53908099506183680', name: 'Mason', username: 'Mason' },
      message: messageFromPayload(guildCreate),
    });
    await client.destroy();
  });
});

describe('outboundMessageData', () => {
  it('maps what discord.js got back from a send, with the conversation it was sent to', () => {
    const [send] = requests;
    if (!send?.result || !isApiMessage(send.result))
      throw new Error('the fixture must hold a message result');
    const data = outboundMessageData(
      send.result,
      { id: send.result.channel_id, type: 0, name: 'general', guildId: '1' },
      { bot },
    );
    expect(data).toEqual({
      platform: 'discord',
      direction: 'outbound',
      bot,
      conversation: {
        id: send.result.channel_id,
        type: 'guild_text',
        name: 'general',
        isGroup: true,
        guildId: '1',
      },
      message: {
        id: send.result.id,
        text: 'hello',
        attachments: [
          {
            type: 'file',
            contentType: 'application/octet-stream',
            url: send.result.attachments[0]?.url,
            name: 'hi.txt',
            fileId: send.result.attachments[0]?.id,
            size: 2,
          },
        ],
      },
    });
  });
});
