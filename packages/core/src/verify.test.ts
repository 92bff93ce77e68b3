import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from './errors';
import { signWebhook } from './signature';
import { verifyWebhook } from './verify';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const VECTOR = {
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const AT_VECTOR = 1614265330 * 1000;

function headers(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    'webhook-id': VECTOR.id,
    'webhook-timestamp': VECTOR.timestamp,
    'webhook-signature': VECTOR.signature,
    ...overrides,
  };
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as WebhookVerificationError).code;
  }
}

describe('verifyWebhook', () => {
  it('accepts the test vector and returns the parsed payload', () => {
    const event = verifyWebhook({
      payload: VECTOR.payload,
      headers: headers(),
      secret: SECRET,
      now: AT_VECTOR,
    });
    expect(event).toEqual({ test: 2432232314 });
  });

  it('accepts a Buffer payload, Headers objects and header arrays', () => {
    const fetchHeaders = new Headers(headers() as Record<string, string>);
    expect(
      verifyWebhook({
        payload: Buffer.from(VECTOR.payload),
        headers: fetchHeaders,
        secret: SECRET,
        now: AT_VECTOR,
      }),
    ).toEqual({
      test: 2432232314,
    });
    const nodeHeaders = { ...headers(), 'webhook-signature': ['v2,abc', VECTOR.signature] };
    expect(
      verifyWebhook({ payload: VECTOR.payload, headers: nodeHeaders, secret: SECRET, now: AT_VECTOR }),
    ).toEqual({
      test: 2432232314,
    });
  });

  it('matches header names case-insensitively', () => {
    const mixed = {
      'Webhook-Id': VECTOR.id,
      'WEBHOOK-TIMESTAMP': VECTOR.timestamp,
      'Webhook-Signature': VECTOR.signature,
    };
    expect(
      verifyWebhook({ payload: VECTOR.payload, headers: mixed, secret: SECRET, now: AT_VECTOR }),
    ).toBeTruthy();
  });

  it('accepts a secret without the whsec_ prefix, as the reference libraries do', () => {
    expect(
      verifyWebhook({ payload: VECTOR.payload, headers: headers(), secret: SECRET.slice(6), now: AT_VECTOR }),
    ).toBeTruthy();
  });

  it('passes when any one of several signatures matches, ignoring unknown versions', () => {
    const signature = `v2,bm9wZQ== v1,${'A'.repeat(43)}= ${VECTOR.signature}`;
    expect(
      verifyWebhook({
        payload: VECTOR.payload,
        headers: headers({ 'webhook-signature': signature }),
        secret: SECRET,
        now: AT_VECTOR,
      }),
    ).toBeTruthy();
  });

  it('passes when any one of several secrets matches (receiver-side rotation)', () => {
    const other = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
    expect(
      verifyWebhook({ payload: VECTOR.payload, headers: headers(), secret: [other, SECRET], now: AT_VECTOR }),
    ).toBeTruthy();
  });

  it('reports missing headers', () => {
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      expect(
        codeOf(() =>
          verifyWebhook({
            payload: VECTOR.payload,
            headers: headers({ [name]: undefined }),
            secret: SECRET,
            now: AT_VECTOR,
          }),
        ),
      ).toBe('MISSING_HEADERS');
    }
  });

  it.each(['1614265330.5', '-1614265330', 'abc', '1e9', ' 1614265330', ''])(
    'refuses the malformed timestamp %j',
    (timestamp) => {
      const code = codeOf(() =>
        verifyWebhook({
          payload: VECTOR.payload,
          headers: headers({ 'webhook-timestamp': timestamp }),
          secret: SECRET,
          now: AT_VECTOR,
        }),
      );
      expect(['INVALID_TIMESTAMP', 'MISSING_HEADERS']).toContain(code);
    },
  );

  it('enforces the tolerance in both directions', () => {
    const verifyAt = (now: number) => () =>
      verifyWebhook({ payload: VECTOR.payload, headers: headers(), secret: SECRET, now });
    expect(codeOf(verifyAt(AT_VECTOR + 301_000))).toBe('TIMESTAMP_TOO_OLD');
    expect(codeOf(verifyAt(AT_VECTOR - 301_000))).toBe('TIMESTAMP_TOO_NEW');
    expect(codeOf(verifyAt(AT_VECTOR + 299_000))).toBeUndefined();
    expect(codeOf(verifyAt(AT_VECTOR - 299_000))).toBeUndefined();
    expect(
      codeOf(() =>
        verifyWebhook({
          payload: VECTOR.payload,
          headers: headers(),
          secret: SECRET,
          now: AT_VECTOR + 3_600_000,
          toleranceSeconds: 7200,
        }),
      ),
    ).toBeUndefined();
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
        codeOf(() =>
          verifyWebhook({
            payload: VECTOR.payload,
            headers: headers({ 'webhook-signature': signature }),
            secret: SECRET,
            now: AT_VECTOR,
          }),
        ),
      ).toBe('NO_MATCHING_SIGNATURE');
    }
  });

  it('refuses a changed body, id or timestamp', () => {
    expect(
      codeOf(() =>
        verifyWebhook({
          payload: '{"test": 2432232315}',
          headers: headers(),
          secret: SECRET,
          now: AT_VECTOR,
        }),
      ),
    ).toBe('NO_MATCHING_SIGNATURE');
    expect(
      codeOf(() =>
        verifyWebhook({
          payload: VECTOR.payload,
          headers: headers({ 'webhook-id': 'msg_other' }),
          secret: SECRET,
          now: AT_VECTOR,
        }),
      ),
    ).toBe('NO_MATCHING_SIGNATURE');
    expect(
      codeOf(() =>
        verifyWebhook({
          payload: VECTOR.payload,
          headers: headers({ 'webhook-timestamp': '1614265331' }),
          secret: SECRET,
          now: AT_VECTOR,
        }),
      ),
    ).toBe('NO_MATCHING_SIGNATURE');
  });

  it('reports a malformed secret without echoing it', () => {
    for (const secret of [
      '',
      'whsec_short',
      'whsec_***',
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    ]) {
      try {
        verifyWebhook({ payload: VECTOR.payload, headers: headers(), secret, now: AT_VECTOR });
        expect.unreachable();
      } catch (error) {
        expect((error as WebhookVerificationError).code).toBe('INVALID_SECRET');
        if (secret !== '') expect((error as Error).message).not.toContain(secret);
      }
    }
  });

  it('reports a verified payload that is not JSON', () => {
    const payload = 'not json';
    const signature = signWebhook({
      secret: SECRET,
      id: VECTOR.id,
      timestamp: Number(VECTOR.timestamp),
      payload,
    });
    expect(
      codeOf(() =>
        verifyWebhook({
          payload,
          headers: headers({ 'webhook-signature': signature }),
          secret: SECRET,
          now: AT_VECTOR,
        }),
      ),
    ).toBe('INVALID_PAYLOAD');
  });

  it('accepts what the standardwebhooks package signs', () => {
    const payload = JSON.stringify({ type: 'message.received', data: { text: 'hi' } });
    const now = new Date();
    const signature = new Webhook(SECRET).sign('msg_abc', now, payload);
    const signed = {
      'webhook-id': 'msg_abc',
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    };
    expect(verifyWebhook({ payload, headers: signed, secret: SECRET })).toEqual(JSON.parse(payload));
  });

  describe('fuzzing', () => {
    const anyHeaderValue = fc.oneof(
      fc.constant(undefined),
      fc.string(),
      fc.stringMatching(/^v1,[A-Za-z0-9+/=]{0,60}$/),
      fc.array(fc.string(), { maxLength: 3 }).map((parts) => parts.join(' ')),
    );

    it('never crashes and never accepts on malformed headers and bodies', () => {
      fc.assert(
        fc.property(
          fc.record({
            id: anyHeaderValue,
            timestamp: fc.oneof(anyHeaderValue, fc.constant(VECTOR.timestamp)),
            signature: anyHeaderValue,
          }),
          fc.oneof(fc.string(), fc.uint8Array({ maxLength: 256 })),
          (random, payload) => {
            const result = (() => {
              try {
                verifyWebhook({
                  payload,
                  headers: {
                    'webhook-id': random.id,
                    'webhook-timestamp': random.timestamp,
                    'webhook-signature': random.signature,
                  },
                  secret: SECRET,
                  now: AT_VECTOR,
                });
                return 'accepted';
              } catch (error) {
                return error instanceof WebhookVerificationError ? 'refused' : 'crashed';
              }
            })();
            expect(result).toBe('refused');
          },
        ),
        { numRuns: 2_000 },
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
            const timestamp = Math.floor(AT_VECTOR / 1000);
            const signature = signWebhook({ secret: SECRET, id: 'msg_fuzz', timestamp, payload });
            const at = position % (payload.length + 1);
            const tampered = payload.slice(0, at) + insert + payload.slice(at);
            const signed = {
              'webhook-id': 'msg_fuzz',
              'webhook-timestamp': String(timestamp),
              'webhook-signature': signature,
            };
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
  });
});
