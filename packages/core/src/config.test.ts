import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors';
import { createWebhooks } from './webhooks';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function fieldOf(options: unknown): string | undefined {
  try {
    createWebhooks(options as Parameters<typeof createWebhooks>[0]).close({ timeoutMs: 0 });
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('INVALID_CONFIG');
    return (error as ConfigError).field;
  }
}

describe('configuration', () => {
  it('accepts an empty configuration and a complete one', () => {
    expect(fieldOf({})).toBeUndefined();
    expect(
      fieldOf({
        endpoints: [
          {
            id: 'crm',
            url: 'https://crm.example.com/bot-events',
            secret: [SECRET, 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'],
            events: ['message.received', 'message.*', '*'],
            interactions: ['order'],
            filter: () => true,
            headers: { 'x-tenant': 'acme', Authorization: 'Bearer token' },
            ordering: 'conversation',
            transform: (event: unknown) => event,
            timeoutMs: 5_000,
            maxConcurrency: 2,
          },
        ],
        timeoutMs: 10_000,
        retry: { delays: [1_000, 2_000], jitter: 0.1, maxRetryAfterMs: 60_000 },
        queue: { maxSize: 100, overflow: 'drop-oldest' },
        maxConcurrency: 20,
        circuitBreaker: { failureThreshold: 10, cooldownMs: 5_000, maxCooldownMs: 60_000 },
        maxBodyBytes: 1_024,
        blockPrivateNetworks: true,
        userAgent: 'my-bot/1.0',
        closeTimeoutMs: 1_000,
        logger: { warn: () => undefined, error: () => undefined },
      }),
    ).toBeUndefined();
  });

  it.each([
    [{ endpoints: 'https://example.com' }, 'endpoints'],
    [{ endpoints: [null] }, 'endpoints[0]'],
    [{ endpoints: [{}] }, 'endpoints[0].url'],
    [{ endpoints: [{ unsigned: true, url: 'not a url' }] }, 'endpoints[0].url'],
    [{ endpoints: [{ unsigned: true, url: 'ftp://example.com/hooks' }] }, 'endpoints[0].url'],
    [
      {
        endpoints: [
          { url: 'https://a.example', unsigned: true },
          { unsigned: true, url: 'javascript:alert(1)' },
        ],
      },
      'endpoints[1].url',
    ],
    [
      { endpoints: [{ url: 'https://a.example', secret: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }] },
      'endpoints[0].secret',
    ],
    [{ endpoints: [{ url: 'https://a.example', secret: 'whsec_c2hvcnQ=' }] }, 'endpoints[0].secret'],
    [{ endpoints: [{ url: 'https://a.example', secret: [SECRET, 42] }] }, 'endpoints[0].secret[1]'],
    [
      { endpoints: [{ url: 'https://a.example', unsigned: true, events: ['message received'] }] },
      'endpoints[0].events[0]',
    ],
    [
      { endpoints: [{ url: 'https://a.example', unsigned: true, interactions: 'order' }] },
      'endpoints[0].interactions',
    ],
    [
      { endpoints: [{ unsigned: true, url: 'https://a.example', headers: { 'webhook-id': 'x' } }] },
      'endpoints[0].headers.webhook-id',
    ],
    [
      { endpoints: [{ unsigned: true, url: 'https://a.example', headers: { 'x-a': 'b\r\nx-injected: 1' } }] },
      'endpoints[0].headers.x-a',
    ],
    [
      { endpoints: [{ unsigned: true, url: 'https://a.example', headers: { 'bad name': 'x' } }] },
      'endpoints[0].headers.bad name',
    ],
    [
      { endpoints: [{ url: 'https://a.example', unsigned: true, ordering: 'fifo' }] },
      'endpoints[0].ordering',
    ],
    [{ endpoints: [{ url: 'https://a.example', unsigned: true, filter: 'yes' }] }, 'endpoints[0].filter'],
    [{ endpoints: [{ url: 'https://a.example', unsigned: true, timeoutMs: 0 }] }, 'endpoints[0].timeoutMs'],
    [
      {
        endpoints: [
          { url: 'https://a.example', unsigned: true },
          { url: 'https://a.example', unsigned: true },
        ],
      },
      'endpoints[1].id',
    ],
    [{ timeoutMs: -1 }, 'timeoutMs'],
    [{ timeoutMs: 1.5 }, 'timeoutMs'],
    [{ retry: { delays: [5, -1] } }, 'retry.delays[1]'],
    [{ retry: { jitter: 2 } }, 'retry.jitter'],
    [{ retry: true }, 'retry'],
    [{ queue: { maxSize: 0 } }, 'queue.maxSize'],
    [{ queue: { overflow: 'block' } }, 'queue.overflow'],
    [{ maxConcurrency: 0 }, 'maxConcurrency'],
    [{ circuitBreaker: { failureThreshold: 0 } }, 'circuitBreaker.failureThreshold'],
    [{ maxBodyBytes: '1mb' }, 'maxBodyBytes'],
    [{ blockPrivateNetworks: 'yes' }, 'blockPrivateNetworks'],
    [{ logger: console.log }, 'logger'],
    [{ userAgent: 'a\nb' }, 'userAgent'],
  ])('refuses %j at construction, naming %s', (options, field) => {
    expect(fieldOf(options)).toBe(field);
  });

  it('never puts a secret in a configuration error', () => {
    const secret = 'whsec_dG9vc2hvcnQ=';
    try {
      createWebhooks({ endpoints: [{ url: 'https://a.example', secret }] });
      expect.unreachable();
    } catch (error) {
      expect(JSON.stringify(error)).not.toContain('dG9vc2hvcnQ');
      expect(String(error)).not.toContain('dG9vc2hvcnQ');
    }
  });

  it('names endpoints by origin and path, never by query or credentials', () => {
    const hooks = createWebhooks({
      endpoints: [{ url: 'https://user:pass@a.example/hooks?token=t0k3n', unsigned: true }],
      logger: false,
    });
    expect(hooks.endpoints()).toEqual([
      {
        id: 'https://a.example/hooks',
        url: 'https://a.example/hooks',
        state: 'active',
        pending: 0,
        ordering: 'none',
      },
    ]);
    return hooks.close({ timeoutMs: 0 });
  });

  function errorOf(options: unknown): ConfigError {
    try {
      createWebhooks(options as Parameters<typeof createWebhooks>[0]).close({ timeoutMs: 0 });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return error as ConfigError;
    }
    throw new Error('the options were accepted');
  }

  it.each([
    [{ endpoints: [{ url: 'https://a.example', secrets: SECRET }] }, 'endpoints[0].secrets', '"secret"'],
    [{ blockPrivateNetwork: true }, 'blockPrivateNetwork', '"blockPrivateNetworks"'],
    [{ timeout: 5_000 }, 'timeout', '"timeoutMs"'],
    [{ queue: { maxsize: 10 } }, 'queue.maxsize', '"maxSize"'],
    [
      { endpoints: [{ url: 'https://a.example', secret: SECRET, headerz: {} }] },
      'endpoints[0].headerz',
      '"headers"',
    ],
    [{ retry: { delay: [10] } }, 'retry.delay', '"delays"'],
    [{ circuitBreaker: { threshold: 3 } }, 'circuitBreaker.threshold', 'known: failureThreshold'],
  ])('refuses the unknown option in %j, naming %s and the nearest known name', (options, field, hint) => {
    const error = errorOf(options);
    expect(error.field).toBe(field);
    expect(error.message).toContain('unknown option');
    expect(error.message).toContain(hint);
  });

  it('refuses an unknown option of addEndpoint too', async () => {
    const hooks = createWebhooks({ logger: false });
    await expect(
      hooks.addEndpoint({ url: 'https://a.example', secret: SECRET, secrets: 'x' } as never),
    ).rejects.toThrow('endpoint.secrets: unknown option; did you mean "secret"?');
    await hooks.close({ timeoutMs: 0 });
  });

  it.each([
    [{ url: 'https://a.example' }, /is required: .*unsigned: true/],
    [
      { url: 'https://a.example', secret: undefined },
      /is undefined: usually an environment variable that is not set/,
    ],
    [{ url: 'https://a.example', secret: '' }, /is empty: usually an environment variable set to nothing/],
    [{ url: 'https://a.example', secret: [] }, /is empty/],
    [{ url: 'https://a.example', secret: `${SECRET}\n` }, /whitespace or a line break/],
    [{ url: 'https://a.example', secret: ` ${SECRET}` }, /whitespace or a line break/],
    [{ url: 'https://a.example', secret: SECRET, unsigned: true }, /cannot be combined with unsigned: true/],
  ])('refuses %j: a signed endpoint cannot silently become unsigned', (endpoint, message) => {
    const error = errorOf({ endpoints: [endpoint] });
    expect(error.field).toBe('endpoints[0].secret');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(SECRET.slice(6));
  });

  it('sends unsigned webhooks only when unsigned: true says so', () => {
    expect(fieldOf({ endpoints: [{ url: 'https://a.example', unsigned: true }] })).toBeUndefined();
    expect(fieldOf({ endpoints: [{ url: 'https://a.example', unsigned: 'yes' }] })).toBe(
      'endpoints[0].unsigned',
    );
  });

  it.each([
    [['message.recieved'], 'endpoints[0].events[0]', 'did you mean "message.received"?'],
    [['order.*'], 'endpoints[0].events[0]', 'matches no event type'],
    [['message.sent', 'messages.deleted'], 'endpoints[0].events[1]', 'did you mean "message.deleted"?'],
  ])('refuses unknown event types %j', (events, field, message) => {
    const error = errorOf({ endpoints: [{ url: 'https://a.example', unsigned: true, events }] });
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
  });

  it('accepts event types declared in customEventTypes', () => {
    expect(
      fieldOf({
        customEventTypes: ['order.created'],
        endpoints: [
          {
            url: 'https://a.example',
            unsigned: true,
            events: ['order.created', 'order.*', 'jsonapi.request'],
          },
        ],
      }),
    ).toBeUndefined();
  });

  it.each([
    'connection',
    'Keep-Alive',
    'proxy-authorization',
    'TE',
    'trailer',
    'transfer-encoding',
    'upgrade',
    'expect',
    'host',
    'content-length',
    'webhook-signature',
    'Webhook-Foo',
  ])('refuses the reserved or hop-by-hop header %s at construction', (name) => {
    const error = errorOf({
      endpoints: [{ url: 'https://a.example', unsigned: true, headers: { [name]: 'x' } }],
    });
    expect(error.field).toBe(`endpoints[0].headers.${name}`);
    expect(error.message).toContain('reserved');
  });

  it.each([
    [{ timeoutMs: Number.NaN }, 'timeoutMs'],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, 'timeoutMs'],
    [{ maxBodyBytes: 1.5 }, 'maxBodyBytes'],
    [{ retry: { jitter: Number.NaN } }, 'retry.jitter'],
    [{ retry: { delays: [Number.NaN] } }, 'retry.delays[0]'],
    [{ circuitBreaker: { cooldownMs: -1 } }, 'circuitBreaker.cooldownMs'],
    [{ closeTimeoutMs: '10' }, 'closeTimeoutMs'],
    [{ blockPrivateNetworks: 'true' }, 'blockPrivateNetworks'],
  ])('refuses the non-finite or out-of-range number in %j', (options, field) => {
    expect(errorOf(options).field).toBe(field);
  });

  it('tells a URL without a scheme to add https://', () => {
    const error = errorOf({ endpoints: [{ url: 'crm.example.com/bot-events', unsigned: true }] });
    expect(error.field).toBe('endpoints[0].url');
    expect(error.message).toContain('add https://');
  });
});

describe('inspecting an instance', () => {
  it('shows no secret, credential or custom header value in util.inspect, console.log or JSON', async () => {
    const { inspect } = await import('node:util');
    const { threadEngine } = await import('./thread-engine/thread-engine');
    for (const engine of [undefined, threadEngine()]) {
      const hooks = createWebhooks({
        logger: false,
        ...(engine && { engine }),
        endpoints: [
          {
            url: 'https://user:hunter2pass@a.example/hooks?token=qu3rytok3n',
            secret: SECRET,
            headers: { 'x-api-key': 'h3aderv4lue' },
          },
        ],
      });
      const shown = [
        inspect(hooks, { depth: 10, showHidden: true }),
        JSON.stringify(hooks),
        inspect(engine),
      ].join('\n');
      for (const secret of [SECRET, SECRET.slice(6), 'hunter2pass', 'qu3rytok3n', 'h3aderv4lue']) {
        expect(shown).not.toContain(secret);
      }
      expect(shown).toContain('https://a.example/hooks');
      await hooks.close({ timeoutMs: 0 });
    }
  });
});
