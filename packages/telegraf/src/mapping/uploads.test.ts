import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeFile, describeUploads } from './uploads';

describe('describeFile', () => {
  it('describes a stream by its path without reading it', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bothooks-'));
    const path = join(directory, 'menu.pdf');
    writeFileSync(path, Buffer.alloc(4_096));
    const stream = createReadStream(path);
    expect(describeFile('document', { source: stream })).toEqual({ type: 'document', name: 'menu.pdf' });
    expect(stream.bytesRead).toBe(0);
    expect(stream.readableFlowing).toBeNull();
    stream.destroy();
  });

  it('gives the size of a stream that has been read to its end', async () => {
    const stream = Readable.from([Buffer.alloc(1_000), Buffer.alloc(500)]);
    const read = Object.assign(stream, { bytesRead: 1_500 });
    for await (const _chunk of read) {
      // drain it, as an upload does
    }
    expect(describeFile('document', { source: read, filename: 'data.bin' })).toEqual({
      type: 'document',
      name: 'data.bin',
      size: 1_500,
    });
  });

  it('describes paths by their base name, and URLs without credentials or query', () => {
    expect(describeFile('photo', { source: '/srv/bot/assets/logo.png' })).toEqual({
      type: 'photo',
      name: 'logo.png',
    });
    expect(describeFile('photo', 'https://user:pass@cdn.example.com/p/1.jpg?X-Amz-Signature=abc#x')).toEqual({
      type: 'photo',
      url: 'https://cdn.example.com/p/1.jpg',
    });
    expect(
      describeFile('photo', { url: 'https://cdn.example.com/2.jpg?token=t', filename: 'two.jpg' }),
    ).toEqual({
      type: 'photo',
      url: 'https://cdn.example.com/2.jpg',
      name: 'two.jpg',
    });
    expect(describeFile('sticker', 'CAACAgIAAxkBAAMT')).toEqual({
      type: 'sticker',
      fileId: 'CAACAgIAAxkBAAMT',
    });
  });

  it('finds the files of media groups and media edits', () => {
    expect(
      describeUploads('sendMediaGroup', {
        media: [
          { type: 'photo', media: { source: Buffer.alloc(3) } },
          { type: 'video', media: 'BAACAgIAAx' },
        ],
      }),
    ).toEqual([
      { type: 'photo', size: 3 },
      { type: 'video', fileId: 'BAACAgIAAx' },
    ]);
    expect(
      describeUploads('editMessageMedia', {
        media: { type: 'photo', media: { source: Buffer.alloc(5), filename: 'new.jpg' } },
      }),
    ).toEqual([{ type: 'photo', name: 'new.jpg', size: 5 }]);
    expect(describeUploads('sendMessage', { text: 'x' })).toEqual([]);
  });
});
