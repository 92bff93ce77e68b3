import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputFile } from 'grammy';
import { describe, expect, it } from 'vitest';
import { describeInputFile } from './input-file';

describe("describeInputFile (grammY's InputFile)", () => {
  it('describes bytes, paths and URLs grammY downloads', () => {
    expect(describeInputFile('photo', new InputFile(Buffer.alloc(120), 'receipt.jpg'))).toEqual({
      type: 'photo',
      name: 'receipt.jpg',
      size: 120,
    });
    expect(describeInputFile('document', new InputFile('/srv/bot/menu.pdf'))).toEqual({
      type: 'document',
      name: 'menu.pdf',
    });
    expect(
      describeInputFile('photo', new InputFile(new URL('https://user:pass@cdn.example.com/2.jpg?token=t'))),
    ).toEqual({ type: 'photo', url: 'https://cdn.example.com/2.jpg', name: '2.jpg' });
    expect(describeInputFile('photo', new InputFile({ url: 'https://cdn.example.com/3.jpg' }))).toEqual({
      type: 'photo',
      url: 'https://cdn.example.com/3.jpg',
      name: '3.jpg',
    });
  });

  it('describes a file stream by its path, without reading it, and never serialises the InputFile', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bothooks-grammy-'));
    const path = join(directory, 'report.pdf');
    writeFileSync(path, Buffer.alloc(4_096));
    const stream = createReadStream(path);
    const file = new InputFile(stream);
    expect(describeInputFile('document', file)).toEqual({ type: 'document', name: 'report.pdf' });
    expect(stream.bytesRead).toBe(0);
    expect(stream.readableFlowing).toBeNull();
    // The trap the description avoids: grammY refuses to be serialised.
    expect(() => JSON.stringify({ document: file })).toThrow('InputFile instances must be sent via grammY');
    stream.destroy();
  });

  it('never calls a supplier function: the type, and the name if given', () => {
    let called = false;
    const file = new InputFile(() => {
      called = true;
      return Buffer.alloc(1);
    }, 'later.pdf');
    expect(describeInputFile('document', file)).toEqual({ type: 'document', name: 'later.pdf' });
    expect(describeInputFile('document', new InputFile(() => Buffer.alloc(1)))).toEqual({ type: 'document' });
    expect(called).toBe(false);
  });

  it('is undefined for objects that are not InputFiles', () => {
    expect(describeInputFile('photo', { source: Buffer.alloc(1) })).toBeUndefined();
  });
});
