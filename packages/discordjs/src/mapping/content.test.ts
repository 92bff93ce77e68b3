import { describe, expect, it } from 'vitest';
import { attachmentsFromUploads, SUMMARY_LENGTH, summarise } from './content';

describe('summarise', () => {
  it('keeps short texts and cuts long ones to the summary length', () => {
    expect(summarise('short')).toBe('short');
    expect(summarise('')).toBeUndefined();
    expect(summarise(null)).toBeUndefined();
    expect(summarise('x'.repeat(SUMMARY_LENGTH))).toHaveLength(SUMMARY_LENGTH);
    const cut = summarise('x'.repeat(SUMMARY_LENGTH + 1));
    expect(cut).toHaveLength(SUMMARY_LENGTH);
    expect(cut?.endsWith('…')).toBe(true);
  });
});

describe('attachmentsFromUploads', () => {
  it('describes uploads by name and type, by kind', () => {
    expect(
      attachmentsFromUploads([
        { name: 'a.png', contentType: 'image/png' },
        { name: 'b.mp4', contentType: 'video/mp4' },
        { name: 'c.mp3', contentType: 'audio/mpeg' },
        { name: 'd.bin' },
      ]),
    ).toEqual([
      { type: 'photo', contentType: 'image/png', name: 'a.png' },
      { type: 'video', contentType: 'video/mp4', name: 'b.mp4' },
      { type: 'audio', contentType: 'audio/mpeg', name: 'c.mp3' },
      { type: 'file', name: 'd.bin' },
    ]);
  });
});
