import { describe, expect, it } from 'vitest';
import { observeCall, patchMethod } from '../../src/adapter/index';

class Client {
  calls: string[] = [];
  send(text: string): string {
    this.calls.push(text);
    return `sent ${text}`;
  }
}

describe('patchMethod', () => {
  it('wraps the method on the object only, with the same this, and restores it exactly', () => {
    const client = new Client();
    const other = new Client();
    const before = Object.getOwnPropertyDescriptors(client);
    const seen: string[] = [];
    const restore = patchMethod(
      client,
      'send',
      (original) =>
        function (this: Client, text: string) {
          seen.push(text);
          return original.call(this, text);
        },
    );
    expect(client.send('a')).toBe('sent a');
    expect(other.send('b')).toBe('sent b');
    expect(seen).toEqual(['a']);
    expect(client.calls).toEqual(['a']);
    // An own property where there was none stays out of keys and spreads.
    expect(Object.keys(client)).toEqual(['calls']);
    expect(restore()).toBe(true);
    expect(Object.getOwnPropertyDescriptors(client)).toEqual(before);
    expect(restore()).toBe(false);
  });

  it('puts back an own method with its descriptor', () => {
    const target = { run: (value: number) => value * 2 };
    const descriptor = Object.getOwnPropertyDescriptor(target, 'run');
    const restore = patchMethod(target, 'run', (original) => (value: number) => original(value) + 1);
    expect(target.run(2)).toBe(5);
    restore();
    expect(Object.getOwnPropertyDescriptor(target, 'run')).toEqual(descriptor);
  });

  it('stays as a pass-through when someone wrapped it again, so their wrapper keeps working', () => {
    const client = new Client();
    const seen: string[] = [];
    const restore = patchMethod(
      client,
      'send',
      (original) =>
        function (this: Client, text: string) {
          seen.push(`ours ${text}`);
          return original.call(this, text);
        },
    );
    const ours = client.send;
    const theirs = function (this: Client, text: string): string {
      seen.push(`theirs ${text}`);
      return ours.call(this, text);
    };
    client.send = theirs;
    expect(restore()).toBe(false);
    expect(client.send).toBe(theirs);
    expect(client.send('x')).toBe('sent x');
    expect(seen).toEqual(['theirs x']);
  });

  it('refuses what is not a method', () => {
    expect(() => patchMethod({ value: 1 } as unknown as Client, 'send', (original) => original)).toThrow(
      TypeError,
    );
  });
});

describe('observeCall', () => {
  it('gives back the same value and the same error, and sees both', async () => {
    const outcomes: unknown[] = [];
    const error = new Error('refused');
    const value = { id: 1 };
    await expect(
      observeCall(
        Promise.resolve(value),
        (outcome) => outcomes.push(outcome),
        () => {},
      ),
    ).resolves.toBe(value);
    await expect(
      observeCall(
        Promise.reject(error),
        (outcome) => outcomes.push(outcome),
        () => {},
      ),
    ).rejects.toBe(error);
    expect(outcomes).toEqual([
      { ok: true, value },
      { ok: false, error },
    ]);
  });

  it('reports an observer that throws instead of changing the outcome', async () => {
    const reported: unknown[] = [];
    const fault = new Error('observer bug');
    const throwing = () => {
      throw fault;
    };
    await expect(observeCall(Promise.resolve(1), throwing, (error) => reported.push(error))).resolves.toBe(1);
    const refused = new Error('refused');
    await expect(
      observeCall(Promise.reject(refused), throwing, (error) => reported.push(error)),
    ).rejects.toBe(refused);
    expect(reported).toEqual([fault, fault]);
  });

  it('makes the call itself when given a function, and throws a synchronous error on unchanged', () => {
    const outcomes: unknown[] = [];
    const error = new Error('thrown before any promise');
    expect(() =>
      observeCall(
        () => {
          throw error;
        },
        (outcome) => outcomes.push(outcome),
        () => {},
      ),
    ).toThrow(error);
    expect(outcomes).toEqual([{ ok: false, error }]);
  });
});
