import type { RecordedRequest } from '@bothooks/testkit';
import { expect, it } from 'vitest';
import type { MessageEvent } from '../src/index';
import { describeEachEngine, message, receiver, SECRET, until, webhooks } from './helpers';

function texts(requests: RecordedRequest[]): string[] {
  return requests.map((request) => request.json<MessageEvent>().data.message.text ?? '');
}

describeEachEngine('queue', () => {
  it('drops the newest event with a dropped event when an endpoint queue is full', async () => {
    const target = await receiver();
    const release = target.hold();
    const { hooks, of } = webhooks({
      endpoints: [{ id: 'slow', url: target.url(), secret: SECRET }],
      queue: { maxSize: 2 },
    });
    const ids = ['a', 'b', 'c', 'd', 'e'].map((text) => hooks.publish(message(text)));
    release();
    await hooks.flush();

    expect(texts(target.requests).sort()).toEqual(['a', 'b']);
    expect(of('dropped')).toEqual(
      ids
        .slice(2)
        .map((messageId) => expect.objectContaining({ messageId, endpointId: 'slow', reason: 'queue-full' })),
    );
  });

  it('evicts the oldest waiting event instead with drop-oldest', async () => {
    const target = await receiver();
    const release = target.hold();
    const { hooks, of } = webhooks({
      endpoints: [{ url: target.url(), secret: SECRET }],
      maxConcurrency: 1,
      queue: { maxSize: 2, overflow: 'drop-oldest' },
    });
    hooks.publish(message('a'));
    await target.waitFor(1); // 'a' is in flight and cannot be evicted
    for (const text of ['b', 'c', 'd']) hooks.publish(message(text));
    release();
    await hooks.flush();

    expect(texts(target.requests)).toEqual(['a', 'd']);
    expect(of('dropped').map((event) => event.reason)).toEqual(['evicted', 'evicted']);
  });

  it("keeps each conversation in order while one conversation's deliveries fail", async () => {
    const target = await receiver();
    let failuresLeft = 3;
    target.respondWith((request) => {
      const event = request.json<MessageEvent>();
      if (event.data.conversation.id === 'A' && failuresLeft > 0) {
        failuresLeft -= 1;
        return { status: 500 };
      }
      return undefined;
    });
    const { hooks } = webhooks({
      endpoints: [{ url: target.url(), secret: SECRET, ordering: 'conversation' }],
      retry: { delays: [30, 30, 30, 30], jitter: 0 },
    });
    for (let index = 1; index <= 5; index += 1) {
      hooks.publish(message(`A${index}`, 'A'));
      hooks.publish(message(`B${index}`, 'B'));
    }
    await hooks.flush();

    const delivered = texts(target.requests);
    // A1 was attempted four times (three failures), and every later A waited behind it...
    expect(delivered.filter((text) => text === 'A1')).toHaveLength(4);
    expect(delivered.filter((text) => text.startsWith('A')).slice(3)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    // ...while B, another conversation, went through in order without waiting for A.
    expect(delivered.filter((text) => text.startsWith('B'))).toEqual(['B1', 'B2', 'B3', 'B4', 'B5']);
    expect(delivered.lastIndexOf('B5')).toBeLessThan(delivered.lastIndexOf('A1'));
  });

  it('delivers 10,000 events to 3 healthy endpoints exactly once each', async () => {
    const targets = await Promise.all([receiver(), receiver(), receiver()]);
    const { hooks, of } = webhooks({
      endpoints: targets.map((target, index) => ({ id: `e${index}`, url: target.url(), secret: SECRET })),
    });
    const ids = new Set<string>();
    for (let index = 0; index < 10_000; index += 1)
      ids.add(hooks.publish(message(`m${index}`, `c${index % 50}`)) ?? '');
    const result = await hooks.flush({ timeoutMs: 60_000 });

    expect(result).toEqual({ settled: true, pending: 0 });
    expect(ids.size).toBe(10_000);
    for (const target of targets) {
      const received = target.requests.map((request) => String(request.headers['webhook-id']));
      expect(received).toHaveLength(10_000);
      expect(new Set(received)).toEqual(ids);
      expect(target.requests.every((request) => request.verified)).toBe(true);
    }
    expect(of('delivered')).toHaveLength(30_000);
    expect(of('dropped')).toEqual([]);
    expect(of('failed')).toEqual([]);
  }, 60_000);

  it('lets a healthy endpoint finish while a dead one holds every connection it may use', async () => {
    const dead = await receiver();
    dead.setDefault({ hang: true });
    const healthy = await receiver();
    const { hooks, of } = webhooks({
      endpoints: [
        { id: 'dead', url: dead.url(), secret: SECRET, timeoutMs: 60_000 },
        { id: 'healthy', url: healthy.url(), secret: SECRET },
      ],
      maxConcurrency: 4,
    });
    for (let index = 0; index < 300; index += 1) hooks.publish(message(`m${index}`));
    await until(() => of('delivered').length === 300);
    await dead.waitFor(4);

    expect(of('delivered').filter((event) => event.endpointId === 'healthy')).toHaveLength(300);
    // The dead endpoint answered nothing, yet holds no more than its own connection limit.
    expect(of('delivered').filter((event) => event.endpointId === 'dead')).toHaveLength(0);
    expect(dead.requests).toHaveLength(4);
    expect(dead.openConnections()).toBe(4);
    expect(hooks.endpoints().find((endpoint) => endpoint.id === 'dead')?.pending).toBe(300);
  });

  it('pauses a failing endpoint, probes it, and delivers everything once it recovers', async () => {
    const target = await receiver();
    let circuitOpenedAfter: number[] = [];
    // Four failures: three open the circuit, the first probe fails too; the second probe succeeds.
    target.respondWith((request) => (target.requests.indexOf(request) < 4 ? { status: 500 } : undefined));
    const { hooks, of } = webhooks({
      endpoints: [{ id: 'flaky', url: target.url(), secret: SECRET }],
      maxConcurrency: 1,
      retry: { delays: Array.from({ length: 20 }, () => 5), jitter: 0 },
      circuitBreaker: { failureThreshold: 3, cooldownMs: 200 },
    });
    hooks.on('circuit-open', () => {
      circuitOpenedAfter = [...circuitOpenedAfter, target.requests.length];
      expect(hooks.endpoints()[0]).toMatchObject({ state: 'circuit-open', pending: 5 });
    });
    for (let index = 0; index < 5; index += 1) hooks.publish(message(`m${index}`));
    await hooks.flush();

    expect(circuitOpenedAfter).toEqual([3, 4]);
    expect(of('circuit-open')).toEqual([
      { endpointId: 'flaky', cooldownMs: 200 },
      { endpointId: 'flaky', cooldownMs: 400 },
    ]);
    // While open, nothing was attempted: each probe came no sooner than the pause.
    const arrivals = target.requests.map((request) => request.arrivedAt);
    expect((arrivals[3] ?? 0) - (arrivals[2] ?? 0)).toBeGreaterThanOrEqual(195);
    expect((arrivals[4] ?? 0) - (arrivals[3] ?? 0)).toBeGreaterThanOrEqual(395);
    expect(of('circuit-closed')).toHaveLength(1);
    expect(of('delivered')).toHaveLength(5);
    expect(of('failed')).toEqual([]);
    expect(target.requests).toHaveLength(9);
  });

  it('flush() resolves when everything published before it is settled, and can time out', async () => {
    const target = await receiver();
    const release = target.hold();
    const { hooks } = webhooks({ endpoints: [{ url: target.url(), secret: SECRET }] });
    hooks.publish(message('one'));
    hooks.publish(message('two'));
    expect(await hooks.flush({ timeoutMs: 50 })).toEqual({ settled: false, pending: 2 });
    release();
    expect(await hooks.flush()).toEqual({ settled: true, pending: 0 });
    expect(await hooks.flush()).toEqual({ settled: true, pending: 0 });
  });

  it('close() reports what it could not deliver, and refuses later events', async () => {
    const target = await receiver();
    target.setDefault({ hang: true });
    const { hooks, of } = webhooks({
      endpoints: [{ id: 'stuck', url: target.url(), secret: SECRET }],
      maxConcurrency: 1,
    });
    const ids = ['a', 'b', 'c'].map((text) => hooks.publish(message(text)));
    await target.waitFor(1);
    const result = await hooks.close({ timeoutMs: 100 });

    expect(result.undelivered).toEqual(
      ids.map((messageId, index) =>
        expect.objectContaining({
          messageId,
          endpointId: 'stuck',
          type: 'message.received',
          attempts: index === 0 ? 1 : 0,
        }),
      ),
    );
    expect(of('dropped').map((event) => event.reason)).toEqual(['shutdown', 'shutdown', 'shutdown']);
    const late = hooks.publish(message('late'));
    expect(of('dropped').at(-1)).toMatchObject({ messageId: late, endpointId: undefined, reason: 'closed' });
    expect(await hooks.close()).toBe(result);
    expect(target.openConnections()).toBe(0);
  });

  it('close() drains what it can within its timeout', async () => {
    const target = await receiver();
    target.setDefault({ delayMs: 50 });
    const { hooks, of } = webhooks({ endpoints: [{ url: target.url(), secret: SECRET }] });
    for (let index = 0; index < 5; index += 1) hooks.publish(message(`m${index}`));
    expect(await hooks.close({ timeoutMs: 5_000 })).toEqual({ undelivered: [] });
    expect(of('delivered')).toHaveLength(5);
  });

  it('removeEndpoint() reports the deliveries it cancels', async () => {
    const target = await receiver();
    target.setDefault({ hang: true });
    const { hooks, of } = webhooks({ endpoints: [{ id: 'old', url: target.url(), secret: SECRET }] });
    hooks.publish(message('a'));
    hooks.publish(message('b'));
    expect(hooks.removeEndpoint('old')).toBe(true);
    expect(hooks.removeEndpoint('old')).toBe(false);
    expect(of('dropped').map((event) => [event.endpointId, event.reason])).toEqual([
      ['old', 'endpoint-removed'],
      ['old', 'endpoint-removed'],
    ]);
    expect(hooks.endpoints()).toEqual([]);
  });
});
