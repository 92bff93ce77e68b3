import { describe, expect, it } from 'vitest';
import { DeliveryError } from './errors';
import { assertPublicHost, guardedLookup, isPrivateAddress } from './network-guard';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '[::1]',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('assertPublicHost', () => {
  it('refuses private IP literals up front and leaves names to the lookup', () => {
    expect(() => assertPublicHost('127.0.0.1')).toThrow(DeliveryError);
    expect(() => assertPublicHost('[::1]')).toThrow(/private or loopback/);
    expect(() => assertPublicHost('example.com')).not.toThrow();
    expect(() => assertPublicHost('8.8.8.8')).not.toThrow();
  });
});

describe('guardedLookup', () => {
  it('refuses a name that resolves to loopback, in both callback forms', async () => {
    for (const all of [false, true]) {
      const error = await new Promise<unknown>((resolve) =>
        guardedLookup('localhost', { all }, (failure) => resolve(failure)),
      );
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).code).toBe('BLOCKED_ADDRESS');
    }
  });
});
