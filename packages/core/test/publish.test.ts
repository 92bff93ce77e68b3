import { expect, it } from 'vitest';
import { createWebhooks, type MessageEvent, type WebhookEvent } from '../src/index';
import { describeEachEngine, engine, message, onCleanup, receiver, SECRET, webhooks } from './helpers';

describeEachEngine('publish', () => {
  it('is synchronous, returns the webhook-id, and does no I/O on the caller’s stack', async () => {
    const target = await receiver();
    const { hooks } = webhooks({ endpoints: [{ url: target.url(), secret: SECRET }] });
    const id = hooks.publish(message('hello'));
    expect(id).toMatch(/^msg_[0-9a-z]+[0-9A-Za-z_-]{16}$/);
    expect(hooks.endpoints()[0]?.pending).toBe(1);
    await hooks.flush();
    expect(target.requests).toHaveLength(1);
  });

  it('uses a caller-supplied id, so a republished event keeps its webhook-id', async () => {
    const target = await receiver();
    const { hooks } = webhooks({ endpoints: [{ url: target.url(), secret: SECRET }] });
    expect(hooks.publish(message('hello'), { id: 'msg_custom-1' })).toBe('msg_custom-1');
    await hooks.flush();
    expect(target.requests[0]?.headers['webhook-id']).toBe('msg_custom-1');
  });

  it('reports a bad event through error and never throws', async () => {
    const { hooks, of } = webhooks({ endpoints: [{ unsigned: true, url: 'http://127.0.0.1:9/hooks' }] });
    const bad: unknown[] = [
      null,
      'text',
      { type: 'no spaces allowed', data: {} },
      { type: 'message.sent' },
      { type: 'x', data: {}, timestamp: 5 },
    ];
    for (const event of bad) expect(hooks.publish(event as WebhookEvent)).toBeUndefined();
    expect(hooks.publish(message('ok'), { id: 'has.dot' })).toBeUndefined();
    expect(of('error').map((report) => report.code)).toEqual(Array(6).fill('INVALID_EVENT'));
  });

  it('reports an event that cannot be serialised, per endpoint, and goes on', async () => {
    const target = await receiver();
    const { hooks, of } = webhooks({ endpoints: [{ url: target.url(), secret: SECRET }] });
    const circular = message('circular') as MessageEvent & { data: { self?: unknown } };
    circular.data.self = circular;
    const bigint = message('bigint') as MessageEvent & { data: { big?: bigint } };
    bigint.data.big = 10n;
    expect(() => hooks.publish(circular)).not.toThrow();
    expect(() => hooks.publish(bigint)).not.toThrow();
    hooks.publish(message('fine'));
    await hooks.flush();

    expect(of('error').map((report) => report.code)).toEqual([
      'UNSERIALIZABLE_EVENT',
      'UNSERIALIZABLE_EVENT',
    ]);
    expect(of('dropped').map((event) => event.reason)).toEqual(['unserializable', 'unserializable']);
    expect(target.requests).toHaveLength(1);
  });

  it('drops a body over maxBodyBytes with a reason', async () => {
    const target = await receiver();
    const { hooks, of } = webhooks({ endpoints: [{ url: target.url(), secret: SECRET }] });
    hooks.publish(message('x'.repeat(300 * 1024)));
    hooks.publish(message('é'.repeat(200 * 1024))); // 200 K characters, 400 KB of UTF-8
    hooks.publish(message('small'));
    await hooks.flush();
    expect(of('dropped').map((event) => event.reason)).toEqual(['payload-too-large', 'payload-too-large']);
    expect(target.requests).toHaveLength(1);
  });

  it('filters by event type, interaction and predicate', async () => {
    const target = await receiver();
    const { hooks } = webhooks({
      endpoints: [
        { unsigned: true, id: 'sent-only', url: target.url('/sent'), events: ['message.sent'] },
        { unsigned: true, id: 'all-messages', url: target.url('/all') },
        { unsigned: true, id: 'orders', url: target.url('/orders'), interactions: ['order'] },
        {
          unsigned: true,
          id: 'vip',
          url: target.url('/vip'),
          filter: (event) => (event as MessageEvent).data.user?.id === 'vip',
        },
      ],
    });
    hooks.publish(message('plain'));
    hooks.publish({ ...message('reply'), type: 'message.sent' });
    hooks.publish(message('ordering', '42', { interaction: 'order' }));
    hooks.publish(message('from a vip', 'vip'));
    hooks.publish({ type: 'custom.thing', timestamp: new Date().toISOString(), data: {} });
    await hooks.flush();

    const textsAt = (path: string) =>
      target.on(path).map((request) => request.json<MessageEvent>().data.message.text);
    expect(textsAt('/sent')).toEqual(['reply']);
    expect(textsAt('/all')).toEqual(['plain', 'reply', 'ordering', 'from a vip']);
    expect(textsAt('/orders')).toEqual(['ordering']);
    expect(textsAt('/vip')).toEqual(['from a vip']);
  });

  it("sends target: 'interaction' events only to the endpoints of that interaction", async () => {
    const target = await receiver();
    const { hooks } = webhooks({
      endpoints: [
        { unsigned: true, id: 'everything', url: target.url('/all') },
        { unsigned: true, id: 'orders', url: target.url('/orders'), interactions: ['order'] },
        { unsigned: true, id: 'quotes', url: target.url('/quotes'), interactions: ['quote'] },
      ],
    });
    hooks.publish(message('tagged later', '42', { interaction: 'order' }), { target: 'interaction' });
    await hooks.flush();
    expect(target.requests.map((request) => request.path)).toEqual(['/orders']);
  });

  it('reports a throwing filter or transform and skips only that endpoint', async () => {
    const target = await receiver();
    const { hooks, of } = webhooks({
      endpoints: [
        {
          unsigned: true,
          id: 'bad-filter',
          url: target.url('/a'),
          filter: () => {
            throw new Error('filter bug');
          },
        },
        {
          unsigned: true,
          id: 'bad-transform',
          url: target.url('/b'),
          transform: () => {
            throw new Error('transform bug');
          },
        },
        { unsigned: true, id: 'undefined-transform', url: target.url('/c'), transform: () => undefined },
        {
          unsigned: true,
          id: 'custom-body',
          url: target.url('/d'),
          transform: (event) => ({ text: (event as MessageEvent).data.message.text }),
        },
      ],
    });
    hooks.publish(message('hello'));
    await hooks.flush();

    expect(of('error').map((report) => [report.code, report.endpointId])).toEqual([
      ['FILTER_FAILED', 'bad-filter'],
      ['TRANSFORM_FAILED', 'bad-transform'],
    ]);
    expect(of('dropped').map((event) => [event.endpointId, event.reason])).toEqual([
      ['bad-transform', 'transform-failed'],
      ['undefined-transform', 'transform-failed'],
    ]);
    expect(target.requests.map((request) => [request.path, request.body])).toEqual([
      ['/d', '{"text":"hello"}'],
    ]);
  });

  it('isolates listeners that throw', async () => {
    const target = await receiver();
    const logged: string[] = [];
    const hooks = createWebhooks({
      engine: engine(),
      endpoints: [{ url: target.url(), secret: SECRET }],
      logger: { warn: (text) => logged.push(text), error: (text) => logged.push(text) },
    });
    onCleanup(() => hooks.close({ timeoutMs: 0 }));
    let called = 0;
    hooks.on('delivered', () => {
      throw new Error('listener bug');
    });
    hooks.on('delivered', () => {
      called += 1;
    });
    hooks.publish(message('hello'));
    await hooks.flush();
    expect(called).toBe(1);
    expect(logged).toEqual([expect.stringContaining('"delivered" listener threw: listener bug')]);
  });

  it('logs problems nobody listens to, and only those', async () => {
    const target = await receiver();
    target.setDefault({ status: 500 });
    const logged: string[] = [];
    const hooks = createWebhooks({
      engine: engine(),
      endpoints: [{ id: 'down', url: target.url(), secret: SECRET }],
      retry: false,
      queue: { maxSize: 1 },
      logger: { warn: (text) => logged.push(`warn ${text}`), error: (text) => logged.push(`error ${text}`) },
    });
    onCleanup(() => hooks.close({ timeoutMs: 0 }));
    hooks.publish(message('one'));
    hooks.publish(message('two'));
    await hooks.flush();
    expect(logged).toEqual([
      expect.stringMatching(/^warn \[bothooks\] dropped msg_[\w-]+ for "down" \(queue-full\)/),
      expect.stringMatching(
        /^warn \[bothooks\] delivery of msg_[\w-]+ to "down" failed after 1 attempt\(s\): HTTP_STATUS/,
      ),
    ]);

    logged.length = 0;
    hooks.on('failed', () => undefined);
    hooks.publish(message('three'));
    await hooks.flush();
    expect(logged).toEqual([]);
  });

  it('never puts a secret or its key in events, errors or logs', async () => {
    const target = await receiver();
    target.setDefault({ status: 500 });
    const secret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
    const key = Buffer.from(secret.slice(6), 'base64');
    const logged: string[] = [];
    const { hooks, events } = webhooks({
      endpoints: [{ url: `${target.url()}`, secret, headers: { authorization: 'Bearer hunter2' } }],
      retry: { delays: [1] },
      logger: { warn: (text) => logged.push(text), error: (text) => logged.push(text) },
    });
    hooks.publish(message('hello'));
    await hooks.flush();
    await hooks.close();
    const everything = JSON.stringify({ events, logged, endpoints: hooks.endpoints() });
    expect(events.length).toBeGreaterThan(0);
    for (const needle of [
      secret,
      secret.slice(6),
      key.toString('hex'),
      key.toString('base64url'),
      'hunter2',
    ]) {
      expect(everything).not.toContain(needle);
    }
  });
});
