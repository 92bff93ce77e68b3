import type { DeliveryEndpoint } from '@bothooks/core/engine';
import { describe, expect, it } from 'vitest';
import { decodeFailure, encodeFailure, sanitize } from '../src/failures';

const endpoint: DeliveryEndpoint = {
  id: 'crm',
  target: {
    origin: 'https://crm.example.com',
    path: '/hooks?token=tok-123&x=1',
    hostname: 'crm.example.com',
  },
  keys: [],
  headers: { authorization: 'Basic Ym90OnMzY3IzdA==', 'x-api-key': 'key-456' },
  timeoutMs: 15_000,
  maxConcurrency: 10,
  ordering: 'none',
};

describe('what a failure leaves in Redis', () => {
  it('takes the endpoint’s query, header values and any URL credentials out of error texts', () => {
    const text = sanitize(
      'request to https://crm.example.com/hooks?token=tok-123&x=1 failed\n(key-456, Basic Ym90OnMzY3IzdA==); see redis://user:pw@host:6379',
      endpoint,
    );
    expect(text).not.toMatch(/tok-123|key-456|Ym90OnMzY3IzdA|user:pw|\n/);
    expect(text).toContain('https://crm.example.com/hooks?[redacted]');
    expect(text).toContain('redis://[redacted]@host:6379');
  });

  it('strips query strings of URLs it knows nothing about, and bounds the length', () => {
    expect(sanitize('GET http://other.example/path?secret=1 refused', undefined)).toBe(
      'GET http://other.example/path?[redacted] refused',
    );
    expect(sanitize('x'.repeat(2_000), undefined)).toHaveLength(501);
  });

  it('reads back the code, status and message it wrote', () => {
    const info = { code: 'HTTP_STATUS', status: 503, message: 'the endpoint answered 503' };
    expect(encodeFailure(info)).toBe('[HTTP_STATUS 503] the endpoint answered 503');
    expect(decodeFailure(encodeFailure(info))).toEqual(info);
    expect(decodeFailure('[TIMEOUT] no complete answer within 15000 ms')).toEqual({
      code: 'TIMEOUT',
      message: 'no complete answer within 15000 ms',
    });
    expect(decodeFailure('job stalled more than allowable limit')).toEqual({
      code: 'STALLED',
      message: 'job stalled more than allowable limit',
    });
  });
});
