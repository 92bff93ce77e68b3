import { describe, expect, it } from 'vitest';
import requests from '../../test/fixtures/discordjs-rest-requests.json';
import withResponse from '../../test/fixtures/interaction-callback-with-response.json';
import { callbackData, callbackMessage, messageFromRequest } from './request';

describe('messageFromRequest', () => {
  it('maps an interaction reply from the body discord.js sends', () => {
    const reply = requests.find((request) => request.call === 'interaction.reply');
    expect(messageFromRequest(callbackData(reply?.body), undefined)).toEqual({
      text: 'pong',
      attachments: [],
    });
  });

  it('keeps the reply reference, the id it is given, and describes files and embeds', () => {
    expect(
      messageFromRequest(
        { content: 'see attached', embeds: [{ title: 'Report' }], message_reference: { message_id: '9' } },
        [{ name: 'report.pdf', contentType: 'application/pdf' }],
        '12',
      ),
    ).toEqual({
      id: '12',
      text: 'see attached',
      attachments: [
        { type: 'file', contentType: 'application/pdf', name: 'report.pdf' },
        { type: 'embed', title: 'Report' },
      ],
      replyToId: '9',
    });
  });

  it('copes with bodies that are not objects', () => {
    expect(messageFromRequest(undefined, undefined)).toEqual({ attachments: [] });
    expect(messageFromRequest('text', undefined)).toEqual({ attachments: [] });
    expect(callbackData(null)).toBeUndefined();
  });
});

describe('callbackMessage', () => {
  it('finds the reply in an answer to with_response=true, and nothing in a 204', () => {
    expect(callbackMessage(withResponse)?.id).toBe('786008730000000000');
    expect(callbackMessage(undefined)).toBeUndefined();
    expect(callbackMessage({ interaction: { id: '1' } })).toBeUndefined();
  });
});
