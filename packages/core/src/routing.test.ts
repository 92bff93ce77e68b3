import { describe, expect, it } from 'vitest';
import type { ResolvedEndpoint } from './config';
import { createMessageEvent, type MessageEvent } from './event';
import { resolveEndpoint } from './resolve-endpoint';
import { BUILT_IN_EVENT_TYPES } from './resolve-options';
import { eventProblem, type RouteCandidate, type RouteOptions, routeEvent } from './routing';

// Routing is pure: event and endpoints in, decisions out, no sockets. A sink that records them is all it needs.

const DEFAULTS = { timeoutMs: 1_000, maxConcurrency: 1, eventTypes: BUILT_IN_EVENT_TYPES };

function endpoint(config: Record<string, unknown>, disabled = false): RouteCandidate {
  return {
    endpoint: resolveEndpoint(
      { unsigned: true, url: 'https://a.example/hooks', ...config },
      'endpoint',
      DEFAULTS,
    ),
    disabled,
  };
}

function route(event: MessageEvent, candidates: RouteCandidate[], options: Partial<RouteOptions> = {}) {
  const decisions: unknown[] = [];
  routeEvent(
    event,
    candidates,
    { target: 'all', maxBodyBytes: 262_144, ...options },
    {
      job: (to: ResolvedEndpoint, body, lane) => decisions.push({ job: to.id, body, lane }),
      drop: (to: ResolvedEndpoint, reason) => decisions.push({ drop: to.id, reason }),
      problem: (error, source, to: ResolvedEndpoint) =>
        decisions.push({ problem: source, endpoint: to.id, message: (error as Error).message }),
    },
  );
  return decisions;
}

const event = createMessageEvent('message.received', {
  platform: 'telegram',
  direction: 'inbound',
  bot: { id: '1' },
  conversation: { id: '42' },
  message: { text: 'hello', attachments: [] },
  interaction: 'order',
});

describe('routeEvent', () => {
  it('serialises the envelope once for every endpoint without a transform, and lanes ordered endpoints', () => {
    const decisions = route(event, [
      endpoint({ id: 'a' }),
      endpoint({ id: 'b', ordering: 'conversation' }),
      endpoint({ id: 'c', transform: (value: MessageEvent) => ({ text: value.data.message.text }) }),
    ]);
    const body = JSON.stringify(event);
    expect(decisions).toEqual([
      { job: 'a', body, lane: undefined },
      { job: 'b', body, lane: 'telegram:42' },
      { job: 'c', body: '{"text":"hello"}', lane: undefined },
    ]);
  });

  it('applies event types, interaction scopes, the interaction target and filters', () => {
    const candidates = [
      endpoint({ id: 'sent-only', events: ['message.sent'] }),
      endpoint({ id: 'orders', interactions: ['order'] }),
      endpoint({ id: 'support', interactions: ['support'] }),
      endpoint({ id: 'filtered', filter: () => false }),
      endpoint({ id: 'everything', events: ['*'] }),
    ];
    expect(route(event, candidates).map((decision) => (decision as { job: string }).job)).toEqual([
      'orders',
      'everything',
    ]);
    expect(route(event, candidates, { target: 'interaction' })).toEqual([
      expect.objectContaining({ job: 'orders' }),
    ]);
    expect(route(event, candidates, { endpointId: 'everything' })).toEqual([
      expect.objectContaining({ job: 'everything' }),
    ]);
  });

  it('drops with a reason, and reports the user code that threw without throwing', () => {
    const decisions = route(event, [
      endpoint({
        id: 'bad-filter',
        filter: () => {
          throw new Error('filter bug');
        },
      }),
      endpoint({
        id: 'bad-transform',
        transform: () => {
          throw new Error('transform bug');
        },
      }),
      endpoint({ id: 'nothing', transform: () => undefined }),
      endpoint({ id: 'off' }, true),
    ]);
    expect(decisions).toEqual([
      { problem: 'filter', endpoint: 'bad-filter', message: 'filter bug' },
      { problem: 'transform', endpoint: 'bad-transform', message: 'transform bug' },
      { drop: 'bad-transform', reason: 'transform-failed' },
      { drop: 'nothing', reason: 'transform-failed' },
      { drop: 'off', reason: 'endpoint-disabled' },
    ]);
  });

  it('drops a body over maxBodyBytes, counting bytes rather than characters', () => {
    const wide = createMessageEvent('message.received', {
      ...event.data,
      message: { text: 'é'.repeat(60), attachments: [] },
    });
    const limit = JSON.stringify(wide).length + 10; // fits in characters, not in UTF-8 bytes
    expect(route(wide, [endpoint({ id: 'a' })], { maxBodyBytes: limit })).toEqual([
      { drop: 'a', reason: 'payload-too-large' },
    ]);
  });

  it('reports an unserialisable event once, and drops it for each endpoint', () => {
    const circular = createMessageEvent('message.received', { ...event.data, attributes: {} });
    (circular.data.attributes as Record<string, unknown>).self = circular;
    expect(route(circular, [endpoint({ id: 'a' }), endpoint({ id: 'b' })])).toEqual([
      expect.objectContaining({ problem: 'publish', endpoint: 'a' }),
      { drop: 'a', reason: 'unserializable' },
      { drop: 'b', reason: 'unserializable' },
    ]);
  });
});

describe('eventProblem', () => {
  it.each([
    [null, undefined, 'the event must be an object'],
    [{ type: 'no spaces allowed', data: {} }, undefined, 'event.type'],
    [{ type: 'message.received', data: null }, undefined, 'event.data'],
    [{ type: 'message.received', data: {}, timestamp: 5 }, undefined, 'event.timestamp'],
    [{ type: 'message.received', data: {} }, { id: 'has.dot' }, 'options.id'],
  ])('refuses %j (options %j)', (candidate, options, message) => {
    expect(eventProblem(candidate as never, options)).toContain(message);
  });

  it('accepts a well-formed event and id', () => {
    expect(eventProblem(event, { id: 'msg_abc-123' })).toBeUndefined();
  });
});
