import { describe, expect, it } from 'vitest';
import { conversationOf } from './conversation';

describe('conversationOf', () => {
  it.each([
    [0, 'guild_text', true],
    [1, 'dm', false],
    [2, 'guild_voice', true],
    [3, 'group_dm', true],
    [5, 'guild_announcement', true],
    [13, 'guild_stage_voice', true],
    [15, 'guild_forum', true],
  ])('maps channel type %i to %s', (type, expected, isGroup) => {
    expect(conversationOf({ id: '1', type })).toEqual({ id: '1', type: expected, isGroup });
  });

  it.each([10, 11, 12])('makes a thread (type %i) its own conversation', (type) => {
    expect(conversationOf({ id: '7', type, name: 'help', guildId: '3' })).toEqual({
      id: '7',
      type: 'thread',
      name: 'help',
      isGroup: true,
      guildId: '3',
      threadId: '7',
    });
  });

  it('says only what the ids say when the channel is unknown', () => {
    expect(conversationOf({ id: '1' })).toEqual({ id: '1' });
    expect(conversationOf({ id: '1', guildId: '2' })).toEqual({ id: '1', isGroup: true, guildId: '2' });
  });
});
