import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors';
import { generateSecret } from './secret';
import { signWebhook } from './signature';

describe('signWebhook', () => {
  it('reproduces the Standard Webhooks test vector of the reference libraries', () => {
    const signature = signWebhook({
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      payload: '{"test": 2432232314}',
    });
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('reproduces the test vector of the Rust library', () => {
    const signature = signWebhook({
      secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
      id: 'msg_27UH4WbU6Z5A5EzD8u03UvzRbpk',
      timestamp: 1649367553,
      payload: '{"email":"test@example.com","username":"test_user"}',
    });
    expect(signature).toBe('v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=');
  });

  it('signs with every secret during a rotation, space-separated', () => {
    const signature = signWebhook({
      secret: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'],
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      payload: '{"test": 2432232314}',
    });
    const [first, second] = signature.split(' ');
    expect(first).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(second).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(second).not.toBe(first);
  });

  it('agrees with the standardwebhooks package on generated secrets and unicode payloads', () => {
    const secret = generateSecret();
    const payload = JSON.stringify({ text: 'héllo 👋 مرحبا', n: 1 });
    const timestamp = new Date('2026-11-25T10:00:00Z');
    const theirs = new Webhook(secret).sign('msg_1', timestamp, payload);
    const ours = signWebhook({
      secret,
      id: 'msg_1',
      timestamp: Math.floor(timestamp.getTime() / 1000),
      payload,
    });
    expect(ours).toBe(theirs);
  });

  it.each([
    ['without the prefix', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'must start with "whsec_"'],
    ['too short', 'whsec_dG9vc2hvcnQ=', 'at least 24 are required'],
    ['not base64', 'whsec_not*base64*at*all*not*base64*at*all', 'not valid base64'],
    [
      'a signature pasted as a secret',
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
      'looks like a signature',
    ],
  ])('refuses a secret %s, without echoing it', (_case, secret, reason) => {
    const attempt = () => signWebhook({ secret, id: 'msg_1', timestamp: 1, payload: '{}' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(reason);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });
});

describe('generateSecret', () => {
  it('creates distinct whsec_ secrets of 32 bytes', () => {
    const first = generateSecret();
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(first.slice(6), 'base64')).toHaveLength(32);
    expect(generateSecret()).not.toBe(first);
  });

  it('refuses sizes outside the Standard Webhooks bounds', () => {
    expect(() => generateSecret(16)).toThrow(RangeError);
    expect(() => generateSecret(65)).toThrow(RangeError);
  });
});

describe('signWebhook refuses bad input with a typed error', () => {
  const valid = {
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: 1614265330,
    payload: '{"test": 2432232314}',
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  };
  it.each([
    [{ id: 'a.b' }, 'id'],
    [{ id: '' }, 'id'],
    [{ timestamp: Number.NaN }, 'timestamp'],
    [{ timestamp: 1614265330.5 }, 'timestamp'],
    [{ timestamp: 1614265330000 }, 'timestamp'],
    [{ payload: { test: 1 } }, 'payload'],
    [{ secret: [] }, 'secret'],
    [{ secret: undefined }, 'secret'],
    [{ secret: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, 'secret'],
  ])('%j: a ConfigError naming %s', (change, field) => {
    expect(() => signWebhook({ ...valid, ...change } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field }),
    );
  });
});
