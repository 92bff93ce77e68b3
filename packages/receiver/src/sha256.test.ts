import { createHash, createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256, ROUND_CONSTANTS, Sha256, sha256 } from './sha256';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

describe('sha256', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(hex(sha256(text('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(text('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(hex(sha256(new Uint8Array(1_000_000).fill(0x61)))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('has the round constants of the cube roots of the first 64 primes', () => {
    const primes: number[] = [];
    for (let candidate = 2; primes.length < 64; candidate++)
      if (primes.every((prime) => candidate % prime !== 0)) primes.push(candidate);
    const derived = primes.map((prime) => Math.floor((Math.cbrt(prime) % 1) * 2 ** 32) >>> 0);
    expect(ROUND_CONSTANTS).toEqual(derived);
  });

  it('agrees with node:crypto on every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 260; length++) {
      const data = randomBytes(length);
      expect(hex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('gives the same digest however the input is split across updates', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(), { maxLength: 8 }), (data, cuts) => {
        const hash = new Sha256();
        let start = 0;
        for (const cut of [...cuts.map((value) => value % (data.length + 1))].sort((a, b) => a - b)) {
          hash.update(data.subarray(start, Math.max(start, cut)));
          start = Math.max(start, cut);
        }
        hash.update(data.subarray(start));
        expect(hex(hash.digest())).toBe(createHash('sha256').update(data).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('reads a view into a larger buffer at its own offset', () => {
    const backing = randomBytes(300);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 7, 200);
    expect(hex(sha256(view))).toBe(createHash('sha256').update(view).digest('hex'));
  });
});

describe('hmacSha256', () => {
  it('matches the RFC 4231 test cases', () => {
    const cases: [Uint8Array, Uint8Array, string][] = [
      [
        new Uint8Array(20).fill(0x0b),
        text('Hi There'),
        'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
      ],
      [
        text('Jefe'),
        text('what do ya want for nothing?'),
        '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
      ],
      [
        new Uint8Array(131).fill(0xaa),
        text('Test Using Larger Than Block-Size Key - Hash Key First'),
        '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
      ],
    ];
    for (const [key, data, expected] of cases) expect(hex(hmacSha256(key, data))).toBe(expected);
  });

  it('agrees with node:crypto for any key and message, split in any number of parts', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 200 }),
        fc.array(fc.uint8Array({ maxLength: 150 }), { maxLength: 4 }),
        (key, parts) => {
          const reference = createHmac('sha256', key);
          for (const part of parts) reference.update(part);
          expect(hex(hmacSha256(key, ...parts))).toBe(reference.digest('hex'));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
