import { expect, it } from 'vitest';
import {
  BothooksError,
  ConfigError,
  EndpointVerificationError,
  JsonApiError,
  type VerifyEvent,
  type WebhookEvent,
} from '../src/index';
import { describeEachEngine, message, receiver, SECRET, webhooks } from './helpers';

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

  it('POSTs the signed envelope and returns the parsed reply', async () => {
    const target = await receiver();
    target.setDefault({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(reply),
    });
    const { hooks } = webhooks({ endpoints: [{ id: 'quotes', url: target.url(), secret: SECRET }] });
    const event = message('where is my order?');
    expect(await hooks.request('quotes', event)).toEqual(reply);
    expect(target.requests[0]?.method).toBe('POST');
    expect(target.requests[0]?.json()).toEqual(event);
    expect(target.requests[0]?.verified).toBe(true);
    expect(target.requests[0]?.headers.accept).toBe('application/json');
  });

  it('sends the key fields as query parameters with GET', async () => {
    const target = await receiver({});
    target.setDefault({ status: 200, body: JSON.stringify({ message: 'one\n::next::\ntwo' }) });
    const { hooks } = webhooks({
      endpoints: [{ unsigned: true, id: 'quotes', url: `${target.url()}?key=abc` }],
    });
    const result = await hooks.request('quotes', message('quote please', '42'), { method: 'GET' });
    expect(result).toEqual({ messages: [{ text: 'one' }, { text: 'two' }] });
    const url = new URL(target.requests[0]?.url ?? '', target.origin);
    expect(target.requests[0]?.method).toBe('GET');
    expect(url.searchParams.get('key')).toBe('abc');
    expect(url.searchParams.get('text')).toBe('quote please');
    expect(url.searchParams.get('conversation_id')).toBe('42');
  });

  it.each([
    [{ status: 500 }, 'HTTP_STATUS'],
    [{ status: 301, redirectTo: 'http://127.0.0.1:9/x' }, 'REDIRECT'],
    [{ status: 200, body: '<html>' }, 'INVALID_JSON'],
    [{ status: 200, body: '{"messages": "nope"}' }, 'INVALID_REPLY'],
    [{ hang: true }, 'TIMEOUT'],
    [{ status: 200, hugeBodyBytes: 5 * 1024 * 1024 }, 'RESPONSE_TOO_LARGE'],
  ])('rejects %j with %s', async (behaviour, code) => {
    const target = await receiver();
    target.setDefault(behaviour);
    const { hooks } = webhooks({
      endpoints: [{ unsigned: true, id: 'quotes', url: target.url(), timeoutMs: 300 }],
    });
    const attempt = hooks.request('quotes', message('quote'));
    await expect(attempt).rejects.toBeInstanceOf(JsonApiError);
    await expect(attempt).rejects.toMatchObject({ code });
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
