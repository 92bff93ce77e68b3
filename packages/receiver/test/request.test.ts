import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '../src/errors';
import { verifyRequest } from '../src/request';
import { jsonApiQuery, messageEvent, SECRET, signedHeaders } from './signing';

// Node's own fetch-API Request (undici), the same class Next.js route handlers and Hono on Node receive.

function post(body: string, headers: Record<string, string>): Request {
  return new Request('https://receiver.example/bot-events', { method: 'POST', body, headers });
}

async function refusal(run: () => Promise<unknown>): Promise<WebhookVerificationError | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return error as WebhookVerificationError;
  }
}

describe('verifyRequest', () => {
  it('verifies a POST Request and returns the typed event', async () => {
    const payload = JSON.stringify(messageEvent());
    const event = await verifyRequest(post(payload, signedHeaders(payload)), { secret: SECRET });
    expect(event).toEqual(messageEvent());
    expect(event.type === 'message.received' && event.data.message.text).toBe('hello');
  });

  it('verifies a streamed body byte for byte', async () => {
    const payload = JSON.stringify(messageEvent('ünïcödé 🤖'.repeat(2_000)));
    const bytes = new TextEncoder().encode(payload);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 1_000)
          controller.enqueue(bytes.slice(offset, offset + 1_000));
        controller.close();
      },
    });
    const request = new Request('https://receiver.example/hooks', {
      method: 'POST',
      body,
      headers: signedHeaders(payload),
      duplex: 'half',
    } as RequestInit);
    expect(await verifyRequest(request, { secret: SECRET })).toEqual(JSON.parse(payload));
  });

  it('verifies a GET JSON API request by its query', async () => {
    const query = jsonApiQuery();
    const request = new Request(`https://receiver.example/quotes?${query}`, {
      headers: signedHeaders(query),
    });
    const event = await verifyRequest(request, { secret: SECRET });
    expect(event).toMatchObject({ type: 'jsonapi.request', data: { message: { text: 'hello' } } });
    const tampered = new Request(`https://receiver.example/quotes?${query.replace('hello', 'hellO')}`, {
      headers: signedHeaders(query),
    });
    expect((await refusal(() => verifyRequest(tampered, { secret: SECRET })))?.code).toBe(
      'NO_MATCHING_SIGNATURE',
    );
  });

  it('accepts several secrets and svix-* headers', async () => {
    const payload = JSON.stringify(messageEvent());
    const request = post(payload, signedHeaders(payload, { prefix: 'svix' }));
    expect(
      await verifyRequest(request, { secret: ['whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD', SECRET] }),
    ).toEqual(messageEvent());
  });

  it('says so when the body was already read', async () => {
    const payload = JSON.stringify(messageEvent());
    const request = post(payload, signedHeaders(payload));
    await request.json();
    const error = await refusal(() => verifyRequest(request, { secret: SECRET }));
    expect(error?.code).toBe('PAYLOAD_NOT_RAW');
    expect(error?.message).toContain('request.clone()');
  });

  it('refuses a body over maxBodyBytes, declared or streamed, with 413', async () => {
    const payload = JSON.stringify(messageEvent('x'.repeat(2_000)));
    const declared = await refusal(() =>
      verifyRequest(post(payload, signedHeaders(payload)), { secret: SECRET, maxBodyBytes: 1_000 }),
    );
    expect(declared).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(512));
      },
    });
    const endless = new Request('https://receiver.example/hooks', {
      method: 'POST',
      body,
      headers: signedHeaders(payload),
      duplex: 'half',
    } as RequestInit);
    expect(
      (await refusal(() => verifyRequest(endless, { secret: SECRET, maxBodyBytes: 10_000 })))?.code,
    ).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses an unsigned request before reading its body', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(512));
      },
    });
    const request = new Request('https://receiver.example/hooks', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    expect((await refusal(() => verifyRequest(request, { secret: SECRET })))?.code).toBe('MISSING_HEADERS');
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('refuses wrong arguments with typed errors', async () => {
    expect((await refusal(() => verifyRequest({} as Request, { secret: SECRET })))?.code).toBe(
      'INVALID_OPTIONS',
    );
    expect((await refusal(() => verifyRequest(post('', {}), undefined as never)))?.code).toBe(
      'INVALID_OPTIONS',
    );
    expect(
      (await refusal(() => verifyRequest(post('{}', {}), { secret: SECRET, toleranceSeconds: Number.NaN })))
        ?.code,
    ).toBe('INVALID_OPTIONS');
    expect(
      (await refusal(() => verifyRequest(post('{}', {}), { secret: process.env.UNSET_SECRET as string })))
        ?.message,
    ).toContain('environment variable');
  });

  it('never crashes and never accepts a forged request (fuzzing)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('POST', 'GET', 'PUT'),
        fc.string(),
        fc.dictionary(
          fc.constantFrom(
            'webhook-id',
            'webhook-timestamp',
            'webhook-signature',
            'svix-signature',
            'content-length',
          ),
          fc.oneof(fc.string(), fc.stringMatching(/^v1,[A-Za-z0-9+/=]{0,60}$/)),
        ),
        async (method, body, headers) => {
          let request: Request;
          try {
            request = new Request(`https://receiver.example/hooks?${encodeURIComponent(body)}`, {
              method,
              headers,
              ...(method !== 'GET' && { body }),
            });
          } catch {
            return; // Headers that fetch itself refuses never reach a receiver.
          }
          const error = await refusal(() => verifyRequest(request, { secret: SECRET }));
          expect(error).toBeInstanceOf(WebhookVerificationError);
        },
      ),
      { numRuns: 300 },
    );
  });
});
