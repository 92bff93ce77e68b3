import { describe, expect, it } from 'vitest';
import { withoutText } from '../../src/adapter/index';
import type { Message } from '../../src/index';

describe('withoutText', () => {
  it('leaves out every text-bearing field of the model and keeps everything else', () => {
    const message: Message = {
      id: '7',
      text: 'my address is 1 Main St',
      replyToId: '6',
      ids: ['7'],
      attachments: [
        {
          type: 'card',
          contentType: 'application/vnd.microsoft.card.hero',
          url: 'https://example.com/card.png',
          name: 'card.png',
          fileId: 'f1',
          size: 10,
          title: 'Order #42',
          summary: 'Two items, ships Friday',
        },
        { type: 'venue', title: 'Home', summary: '1 Main St', latitude: 1.5, longitude: 2.5 },
      ],
      action: { kind: 'command', value: 'order', options: { address: '1 Main St' } },
    };
    const before = structuredClone(message);
    expect(withoutText(message)).toEqual({
      id: '7',
      replyToId: '6',
      ids: ['7'],
      attachments: [
        {
          type: 'card',
          contentType: 'application/vnd.microsoft.card.hero',
          url: 'https://example.com/card.png',
          name: 'card.png',
          fileId: 'f1',
          size: 10,
        },
        { type: 'venue', latitude: 1.5, longitude: 2.5 },
      ],
      action: { kind: 'command', value: 'order' },
    });
    expect(message).toEqual(before);
  });

  it('leaves out fields it does not know, so a new field is private until classified', () => {
    const message = { id: '1', attachments: [{ type: 'photo', caption: 'secret' }], note: 'secret' };
    expect(withoutText(message as unknown as Message)).toEqual({ id: '1', attachments: [{ type: 'photo' }] });
  });
});
