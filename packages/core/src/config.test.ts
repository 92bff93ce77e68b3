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
    [{ endpoints: [{ url: 'not a url' }] }, 'endpoints[0].url'],
    [{ endpoints: [{ url: 'ftp://example.com/hooks' }] }, 'endpoints[0].url'],
    [{ endpoints: [{ url: 'https://a.example' }, { url: 'javascript:alert(1)' }] }, 'endpoints[1].url'],
    [
      { endpoints: [{ url: 'https://a.example', secret: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }] },
      'endpoints[0].secret',
    ],
    [{ endpoints: [{ url: 'https://a.example', secret: 'whsec_c2hvcnQ=' }] }, 'endpoints[0].secret'],
    [{ endpoints: [{ url: 'https://a.example', secret: [SECRET, 42] }] }, 'endpoints[0].secret[1]'],
    [{ endpoints: [{ url: 'https://a.example', events: ['message received'] }] }, 'endpoints[0].events[0]'],
    [{ endpoints: [{ url: 'https://a.example', interactions: 'order' }] }, 'endpoints[0].interactions'],
    [
      { endpoints: [{ url: 'https://a.example', headers: { 'webhook-id': 'x' } }] },
      'endpoints[0].headers.webhook-id',
    ],
    [
      { endpoints: [{ url: 'https://a.example', headers: { 'x-a': 'b\r\nx-injected: 1' } }] },
      'endpoints[0].headers.x-a',
    ],
    [
      { endpoints: [{ url: 'https://a.example', headers: { 'bad name': 'x' } }] },
      'endpoints[0].headers.bad name',
    ],
    [{ endpoints: [{ url: 'https://a.example', ordering: 'fifo' }] }, 'endpoints[0].ordering'],
    [{ endpoints: [{ url: 'https://a.example', filter: 'yes' }] }, 'endpoints[0].filter'],
    [{ endpoints: [{ url: 'https://a.example', timeoutMs: 0 }] }, 'endpoints[0].timeoutMs'],
    [{ endpoints: [{ url: 'https://a.example' }, { url: 'https://a.example' }] }, 'endpoints[1].id'],
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
      endpoints: [{ url: 'https://user:pass@a.example/hooks?token=t0k3n' }],
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
});
