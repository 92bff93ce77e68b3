import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeFile, describeSource, describeUploads, type InputFileDescriber } from './uploads';

/** The `{ source, filename }` upload shape, as an adapter's describer reads it. */
const describeInputFile: InputFileDescriber = (type, value) =>
  'source' in value
    ? describeSource(type, value.source, (value as { filename?: string }).filename)
    : undefined;

describe('describeSource', () => {
  it('describes a stream by its path without reading it', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bothooks-'));
    const path = join(directory, 'menu.pdf');
    writeFileSync(path, Buffer.alloc(4_096));
    const stream = createReadStream(path);
    expect(describeSource('document', stream)).toEqual({ type: 'document', name: 'menu.pdf' });
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
    expect(describeSource('document', read, 'data.bin')).toEqual({
      type: 'document',
      name: 'data.bin',
      size: 1_500,
    });
  });

  it('describes bytes by their length, paths by their base name, URLs without credentials or query', () => {
    expect(describeSource('photo', new Uint8Array(12), 'a.png')).toEqual({
      type: 'photo',
      name: 'a.png',
      size: 12,
    });
    expect(describeSource('photo', '/srv/bot/assets/logo.png')).toEqual({ type: 'photo', name: 'logo.png' });
    expect(describeSource('photo', new URL('https://user:pass@cdn.example.com/p/1.jpg?sig=abc#x'))).toEqual({
      type: 'photo',
      url: 'https://cdn.example.com/p/1.jpg',
    });
    expect(describeSource('photo', { url: 'https://cdn.example.com/2.jpg?token=t' }, 'two.jpg')).toEqual({
      type: 'photo',
      url: 'https://cdn.example.com/2.jpg',
      name: 'two.jpg',
    });
  });

  it('never calls a supplier or iterates an iterable: a name if given, else nothing', () => {
    let called = false;
    const supplier = () => {
      called = true;
      return new Uint8Array(1);
    };
    expect(describeSource('document', supplier, 'later.pdf')).toEqual({
      type: 'document',
      name: 'later.pdf',
    });
    expect(describeSource('document', [new Uint8Array(1)][Symbol.iterator]())).toBeUndefined();
    expect(called).toBe(false);
  });
});

describe('describeFile', () => {
  it('describes file ids, URLs Telegram downloads and attach:// references itself', () => {
    expect(
      describeFile(
        'photo',
        'https://user:pass@cdn.example.com/p/1.jpg?X-Amz-Signature=abc#x',
        describeInputFile,
      ),
    ).toEqual({
      type: 'photo',
      url: 'https://cdn.example.com/p/1.jpg',
    });
    expect(describeFile('sticker', 'CAACAgIAAxkBAAMT', describeInputFile)).toEqual({
      type: 'sticker',
      fileId: 'CAACAgIAAxkBAAMT',
    });
    expect(describeFile('photo', 'attach://file0', describeInputFile)).toEqual({ type: 'photo' });
    expect(describeFile('photo', '', describeInputFile)).toBeUndefined();
  });

  it("hands the framework's upload objects to its describer", () => {
    expect(describeFile('photo', { source: '/srv/bot/assets/logo.png' }, describeInputFile)).toEqual({
      type: 'photo',
      name: 'logo.png',
    });
    expect(describeFile('photo', { something: 'else' }, describeInputFile)).toBeUndefined();
  });
});

describe('describeUploads', () => {
  it('finds the files of media groups and media edits', () => {
    expect(
      describeUploads(
        'sendMediaGroup',
        {
          media: [
            { type: 'photo', media: { source: Buffer.alloc(3) } },
            { type: 'video', media: 'BAACAgIAAx' },
          ],
        },
        describeInputFile,
      ),
    ).toEqual([
      { type: 'photo', size: 3 },
      { type: 'video', fileId: 'BAACAgIAAx' },
    ]);
    expect(
      describeUploads(
        'editMessageMedia',
        { media: { type: 'photo', media: { source: Buffer.alloc(5), filename: 'new.jpg' } } },
        describeInputFile,
      ),
    ).toEqual([{ type: 'photo', name: 'new.jpg', size: 5 }]);
    expect(describeUploads('sendMessage', { text: 'x' }, describeInputFile)).toEqual([]);
  });
});
