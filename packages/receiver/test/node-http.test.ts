import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDeduplicator } from '../src/deduplicator';
import { WebhookVerificationError } from '../src/errors';
import type { WebhookEvent } from '../src/event';
import { webhookHandler } from '../src/handler';
import { verifyNodeRequest } from '../src/node';
import { listen, postSigned } from './servers';
import { jsonApiQuery, messageEvent, SECRET, signedHeaders } from './signing';

describe('webhookHandler on node:http', () => {
  it('verifies, hands the typed event over, and answers 204', async () => {
    const received: WebhookEvent[] = [];
    const origin = await listen(
      webhookHandler({ secret: SECRET, onEvent: (event) => void received.push(event) }),
    );
    const response = await postSigned(`${origin}/bot-events`);
    expect(response.status).toBe(204);
    expect(received).toEqual([messageEvent()]);
  });

  it('answers 401 with a JSON body naming the problem, and never calls onEvent', async () => {
    const received: WebhookEvent[] = [];
    const errors: unknown[] = [];
    const origin = await listen(
      webhookHandler({
        secret: SECRET,
        onEvent: (event) => void received.push(event),
        onError: (error) => void errors.push(error),
      }),
    );
    const response = await postSigned(origin, { tamper: (body) => body.replace('hello', 'hellO') });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'NO_MATCHING_SIGNATURE', message: 'no signature matches the content' },
    });
    expect(received).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('answers 400 naming the missing headers', async () => {
    const origin = await listen(webhookHandler({ secret: SECRET, onEvent: () => undefined }));
    const response = await fetch(origin, { method: 'POST', body: '{}', headers: { 'webhook-id': 'msg_1' } });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('MISSING_HEADERS');
    expect(error.message).toContain('webhook-timestamp, webhook-signature');
  });

  it('answers 413 for a body over maxBodyBytes', async () => {
    const origin = await listen(
      webhookHandler({ secret: SECRET, maxBodyBytes: 100, onEvent: () => undefined }),
    );
    const response = await postSigned(origin);
    expect(response.status).toBe(413);
  });

  it('answers a GET JSON API request with the BotReply onEvent returns', async () => {
    const origin = await listen(
      webhookHandler({
        secret: SECRET,
        onEvent: (event) =>
          event.type === 'jsonapi.request'
            ? { messages: [{ text: `you said ${event.data.message.text}` }] }
            : undefined,
      }),
    );
    const query = jsonApiQuery();
    const response = await fetch(`${origin}/quotes?${query}`, { headers: signedHeaders(query) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ messages: [{ text: 'you said hello' }] });
  });

  it('answers the Verify ping with its challenge', async () => {
    const origin = await listen(webhookHandler({ secret: SECRET, onEvent: () => undefined }));
    const payload = JSON.stringify({
      type: 'webhook.verify',
      timestamp: new Date().toISOString(),
      data: { challenge: 'c_1' },
    });
    const response = await fetch(origin, { method: 'POST', body: payload, headers: signedHeaders(payload) });
    expect(await response.json()).toEqual({ challenge: 'c_1' });
  });

  it('answers 500 without details when onEvent throws, reports it, and lets the retry through', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const origin = await listen(
      webhookHandler({
        secret: SECRET,
        deduplicate: createDeduplicator(),
        onEvent: () => {
          calls++;
          if (calls === 1) throw new Error('database down');
        },
        onError: (error) => void errors.push(error),
      }),
    );
    const first = await postSigned(origin, { id: 'msg_retry' });
    expect(first.status).toBe(500);
    expect(await first.text()).not.toContain('database down');
    expect((errors[0] as Error).message).toBe('database down');
    expect((await postSigned(origin, { id: 'msg_retry' })).status).toBe(204);
    expect((await postSigned(origin, { id: 'msg_retry' })).status).toBe(204);
    expect(calls).toBe(2);
  });

  it('leaves the response alone when onEvent wrote it', async () => {
    const origin = await listen(
      webhookHandler({
        secret: SECRET,
        onEvent: (_event, { response }) => {
          response.writeHead(202, { 'x-handled': 'yes' });
          response.end('queued');
        },
      }),
    );
    const response = await postSigned(origin);
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('queued');
  });

  it('is refused at construction without onEvent, or with a secret or option that cannot work', () => {
    expect(() => webhookHandler({ secret: SECRET } as never)).toThrow(/needs an onEvent function/);
    const onEvent = () => undefined;
    expect(() => webhookHandler({ secret: process.env.BOTHOOKS_UNSET_SECRET as string, onEvent })).toThrow(
      /secret is undefined: is the environment variable/,
    );
    expect(() => webhookHandler({ secret: `${SECRET}\n`, onEvent })).toThrow(/whitespace/);
    expect(() => webhookHandler({ secret: SECRET, toleranceSeconds: Number.NaN, onEvent })).toThrow(
      /toleranceSeconds must be a finite number/,
    );
    expect(() => webhookHandler({ secret: SECRET, maxBodyBytes: 0, onEvent })).toThrow(/maxBodyBytes/);
  });
});

describe('verifyNodeRequest', () => {
  it('never crashes and never accepts a forged request, whatever its method, URL, headers and body (fuzzing)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('POST', 'GET', 'PUT', undefined),
        fc.oneof(fc.string(), fc.constant(`/quotes?${jsonApiQuery()}`)),
        fc.dictionary(
          fc.constantFrom(
            'webhook-id',
            'webhook-timestamp',
            'webhook-signature',
            'svix-id',
            'content-length',
          ),
          fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2 })),
        ),
        fc.array(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 64 })), { maxLength: 4 }),
        fc.oneof(fc.constant(undefined), fc.anything()),
        async (method, url, headers, chunks, body) => {
          const request = Object.assign(
            Readable.from(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk))),
            {
              method,
              url,
              headers,
              ...(body !== undefined && { body }),
            },
          );
          const error = await verifyNodeRequest(request, { secret: SECRET }).then(
            () => undefined,
            (failure: unknown) => failure,
          );
          expect(error).toBeInstanceOf(WebhookVerificationError);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads the raw body of a node:http request itself', async () => {
    const events: unknown[] = [];
    const origin = await listen(async (request, response) => {
      events.push(await verifyNodeRequest(request, { secret: SECRET }));
      response.end();
    });
    const payload = JSON.stringify(messageEvent('chunked'));
    await fetch(origin, { method: 'POST', body: payload, headers: signedHeaders(payload) });
    expect(events).toEqual([messageEvent('chunked')]);
  });
});
