import { describe, expect, it } from 'vitest';
import { safeUrl } from '../../src/adapter/index';

describe('safeUrl', () => {
  it.each([
    ['https://example.com/a.png?size=2&t=abc#frag', 'https://example.com/a.png'],
    ['https://user:pass@example.com/a.png', 'https://example.com/a.png'],
    ['https://blob.example.net/c/f.pdf?sv=2022&sp=r&sig=SECRET', 'https://blob.example.net/c/f.pdf'],
    [
      'https://s3.example.com/f?X-Amz-Signature=SECRET&X-Amz-Credential=ID&versionId=1',
      'https://s3.example.com/f',
    ],
    [
      'http://localhost:3978/v3/attachments/abc/views/original',
      'http://localhost:3978/v3/attachments/abc/views/original',
    ],
  ])('keeps %s as %s', (input, expected) => {
    expect(safeUrl(input)).toBe(expected);
  });

  it.each([
    'data:image/png;base64,AAAA',
    'blob:https://example.com/1',
    'ftp://example.com/f',
    'not a url',
    '',
    42,
    null,
  ])('drops %s', (input) => {
    expect(safeUrl(input)).toBeUndefined();
  });
});
