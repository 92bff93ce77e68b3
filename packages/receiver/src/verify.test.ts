import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AT_VECTOR,
  jsonApiQuery,
  messageEvent,
  OTHER_SECRET,
  SECRET,
  signedHeaders,
  VECTOR,
} from '../test/signing';
import { WebhookVerificationError } from './errors';
import type { WebhookEvent } from './event';
import { queryOf } from './query';
import { verifyWebhook } from './verify';

function headers(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    'webhook-id': VECTOR.id,
    'webhook-timestamp': VECTOR.timestamp,
    'webhook-signature': VECTOR.signature,
    ...overrides,
  };
}

function refusal(run: () => unknown): WebhookVerificationError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return error as WebhookVerificationError;
  }
}

const codeOf = (run: () => unknown): string | undefined => refusal(run)?.code;

const atVector = { payload: VECTOR.payload, secret: SECRET, now: AT_VECTOR };

describe('verifyWebhook', () => {
  it('accepts the Standard Webhooks test vector and returns the parsed payload', () => {
    expect(verifyWebhook({ ...atVector, headers: headers() })).toEqual({ test: 2432232314 });
  });

  it('accepts Buffer, Uint8Array and ArrayBuffer payloads, Headers objects and header arrays', () => {
    const bytes = new TextEncoder().encode(VECTOR.payload);
    for (const payload of [Buffer.from(VECTOR.payload), bytes, bytes.buffer]) {
      expect(
        verifyWebhook({ ...atVector, payload, headers: new Headers(headers() as Record<string, string>) }),
      ).toEqual({ test: 2432232314 });
    }
    const nodeHeaders = { ...headers(), 'webhook-signature': ['v2,abc', VECTOR.signature] };
    expect(verifyWebhook({ ...atVector, headers: nodeHeaders })).toEqual({ test: 2432232314 });
  });

  it('matches header names case-insensitively', () => {
    const mixed = {
      'Webhook-Id': VECTOR.id,
      'WEBHOOK-TIMESTAMP': VECTOR.timestamp,
      'Webhook-Signature': VECTOR.signature,
    };
    expect(verifyWebhook({ ...atVector, headers: mixed })).toBeTruthy();
  });

  it('accepts svix-* headers, as Svix signs the same way', () => {
    const svix = {
      'svix-id': VECTOR.id,
      'svix-timestamp': VECTOR.timestamp,
      'svix-signature': VECTOR.signature,
    };
    expect(verifyWebhook({ ...atVector, headers: svix })).toEqual({ test: 2432232314 });
    const payload = JSON.stringify(messageEvent());
    expect(
      verifyWebhook({ payload, headers: signedHeaders(payload, { prefix: 'svix' }), secret: SECRET }),
    ).toEqual(messageEvent());
  });

  it('accepts a secret without the whsec_ prefix, as the reference libraries do', () => {
    expect(verifyWebhook({ ...atVector, headers: headers(), secret: SECRET.slice(6) })).toBeTruthy();
  });

  it('passes when any one of several signatures matches, ignoring unknown versions', () => {
    const signature = `v2,bm9wZQ== v1,${'A'.repeat(43)}= ${VECTOR.signature}`;
    expect(verifyWebhook({ ...atVector, headers: headers({ 'webhook-signature': signature }) })).toBeTruthy();
  });

  it('passes when any one of several secrets matches (receiver-side rotation)', () => {
    expect(verifyWebhook({ ...atVector, headers: headers(), secret: [OTHER_SECRET, SECRET] })).toBeTruthy();
    expect(codeOf(() => verifyWebhook({ ...atVector, headers: headers(), secret: [OTHER_SECRET] }))).toBe(
      'NO_MATCHING_SIGNATURE',
    );
  });

  it('names exactly the missing headers', () => {
    expect(
      refusal(() => verifyWebhook({ ...atVector, headers: headers({ 'webhook-id': undefined }) })),
    ).toMatchObject({
      code: 'MISSING_HEADERS',
      status: 400,
      message: expect.stringMatching(/missing the webhook-id header/),
    });
    const missingTwo = refusal(() =>
      verifyWebhook({
        ...atVector,
        headers: headers({ 'webhook-timestamp': undefined, 'webhook-signature': '' }),
      }),
    );
    expect(missingTwo?.message).toContain('webhook-timestamp, webhook-signature headers');
    expect(missingTwo?.message).not.toContain('webhook-id');
    const none = refusal(() => verifyWebhook({ ...atVector, headers: {} }));
    expect(none?.message).toContain('webhook-id, webhook-timestamp, webhook-signature');
    expect(codeOf(() => verifyWebhook({ ...atVector, headers: undefined as never }))).toBe('MISSING_HEADERS');
  });

  it.each([
    ['a parsed object', { test: 2432232314 }],
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an array', [1, 2]],
  ])('refuses %s as the payload with PAYLOAD_NOT_RAW, saying what to pass', (_name, payload) => {
    const error = refusal(() =>
      verifyWebhook({ ...atVector, payload: payload as never, headers: headers() }),
    );
    expect(error?.code).toBe('PAYLOAD_NOT_RAW');
    expect(error?.status).toBe(500);
    expect(error?.message).toContain('pass the raw request body');
    expect(error?.message).toContain('express.raw(');
    expect(error?.message).toContain('await request.text()');
  });

  it('explains why a parsed object cannot verify', () => {
    const error = refusal(() => verifyWebhook({ ...atVector, payload: {} as never, headers: headers() }));
    expect(error?.message).toContain('already-parsed object');
    expect(error?.message).toContain('express.json()');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, '300'])(
    'refuses the toleranceSeconds %j instead of switching the replay check off',
    (toleranceSeconds) => {
      const error = refusal(() =>
        verifyWebhook({ ...atVector, headers: headers(), toleranceSeconds: toleranceSeconds as number }),
      );
      expect(error?.code).toBe('INVALID_OPTIONS');
      expect(error?.message).toContain('toleranceSeconds must be a finite number');
    },
  );

  it('refuses a now that is not a time', () => {
    expect(codeOf(() => verifyWebhook({ ...atVector, headers: headers(), now: new Date('nope') }))).toBe(
      'INVALID_OPTIONS',
    );
  });

  it('refuses to be called without options', () => {
    expect(codeOf(() => verifyWebhook(undefined as never))).toBe('INVALID_OPTIONS');
  });

  it.each(['1614265330.5', '-1614265330', 'abc', '1e9', ' 1614265330', '16142653300000000'])(
    'refuses the malformed timestamp %j',
    (timestamp) => {
      expect(
        codeOf(() => verifyWebhook({ ...atVector, headers: headers({ 'webhook-timestamp': timestamp }) })),
      ).toBe('INVALID_TIMESTAMP');
    },
  );

  it('enforces the tolerance in both directions, with 401', () => {
    const verifyAt = (now: number, toleranceSeconds?: number) => () =>
      verifyWebhook({
        ...atVector,
        headers: headers(),
        now,
        ...(toleranceSeconds !== undefined && { toleranceSeconds }),
      });
    expect(refusal(verifyAt(AT_VECTOR + 301_000))).toMatchObject({ code: 'TIMESTAMP_TOO_OLD', status: 401 });
    expect(refusal(verifyAt(AT_VECTOR - 301_000))).toMatchObject({ code: 'TIMESTAMP_TOO_NEW', status: 401 });
    expect(codeOf(verifyAt(AT_VECTOR + 299_000))).toBeUndefined();
    expect(codeOf(verifyAt(AT_VECTOR - 299_000))).toBeUndefined();
    expect(codeOf(verifyAt(AT_VECTOR + 3_600_000, 7200))).toBeUndefined();
    expect(codeOf(verifyAt(AT_VECTOR + 1_000, 0))).toBe('TIMESTAMP_TOO_OLD');
    expect(codeOf(verifyAt(AT_VECTOR, 0))).toBeUndefined();
  });

  it('refuses partial, truncated and foreign signatures', () => {
    const cases = [
      'v1,',
      VECTOR.signature.slice(0, 8),
      'v1,R3PTzyfHASBKHH98a7yexTwaJ4yNIcGhFQc1yuN+BPU=', // the Rust library's negative vector
      VECTOR.signature.replace('v1,', 'v1a,'),
      VECTOR.signature.replace('v1,', 'v2,'),
      `${VECTOR.signature}A`,
    ];
    for (const signature of cases) {
      expect(
        refusal(() => verifyWebhook({ ...atVector, headers: headers({ 'webhook-signature': signature }) })),
      ).toMatchObject({ code: 'NO_MATCHING_SIGNATURE', status: 401 });
    }
  });

  it('refuses a changed body, id or timestamp', () => {
    expect(
      codeOf(() => verifyWebhook({ ...atVector, payload: '{"test": 2432232315}', headers: headers() })),
    ).toBe('NO_MATCHING_SIGNATURE');
    expect(
      codeOf(() => verifyWebhook({ ...atVector, headers: headers({ 'webhook-id': 'msg_other' }) })),
    ).toBe('NO_MATCHING_SIGNATURE');
    expect(
      codeOf(() => verifyWebhook({ ...atVector, headers: headers({ 'webhook-timestamp': '1614265331' }) })),
    ).toBe('NO_MATCHING_SIGNATURE');
  });

  it('reports a malformed or missing secret, saying what is wrong and never echoing it', () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /environment variable/],
      ['', /empty: is the environment variable/],
      [`${SECRET}\n`, /whitespace.*trim it/],
      [` ${SECRET}`, /whitespace/],
      ['whsec_c2hvcnQ=', /decodes to \d+ bytes/],
      ['whsec_***', /not valid base64/],
      ['v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=', /looks like a signature/],
      [42, /must be a string/],
      [[], /no secret given/],
    ];
    for (const [secret, message] of cases) {
      const error = refusal(() =>
        verifyWebhook({ ...atVector, headers: headers(), secret: secret as string }),
      );
      expect(error?.code).toBe('INVALID_SECRET');
      expect(error?.message).toMatch(message);
      if (typeof secret === 'string' && secret.length > 8)
        expect(error?.message).not.toContain(secret.trim());
    }
    const rotated = refusal(() => verifyWebhook({ ...atVector, headers: headers(), secret: [SECRET, ''] }));
    expect(rotated?.message).toMatch(/^secret\[1\] is empty/);
  });

  it('reports a verified payload that is not JSON', () => {
    const payload = 'not json';
    expect(codeOf(() => verifyWebhook({ payload, headers: signedHeaders(payload), secret: SECRET }))).toBe(
      'INVALID_PAYLOAD',
    );
  });

  it('accepts what the standardwebhooks package signs and types the result', () => {
    const payload = JSON.stringify(messageEvent());
    const event = verifyWebhook({ payload, headers: signedHeaders(payload), secret: SECRET });
    expect(event).toEqual(messageEvent());
    if (event.type === 'message.received') expect(event.data.message.text).toBe('hello');
  });

  describe('GET JSON API requests', () => {
    const query = jsonApiQuery();
    const url = `/quotes?${query}`;

    it('verifies the query and returns the jsonapi.request it describes', () => {
      const event = verifyWebhook({ method: 'GET', url, headers: signedHeaders(query), secret: SECRET });
      expect(event).toEqual({
        type: 'jsonapi.request',
        timestamp: '2026-11-25T16:21:17.123Z',
        data: {
          platform: 'telegram',
          direction: 'inbound',
          conversation: { id: '42' },
          user: { id: '42', name: 'Ada Lovelace' },
          message: { id: '7', text: 'hello', attachments: [] },
          interaction: 'order',
          attributes: { locale: 'en' },
        },
      } satisfies WebhookEvent);
    });

    it('accepts absolute URLs and URL objects, ignores a fragment, and ignores any body', () => {
      for (const target of [`https://example.com${url}`, new URL(`https://example.com${url}#top`)]) {
        expect(
          verifyWebhook({
            method: 'get',
            url: target,
            payload: 'ignored',
            headers: signedHeaders(query),
            secret: SECRET,
          }),
        ).toMatchObject({ type: 'jsonapi.request' });
      }
    });

    it('refuses a tampered, added or removed query parameter', () => {
      const signed = signedHeaders(query);
      const tampered = [
        url.replace('text=hello', 'text=hellO'),
        url.replace('user_id=42', 'user_id=43'),
        `${url}&attributes.admin=true`,
        url.replace('&interaction=order', ''),
        url.replace('?', '?&'),
        '/quotes',
      ];
      for (const candidate of tampered) {
        expect(
          codeOf(() => verifyWebhook({ method: 'GET', url: candidate, headers: signed, secret: SECRET })),
        ).toBe('NO_MATCHING_SIGNATURE');
      }
    });

    it('does not accept the query signature for a POST body, or a body signature for the query', () => {
      const payload = JSON.stringify(messageEvent());
      expect(codeOf(() => verifyWebhook({ payload, headers: signedHeaders(query), secret: SECRET }))).toBe(
        'NO_MATCHING_SIGNATURE',
      );
      expect(
        codeOf(() => verifyWebhook({ method: 'GET', url, headers: signedHeaders(payload), secret: SECRET })),
      ).toBe('NO_MATCHING_SIGNATURE');
    });

    it('verifies an empty query, then says what the event lacks', () => {
      const error = refusal(() =>
        verifyWebhook({ method: 'GET', url: '/quotes', headers: signedHeaders(''), secret: SECRET }),
      );
      expect(error).toMatchObject({
        code: 'INVALID_PAYLOAD',
        message: 'the signed query has no "timestamp" parameter',
      });
    });

    it('needs the url of a GET', () => {
      expect(
        codeOf(() =>
          verifyWebhook({ method: 'GET', payload: '', headers: signedHeaders(query), secret: SECRET }),
        ),
      ).toBe('INVALID_OPTIONS');
    });
  });

  describe('fuzzing', () => {
    const anyHeaderValue = fc.oneof(
      fc.constant(undefined),
      fc.string(),
      fc.stringMatching(/^v1,[A-Za-z0-9+/=]{0,60}$/),
      fc.array(fc.string(), { maxLength: 3 }).map((parts) => parts.join(' ')),
    );
    const outcome = (run: () => unknown): 'accepted' | 'refused' | 'crashed' => {
      try {
        run();
        return 'accepted';
      } catch (error) {
        return error instanceof WebhookVerificationError ? 'refused' : 'crashed';
      }
    };

    it('never crashes and never accepts on malformed headers, bodies, methods and URLs', () => {
      fc.assert(
        fc.property(
          fc.record({
            id: anyHeaderValue,
            timestamp: fc.oneof(anyHeaderValue, fc.constant(VECTOR.timestamp)),
            signature: anyHeaderValue,
            prefix: fc.constantFrom('webhook', 'svix'),
          }),
          fc.oneof(fc.string(), fc.uint8Array({ maxLength: 256 }), fc.anything()),
          fc.constantFrom('POST', 'GET', 'PUT', undefined),
          fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })),
          (random, payload, method, url) => {
            const result = outcome(() =>
              verifyWebhook({
                method,
                url,
                payload: payload as string,
                headers: {
                  [`${random.prefix}-id`]: random.id,
                  [`${random.prefix}-timestamp`]: random.timestamp,
                  [`${random.prefix}-signature`]: random.signature,
                },
                secret: SECRET,
                now: AT_VECTOR,
              }),
            );
            expect(result).toBe('refused');
          },
        ),
        { numRuns: 2_000 },
      );
    });

    it('never crashes on any options object', () => {
      fc.assert(
        fc.property(fc.anything(), fc.anything(), fc.anything(), (headersValue, secret, toleranceSeconds) => {
          const result = outcome(() =>
            verifyWebhook({
              payload: VECTOR.payload,
              headers: headersValue as Record<string, string>,
              secret: secret as string,
              toleranceSeconds: toleranceSeconds as number,
              now: AT_VECTOR,
            }),
          );
          expect(result).toBe('refused');
        }),
        { numRuns: 1_000 },
      );
    });

    it('refuses any change to a correctly signed body', () => {
      fc.assert(
        fc.property(
          fc.string({ minLength: 1 }),
          fc.nat(),
          fc.string({ minLength: 1, maxLength: 4 }),
          (body, position, insert) => {
            const payload = JSON.stringify({ body });
            const signed = signedHeaders(payload, { id: 'msg_fuzz', at: AT_VECTOR });
            const at = position % (payload.length + 1);
            const tampered = payload.slice(0, at) + insert + payload.slice(at);
            expect(verifyWebhook({ payload, headers: signed, secret: SECRET, now: AT_VECTOR })).toEqual({
              body,
            });
            expect(
              codeOf(() =>
                verifyWebhook({ payload: tampered, headers: signed, secret: SECRET, now: AT_VECTOR }),
              ),
            ).toBe('NO_MATCHING_SIGNATURE');
          },
        ),
        { numRuns: 1_000 },
      );
    });

    it('refuses any change to a correctly signed query', () => {
      fc.assert(
        fc.property(
          fc.string(),
          fc.nat(),
          fc.string({ minLength: 1, maxLength: 4 }),
          (text, position, insert) => {
            const query = jsonApiQuery(text);
            const signed = signedHeaders(query, { at: AT_VECTOR });
            const at = position % (query.length + 1);
            const tampered = `/q?${query.slice(0, at)}${insert}${query.slice(at)}`;
            const verified = verifyWebhook({
              method: 'GET',
              url: `/q?${query}`,
              headers: signed,
              secret: SECRET,
              now: AT_VECTOR,
            });
            expect(verified).toMatchObject({ data: { message: { text } } });
            const result = outcome(() =>
              verifyWebhook({
                method: 'GET',
                url: tampered,
                headers: signed,
                secret: SECRET,
                now: AT_VECTOR,
              }),
            );
            // Inserting a "#" at the very end only adds a fragment, which is never sent: the same query.
            expect(result).toBe(queryOf(tampered) === query ? 'accepted' : 'refused');
          },
        ),
        { numRuns: 1_000 },
      );
    });
  });
});
