import { expect, it } from 'vitest';
import { verifyWebhook } from '../src/index';
import { describeEachEngine, message, receiver, SECRET, webhooks } from './helpers';

describeEachEngine('delivery', () => {
  it('POSTs the envelope byte for byte, signed, with the Standard Webhooks headers', async () => {
    const target = await receiver();
    const { hooks, of } = webhooks({
      endpoints: [{ url: target.url(), secret: SECRET, headers: { 'x-tenant': 'acme' } }],
    });
    const event = message('hello');
    const id = hooks.publish(event);
    await hooks.flush();

    expect(target.requests).toHaveLength(1);
    const [request] = target.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['user-agent']).toMatch(/^bothooks\/\d+\.\d+\.\d+/);
    expect(request?.headers['x-tenant']).toBe('acme');
    expect(request?.headers['webhook-id']).toBe(id);
    expect(request?.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(request?.body).toBe(JSON.stringify(event));
    expect(request?.verified).toBe(true);
    expect(
      verifyWebhook({ payload: request?.rawBody ?? '', headers: request?.headers ?? {}, secret: SECRET }),
    ).toEqual(event);
    expect(of('delivered')).toEqual([
      expect.objectContaining({ messageId: id, endpointId: target.url(), status: 204, attempts: 1 }),
    ]);
  });

  it('sends unsigned requests to an endpoint without a secret', async () => {
    const target = await receiver({});
    const { hooks } = webhooks({ endpoints: [{ unsigned: true, url: target.url() }] });
    hooks.publish(message('hello'));
    await hooks.flush();
    expect(target.requests[0]?.headers['webhook-signature']).toBeUndefined();
    expect(target.requests[0]?.headers['webhook-id']).toMatch(/^msg_/);
  });

  it('turns URL credentials into a Basic authorization header and keeps them out of the endpoint id', async () => {
    const target = await receiver({});
    const url = target.url('/hooks').replace('http://', 'http://bot:s3cr%40t@');
    const { hooks, of } = webhooks({ endpoints: [{ unsigned: true, url: `${url}?token=abc` }] });
    hooks.publish(message('hello'));
    await hooks.flush();
    expect(target.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('bot:s3cr@t').toString('base64')}`,
    );
    expect(target.requests[0]?.url).toBe('/hooks?token=abc');
    expect(of('delivered')[0]?.endpointId).toBe(target.url('/hooks'));
    expect(JSON.stringify(hooks.endpoints())).not.toContain('s3cr');
  });

  it('retries a 500 with the same webhook-id and a fresh timestamp and signature', async () => {
    const target = await receiver();
    target.script([{ status: 500 }]);
    // A delay past the next second boundary, so the second attempt has a new timestamp to sign.
    const { hooks, of } = webhooks({
      endpoints: [{ url: target.url(), secret: SECRET }],
      retry: { delays: [1_100], jitter: 0 },
    });
    const id = hooks.publish(message('retry me'));
    await hooks.flush();

    const [first, second] = target.requests;
    expect(target.requests).toHaveLength(2);
    expect(first?.headers['webhook-id']).toBe(id);
    expect(second?.headers['webhook-id']).toBe(id);
    expect(second?.headers['webhook-timestamp']).not.toBe(first?.headers['webhook-timestamp']);
    expect(second?.headers['webhook-signature']).not.toBe(first?.headers['webhook-signature']);
    expect(second?.body).toBe(first?.body);
    expect(target.requests.every((request) => request.verified)).toBe(true);
    expect(of('retrying')).toEqual([
      expect.objectContaining({
        attempts: 1,
        error: expect.objectContaining({ code: 'HTTP_STATUS', status: 500 }),
      }),
    ]);
    expect(of('delivered')).toEqual([expect.objectContaining({ attempts: 2 })]);
  });

  it('reports failed once every attempt is spent', async () => {
    const target = await receiver();
    target.setDefault({ status: 503 });
    const { hooks, of } = webhooks({
      endpoints: [{ url: target.url(), secret: SECRET }],
      retry: { delays: [5, 5] },
    });
    const id = hooks.publish(message('doomed'));
    await hooks.flush();
    expect(target.requests).toHaveLength(3);
    expect(of('failed')).toEqual([
      expect.objectContaining({
        messageId: id,
        attempts: 3,
        error: expect.objectContaining({ code: 'HTTP_STATUS', status: 503 }),
      }),
    ]);
    expect(of('delivered')).toEqual([]);
  });

  it('disables an endpoint that answers 410, drops what it had queued and what comes later', async () => {
    const target = await receiver();
    const release = target.hold();
    target.script([{ status: 410 }]);
    const { hooks, of } = webhooks({
      endpoints: [{ id: 'gone', url: target.url(), secret: SECRET }],
      maxConcurrency: 1,
    });
    hooks.publish(message('first'));
    hooks.publish(message('queued behind'));
    await target.waitFor(1);
    release();
    await hooks.flush();
    hooks.publish(message('after'));

    expect(target.requests).toHaveLength(1);
    expect(of('endpoint-disabled')).toEqual([
      { endpointId: 'gone', error: expect.objectContaining({ code: 'ENDPOINT_GONE', status: 410 }) },
    ]);
    expect(of('failed')).toEqual([
      expect.objectContaining({ attempts: 1, error: expect.objectContaining({ code: 'ENDPOINT_GONE' }) }),
    ]);
    expect(of('dropped').map((event) => event.reason)).toEqual(['endpoint-disabled', 'endpoint-disabled']);
    expect(hooks.endpoints()[0]?.state).toBe('disabled');

    hooks.enableEndpoint('gone');
    hooks.publish(message('enabled again'));
    await hooks.flush();
    expect(target.requests).toHaveLength(2);
    expect(hooks.endpoints()[0]?.state).toBe('active');
  });

  it('obeys webhook-delivery: disable and abort-message', async () => {
    const target = await receiver();
    target.script([
      { status: 400, headers: { 'webhook-delivery': 'abort-message' } },
      { status: 200, headers: { 'webhook-delivery': 'disable' } },
    ]);
    const { hooks, of } = webhooks({ endpoints: [{ url: target.url(), secret: SECRET }], maxConcurrency: 1 });
    hooks.publish(message('refused'));
    await hooks.flush();
    hooks.publish(message('accepted, then disable'));
    await hooks.flush();
    hooks.publish(message('too late'));

    expect(of('failed')).toEqual([
      expect.objectContaining({
        attempts: 1,
        error: expect.objectContaining({ code: 'ABORTED_BY_RECEIVER' }),
      }),
    ]);
    expect(of('delivered')).toHaveLength(1);
    expect(of('endpoint-disabled')).toHaveLength(1);
    expect(of('dropped').map((event) => event.reason)).toEqual(['endpoint-disabled']);
    expect(target.requests).toHaveLength(2);
  });

  it('times out an endpoint that never answers, and retries it', async () => {
    const target = await receiver();
    target.setDefault({ hang: true });
    const { hooks, of } = webhooks({
      endpoints: [{ url: target.url(), secret: SECRET }],
      timeoutMs: 150,
      retry: { delays: [10] },
    });
    hooks.publish(message('anyone?'));
    await hooks.flush();
    expect(target.requests).toHaveLength(2);
    expect(of('retrying')[0]?.error.code).toBe('TIMEOUT');
    expect(of('failed')).toEqual([
      expect.objectContaining({ attempts: 2, error: expect.objectContaining({ code: 'TIMEOUT' }) }),
    ]);
  });

  it('counts the body in the deadline: a 200 whose body trickles in forever times out', async () => {
    const target = await receiver();
    target.setDefault({ status: 200, trickle: true });
    const { hooks, of } = webhooks({
      endpoints: [{ url: target.url(), secret: SECRET }],
      timeoutMs: 200,
      retry: false,
    });
    hooks.publish(message('slow body'));
    await hooks.flush();
    expect(of('failed')).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'TIMEOUT' }) }),
    ]);
  });

  it('retries a reset connection', async () => {
    const target = await receiver();
    target.script([{ reset: true }]);
    const { hooks, of } = webhooks({ endpoints: [{ url: target.url(), secret: SECRET }] });
    hooks.publish(message('reset'));
    await hooks.flush();
    expect(of('retrying')[0]?.error.code).toBe('CONNECTION_RESET');
    expect(of('delivered')).toEqual([expect.objectContaining({ attempts: 2 })]);
  });

  it('retries a refused connection', async () => {
    const target = await receiver();
    const url = target.url();
    await target.close();
    const { hooks, of } = webhooks({ endpoints: [{ url, secret: SECRET }], retry: { delays: [5] } });
    hooks.publish(message('nobody home'));
    await hooks.flush();
    expect(of('failed')).toEqual([
      expect.objectContaining({
        attempts: 2,
        error: expect.objectContaining({ code: 'CONNECTION_REFUSED' }),
      }),
    ]);
  });

  it('never follows a redirect', async () => {
    const target = await receiver();
    target.script([{ redirectTo: target.url('/elsewhere') }], '/hooks');
    const { hooks, of } = webhooks({
      endpoints: [{ url: target.url('/hooks'), secret: SECRET }],
      retry: false,
    });
    hooks.publish(message('redirected'));
    await hooks.flush();
    expect(target.on('/elsewhere')).toHaveLength(0);
    expect(of('failed')).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'REDIRECT', status: 302 }) }),
    ]);
  });

  it('does not download a 50 MB answer', async () => {
    const target = await receiver();
    target.script([{ status: 200, hugeBodyBytes: 50 * 1024 * 1024 }]);
    const { hooks, of } = webhooks({ endpoints: [{ url: target.url(), secret: SECRET }] });
    hooks.publish(message('big answer'));
    await hooks.flush();
    expect(of('delivered')).toHaveLength(1);
    // Give the receiver's writes a moment to notice the closed socket.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const sent = target.requests[0]?.bytesSent ?? 0;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });

  it('waits at least as long as Retry-After asks', async () => {
    const target = await receiver();
    target.script([{ status: 429, retryAfter: 1 }]);
    const { hooks, of } = webhooks({
      endpoints: [{ url: target.url(), secret: SECRET }],
      retry: { delays: [10], jitter: 0 },
    });
    hooks.publish(message('throttled'));
    await hooks.flush();
    expect(of('retrying')[0]?.delayMs).toBe(1_000);
    const [first, second] = target.requests;
    expect((second?.arrivedAt ?? 0) - (first?.arrivedAt ?? 0)).toBeGreaterThanOrEqual(950);
    expect(of('delivered')).toHaveLength(1);
  });

  it('bounds Retry-After by maxRetryAfterMs', async () => {
    const target = await receiver();
    target.script([{ status: 503, retryAfter: 86_400 }]);
    const { hooks, of } = webhooks({
      endpoints: [{ url: target.url(), secret: SECRET }],
      retry: { delays: [10], jitter: 0, maxRetryAfterMs: 50 },
    });
    hooks.publish(message('throttled for a day'));
    await hooks.flush();
    expect(of('retrying')[0]?.delayMs).toBe(50);
    expect(of('delivered')).toHaveLength(1);
  });
});
