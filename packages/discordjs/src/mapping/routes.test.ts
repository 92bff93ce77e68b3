import { describe, expect, it } from 'vitest';
import requests from '../../test/fixtures/discordjs-rest-requests.json';
import { classifyRequest } from './routes';

describe('classifyRequest', () => {
  it('classifies every message call discord.js 14.28 made, as recorded', () => {
    expect(requests.map((request) => [request.call, classifyRequest(request)?.kind])).toEqual([
      ['channel.send with a file', 'channel-message-create'],
      ['message.reply', 'channel-message-create'],
      ['message.edit', 'channel-message-edit'],
      ['channel.sendTyping', undefined],
      ['message.delete', 'channel-message-delete'],
      ['channel.send', 'channel-message-create'],
      ['channel.send', 'channel-message-create'],
      ['channel.bulkDelete', 'channel-bulk-delete'],
      ['interaction.reply', 'interaction-callback'],
      ['interaction.deferReply', 'interaction-callback'],
      ['interaction.editReply', 'webhook-message-edit'],
      ['interaction.followUp', 'webhook-execute'],
      ['interaction.deleteReply', 'webhook-message-delete'],
      ['interaction.update', 'interaction-callback'],
    ]);
  });

  it('reads the ids, the callback type and an escaped @original from the route and body', () => {
    const byCall = new Map(requests.map((request) => [request.call, request]));
    const bulk = byCall.get('channel.bulkDelete');
    if (!bulk) throw new Error('the fixture must hold a bulk delete');
    expect(classifyRequest(bulk)).toEqual({
      kind: 'channel-bulk-delete',
      channelId: bulk.fullRoute.split('/')[2],
      messageIds: (bulk.body as { messages: string[] }).messages,
    });
    const deferred = byCall.get('interaction.deferReply');
    expect(deferred && classifyRequest(deferred)).toMatchObject({
      kind: 'interaction-callback',
      callbackType: 5,
    });
    const edit = byCall.get('interaction.editReply');
    expect(edit?.fullRoute).toContain('%40original');
    expect(edit && classifyRequest(edit)).toMatchObject({
      kind: 'webhook-message-edit',
      messageId: '@original',
    });
  });

  it('ignores calls that do not touch a message', () => {
    for (const [method, fullRoute] of [
      ['GET', '/gateway/bot'],
      ['GET', '/channels/1/messages'],
      ['GET', '/channels/1/messages/2'],
      ['PUT', '/channels/1/messages/pins/2'],
      ['POST', '/channels/1/typing'],
      ['POST', '/channels/1/messages/2/crosspost'],
      ['PUT', '/channels/1/messages/2/reactions/%F0%9F%94%A5/@me'],
      ['POST', '/users/@me/channels'],
    ] as const) {
      expect(classifyRequest({ method, fullRoute })).toBeUndefined();
    }
  });

  it('recognises a forum post and a webhook fetch', () => {
    expect(classifyRequest({ method: 'POST', fullRoute: '/channels/9/threads' })).toEqual({
      kind: 'thread-create',
      channelId: '9',
    });
    expect(classifyRequest({ method: 'GET', fullRoute: '/webhooks/1/token/messages/@original' })).toEqual({
      kind: 'webhook-message-fetch',
      webhookId: '1',
      token: 'token',
      messageId: '@original',
    });
  });
});
