import { createMessageEvent, type MessageEvent } from '@bothooks/core';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** A typical inbound chat message event (about 400 bytes of JSON), padded to `textBytes` of text when asked. */
export function sampleEvent(conversationId = '42', textBytes = 40): MessageEvent {
  return createMessageEvent('message.received', {
    platform: 'telegram',
    direction: 'inbound',
    bot: { id: '1000', name: 'shopbot' },
    conversation: { id: conversationId, type: 'private' },
    user: { id: conversationId, name: 'Ada Lovelace', username: 'ada' },
    message: { id: '7', text: 'x'.repeat(textBytes), attachments: [] },
  });
}

/** A sample event whose JSON body is about `bytes` long. */
export function eventOfSize(bytes: number, conversationId = '42'): MessageEvent {
  const base = JSON.stringify(sampleEvent(conversationId, 0)).length;
  return sampleEvent(conversationId, Math.max(0, bytes - base));
}
