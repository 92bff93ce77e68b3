import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Input } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { describeInputFile } from './input-file';

describe("describeInputFile (Telegraf's uploads)", () => {
  it('describes what Input.fromBuffer, fromLocalFile and fromURLStream build', () => {
    expect(describeInputFile('photo', Input.fromBuffer(Buffer.alloc(120), 'receipt.jpg'))).toEqual({
      type: 'photo',
      name: 'receipt.jpg',
      size: 120,
    });
    expect(describeInputFile('document', Input.fromLocalFile('/srv/bot/menu.pdf'))).toEqual({
      type: 'document',
      name: 'menu.pdf',
    });
    expect(
      describeInputFile(
        'photo',
        Input.fromURLStream('https://user:pass@cdn.example.com/2.jpg?token=t', 'two.jpg'),
      ),
    ).toEqual({ type: 'photo', url: 'https://cdn.example.com/2.jpg', name: 'two.jpg' });
  });

  it('describes a file stream by its path, without reading it', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bothooks-telegraf-'));
    const path = join(directory, 'report.pdf');
    writeFileSync(path, Buffer.alloc(4_096));
    const stream = createReadStream(path);
    expect(describeInputFile('document', Input.fromReadableStream(stream))).toEqual({
      type: 'document',
      name: 'report.pdf',
    });
    expect(stream.bytesRead).toBe(0);
    stream.destroy();
  });

  it('is undefined for objects that are not uploads', () => {
    expect(describeInputFile('photo', { width: 90 })).toBeUndefined();
  });
});
