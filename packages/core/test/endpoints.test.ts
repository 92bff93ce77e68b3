import { expect, it } from 'vitest';
import {
  BothooksError,
  ConfigError,
  DEFAULTS,
  EndpointVerificationError,
  JsonApiError,
  type VerifyEvent,
  verifyWebhook,
  type WebhookEvent,
  WebhookVerificationError,
} from '../src/index';
import { describeEachEngine, message, receiver, SECRET, until, webhooks } from './helpers';

describeEachEngine('verify (the Verify button)', () => {
  it('passes an endpoint that answers 2xx, with a signed webhook.verify ping', async () => {
    const target = await receiver();
    const { hooks } = webhooks({ endpoints: [{ id: 'crm', url: target.url(), secret: SECRET }] });
    const result = await hooks.verify('crm');
    expect(result).toEqual({ ok: true, status: 204, latencyMs: expect.any(Number) });
    const ping = target.requests[0]?.json<VerifyEvent>();
    expect(ping?.type).toBe('webhook.verify');
    expect(ping?.data.challenge).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(target.requests[0]?.verified).toBe(true);
    expect(await hooks.verify(target.url())).toMatchObject({ ok: true });
  });

  it('checks an echoed challenge', async () => {
    const target = await receiver();
    target.respondWith((request) => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ challenge: request.json<VerifyEvent>().data.challenge }),
    }));
    const { hooks } = webhooks({ endpoints: [{ id: 'echo', url: target.url(), secret: SECRET }] });
    expect(await hooks.verify('echo')).toMatchObject({ ok: true, status: 200 });

    target.respondWith(() => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"challenge":"wrong"}',
    }));
    expect(await hooks.verify('echo')).toMatchObject({
      ok: false,
      status: 200,
      error: { code: 'CHALLENGE_MISMATCH' },
    });
  });

  it.each([
    [{ status: 500 }, 'HTTP_STATUS'],
    [{ redirectTo: 'http://127.0.0.1:9/elsewhere' }, 'REDIRECT'],
    [{ hang: true }, 'TIMEOUT'],
    [{ reset: true }, 'CONNECTION_RESET'],
  ])('fails on %j with %s', async (behaviour, code) => {
    const target = await receiver();
    target.setDefault(behaviour);
    const { hooks } = webhooks({
      endpoints: [{ id: 'bad', url: target.url(), secret: SECRET, timeoutMs: 200 }],
    });
    const result = await hooks.verify('bad');
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe(code);
  });

  it('rejects an unknown endpoint', async () => {
    const { hooks } = webhooks({});
    await expect(hooks.verify('nope')).rejects.toThrow(BothooksError);
  });
});

describeEachEngine('addEndpoint and removeEndpoint', () => {
  it('adds a verified endpoint that then receives events', async () => {
    const target = await receiver();
    const { hooks } = webhooks({});
    const info = await hooks.addEndpoint({ id: 'late', url: target.url(), secret: SECRET }, { verify: true });
    expect(info).toEqual({ id: 'late', url: target.url(), state: 'active', pending: 0, ordering: 'none' });
    hooks.publish(message('after adding'));
    await hooks.flush();
    expect(target.requests.map((request) => request.json<WebhookEvent>().type)).toEqual([
      'webhook.verify',
      'message.received',
    ]);
  });

  it('refuses an endpoint that fails verification, and does not add it', async () => {
    const target = await receiver();
    target.setDefault({ status: 404 });
    const { hooks } = webhooks({});
    const attempt = hooks.addEndpoint({ id: 'broken', url: target.url(), secret: SECRET }, { verify: true });
    await expect(attempt).rejects.toBeInstanceOf(EndpointVerificationError);
    await expect(attempt).rejects.toMatchObject({
      code: 'VERIFICATION_FAILED',
      result: { ok: false, status: 404 },
    });
    expect(hooks.endpoints()).toEqual([]);
  });

  it('refuses an invalid or duplicate endpoint with a ConfigError', async () => {
    const { hooks } = webhooks({
      endpoints: [{ unsigned: true, id: 'taken', url: 'https://a.example/hooks' }],
    });
    await expect(hooks.addEndpoint({ unsigned: true, url: 'nope' })).rejects.toMatchObject({
      field: 'endpoint.url',
    });
    await expect(
      hooks.addEndpoint({ unsigned: true, id: 'taken', url: 'https://b.example/hooks' }),
    ).rejects.toBeInstanceOf(ConfigError);
  });
});

