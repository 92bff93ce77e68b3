import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { AT_VECTOR, jsonApiQuery, messageEvent, SECRET, signedHeaders, VECTOR } from './signing';

// Edge runtimes have Web APIs and nothing of Node. The bundle runs here in a fresh V8 context that has only
// the Web-standard globals an edge runtime provides: no Buffer, process, require or node: modules.

let receiver: Record<string, (...parameters: unknown[]) => unknown>;
let context: Record<string, unknown>;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2022',
  });
  context = createContext({
    TextEncoder,
    TextDecoder,
    atob,
    URL,
    URLSearchParams,
    crypto,
    ReadableStream,
    Request,
    Headers,
    module: { exports: {} },
  });
  runInContext(bundle.outputFiles[0]?.text ?? '', context);
  receiver = (context.module as { exports: typeof receiver }).exports;
});

describe('the bundle on an edge-like runtime', () => {
  it('has no Node globals to lean on', () => {
    expect(
      runInContext('[typeof Buffer, typeof process, typeof require, typeof setImmediate]', context),
    ).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('verifies the Standard Webhooks vector synchronously', () => {
    const headers = {
      'webhook-id': VECTOR.id,
      'webhook-timestamp': VECTOR.timestamp,
      'webhook-signature': VECTOR.signature,
    };
    expect(
      receiver.verifyWebhook?.({ payload: VECTOR.payload, headers, secret: SECRET, now: AT_VECTOR }),
    ).toEqual({
      test: 2432232314,
    });
  });

  it('verifies a GET query and refuses a tampered body', () => {
    const query = jsonApiQuery();
    const event = receiver.verifyWebhook?.({
      method: 'GET',
      url: `/q?${query}`,
      headers: signedHeaders(query),
      secret: SECRET,
    });
    expect(event).toMatchObject({ type: 'jsonapi.request' });
    const payload = JSON.stringify(messageEvent());
    expect(() =>
      receiver.verifyWebhook?.({ payload: `${payload} `, headers: signedHeaders(payload), secret: SECRET }),
    ).toThrow(/no signature matches/);
  });

  it('verifies a fetch Request with Web Crypto', async () => {
    const payload = JSON.stringify(messageEvent());
    const request = new Request('https://edge.example/hooks', {
      method: 'POST',
      body: payload,
      headers: signedHeaders(payload),
    });
    expect(await receiver.verifyRequest?.(request, { secret: SECRET })).toEqual(messageEvent());
  });
});