describeEachEngine('request (the JSON API interaction)', () => {
  const reply = {
    messages: [{ text: 'Your order #42 has shipped', quickReplies: ['Track'] }],
    attributes: { orderId: '42' },
  };
  const json = (body: unknown) => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  it('POSTs the turn as a signed jsonapi.request, with its interaction and attributes, and returns the reply', async () => {
    const target = await receiver();
    target.setDefault(json(reply));
    const { hooks, of } = webhooks({ endpoints: [{ id: 'quotes', url: target.url(), secret: SECRET }] });
    const event = message('where is my order?', '42', { interaction: 'order', attributes: { tier: 'gold' } });
    expect(await hooks.request('quotes', event)).toEqual(reply);
    const sent = target.requests[0];
    expect(sent?.method).toBe('POST');
    expect(sent?.json()).toEqual({ type: 'jsonapi.request', timestamp: event.timestamp, data: event.data });
    expect(sent?.verified).toBe(true);
    expect(sent?.headers.accept).toBe('application/json');
    expect(of('request')).toEqual([
      expect.objectContaining({
        messageId: sent?.headers['webhook-id'],
        endpointId: 'quotes',
        method: 'POST',
        outcome: 'replied',
        status: 200,
        attempts: 1,
        messages: 1,
        latencyMs: expect.any(Number),
      }),
    ]);
  });

  it('accepts the legacy reply shape too', async () => {
    const target = await receiver();
    target.setDefault(json({ message: 'one\n::next::\ntwo', suggested_replies: ['Yes', 'No'] }));
    const { hooks } = webhooks({ endpoints: [{ id: 'quotes', url: target.url(), secret: SECRET }] });
    expect(await hooks.request('quotes', message('quote'))).toEqual({
      messages: [{ text: 'one' }, { text: 'two', quickReplies: ['Yes', 'No'] }],
    });
  });

  it('sends a GET with the key fields as query parameters, signed over that exact query string', async () => {
    const target = await receiver();
    target.setDefault(json(reply));
    const { hooks } = webhooks({
      endpoints: [{ id: 'quotes', url: `${target.url()}?key=abc`, secret: SECRET }],
    });
    const event = message('quote please', '42', { attributes: { tier: 'gold' } });
    await hooks.request('quotes', event, { method: 'GET' });
    const sent = target.requests[0];
    const url = new URL(sent?.url ?? '', target.origin);
    expect(sent?.method).toBe('GET');
    expect(url.searchParams.get('type')).toBe('jsonapi.request');
    expect(url.searchParams.get('key')).toBe('abc');
    expect(url.searchParams.get('text')).toBe('quote please');
    expect(url.searchParams.get('conversation_id')).toBe('42');
    expect(url.searchParams.get('attributes.tier')).toBe('gold');
    expect(sent?.headers['content-type']).toBeUndefined();
    expect(sent?.verified).toBe(true);
    // The receiver side: the query as sent verifies; one tampered parameter does not.
    const headers = sent?.headers as Record<string, string>;
    const query = url.search.slice(1);
    expect(verifyWebhook({ method: 'GET', url: `/hooks?${query}`, headers, secret: SECRET })).toMatchObject({
      type: 'jsonapi.request',
      data: { message: { text: 'quote please' } },
    });
    expect(() =>
      verifyWebhook({
        method: 'GET',
        url: `/hooks?${query.replace('quote+please', 'refund+everything')}`,
        headers,
        secret: SECRET,
      }),
    ).toThrow(WebhookVerificationError);
  });

  it.each([
    [{ status: 500 }, 'HTTP_STATUS'],
    [{ status: 404 }, 'HTTP_STATUS'],
    [{ status: 301, redirectTo: 'http://127.0.0.1:9/x' }, 'REDIRECT'],
    [{ status: 200, body: '<html>' }, 'INVALID_JSON'],
    [{ status: 200, body: '[]' }, 'INVALID_REPLY'],
    [{ status: 200, body: '{"messages": "nope"}' }, 'INVALID_REPLY'],
    [{ status: 200, body: '{"messages": [{"card": {"buttons": [{"title": "x"}]}}]}' }, 'INVALID_REPLY'],
    [{ status: 200, body: '{"messages": [{"card": {"imageUrl": "javascript:alert(1)"}}]}' }, 'INVALID_REPLY'],
    [{ status: 200, body: '{"messages": [{"quickReplies": [1]}]}' }, 'INVALID_REPLY'],
    [{ status: 200, body: '{"unrelated": true}' }, 'INVALID_REPLY'],
    [{ hang: true }, 'TIMEOUT'],
    [{ trickle: true }, 'TIMEOUT'],
    [{ reset: true }, 'CONNECTION_RESET'],
    [{ status: 200, hugeBodyBytes: 5 * 1024 * 1024 }, 'RESPONSE_TOO_LARGE'],
  ])('rejects %j with %s, and reports it as one failed request', async (behaviour, code) => {
    const target = await receiver();
    target.setDefault(behaviour);
    const { hooks, of } = webhooks({ endpoints: [{ id: 'quotes', url: target.url(), secret: SECRET }] });
    const attempt = hooks.request('quotes', message('quote'), { timeoutMs: 300 });
    await expect(attempt).rejects.toBeInstanceOf(JsonApiError);
    await expect(attempt).rejects.toMatchObject({ code });
    expect(target.requests).toHaveLength(1); // no retries by default: a person is waiting
    expect(of('request')).toEqual([
      expect.objectContaining({
        endpointId: 'quotes',
        outcome: 'failed',
        attempts: 1,
        error: expect.objectContaining({ code }),
      }),
    ]);
  });

  it('never downloads a huge reply: it stops at maxResponseBytes', async () => {
    const target = await receiver();
    target.setDefault({ status: 200, hugeBodyBytes: 50 * 1024 * 1024 });
    const { hooks } = webhooks({ endpoints: [{ id: 'quotes', url: target.url(), secret: SECRET }] });
    await expect(hooks.request('quotes', message('quote'), { maxResponseBytes: 1024 })).rejects.toMatchObject(
      {
        code: 'RESPONSE_TOO_LARGE',
      },
    );
    await until(() => target.requests[0]?.bytesSent !== undefined);
    expect(target.requests[0]?.bytesSent).toBeLessThan(10 * 1024 * 1024);
  });

  it('retries a 5xx when asked to, within the same time budget', async () => {
    const target = await receiver();
    target.script([{ status: 503 }, json(reply)]);
    const { hooks, of } = webhooks({ endpoints: [{ id: 'quotes', url: target.url(), secret: SECRET }] });
    expect(await hooks.request('quotes', message('quote'), { retries: 1 })).toEqual(reply);
    expect(target.requests).toHaveLength(2);
    expect(target.requests[0]?.headers['webhook-id']).toBe(target.requests[1]?.headers['webhook-id']);
    expect(of('request')).toEqual([expect.objectContaining({ outcome: 'replied', attempts: 2 })]);
  });

  it('waits 10 s by default, and refuses bad options with a typed error', async () => {
    expect(DEFAULTS.jsonApi.timeoutMs).toBe(10_000);
    const target = await receiver();
    const { hooks } = webhooks({ endpoints: [{ id: 'quotes', url: target.url(), secret: SECRET }] });
    await expect(hooks.request('quotes', message('x'), { timeoutMs: Number.NaN })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
    await expect(hooks.request('quotes', message('x'), { method: 'PUT' as never })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
    expect(target.requests).toHaveLength(0);
  });

  it('rejects an unknown endpoint', async () => {
    const { hooks } = webhooks({});
    await expect(hooks.request('nope', message('x'))).rejects.toMatchObject({ code: 'UNKNOWN_ENDPOINT' });
  });
});

describeEachEngine('blockPrivateNetworks', () => {
  it('refuses a loopback IP literal before connecting', async () => {
    const target = await receiver();
    const { hooks, of } = webhooks({
      endpoints: [{ url: target.url(), secret: SECRET }],
      blockPrivateNetworks: true,
      retry: false,
    });
    hooks.publish(message('to loopback'));
    await hooks.flush();
    expect(target.requests).toHaveLength(0);
    expect(of('failed')[0]?.error.code).toBe('BLOCKED_ADDRESS');
  });

  it('refuses a host name that resolves to loopback, at connect time', async () => {
    const target = await receiver();
    const url = target.url().replace('127.0.0.1', 'localhost');
    const { hooks, of } = webhooks({
      endpoints: [{ url, secret: SECRET }],
      blockPrivateNetworks: true,
      retry: false,
    });
    hooks.publish(message('to localhost'));
    await hooks.flush();
    expect(await hooks.verify(url)).toMatchObject({ ok: false, error: { code: 'BLOCKED_ADDRESS' } });
    expect(target.requests).toHaveLength(0);
    expect(of('failed')[0]?.error.code).toBe('BLOCKED_ADDRESS');
  });

  it('is off by default, so local receivers work', async () => {
    const target = await receiver();
    const url = target.url().replace('127.0.0.1', 'localhost');
    const { hooks, of } = webhooks({ endpoints: [{ url, secret: SECRET }] });
    hooks.publish(message('to localhost'));
    await hooks.flush();
    expect(of('delivered')).toHaveLength(1);
  });
});
