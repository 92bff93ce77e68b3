import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { durableWebhooks, message, receiver, redisServer, SECRET, until } from './helpers';
import { requireRedisServer } from './redis-server';

// The SDK's in-memory exporter, registered once for this file: what an application's OpenTelemetry setup does.
const spans = new InMemorySpanExporter();
beforeAll(() => {
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
  );
});
afterEach(() => {
  spans.reset();
});

function attemptSpans(): ReadableSpan[] {
  return spans
    .getFinishedSpans()
    .filter((span) => span.instrumentationScope.name === '@bothooks/core')
    .sort((a, b) => Number(a.attributes['bothooks.attempt']) - Number(b.attributes['bothooks.attempt']));
}

const milliseconds = (span: ReadableSpan | undefined) =>
  span ? span.duration[0] * 1_000 + span.duration[1] / 1_000_000 : 0;

describe.runIf(requireRedisServer())('bullmqEngine: OpenTelemetry', () => {
  it('times every attempt a worker makes, the failed ones as well as the delivered one', async () => {
    const redis = await redisServer();
    const target = await receiver();
    target.script([
      { status: 500, delayMs: 80 },
      { status: 503, delayMs: 80 },
      { status: 204, delayMs: 80 },
    ]);
    const { hooks } = durableWebhooks(redis, {
      endpoints: [{ id: 'crm', url: target.url(), secret: SECRET }],
      retry: { delays: [20, 20] },
    });
    hooks.publish(message('timed'));
    await until(() => attemptSpans().length === 3, 10_000, 'three attempt spans');

    const [first, second, third] = attemptSpans();
    expect(first?.attributes).toMatchObject({
      'bothooks.outcome': 'retrying',
      'http.response.status_code': 500,
    });
    expect(second?.attributes).toMatchObject({
      'bothooks.outcome': 'retrying',
      'http.response.status_code': 503,
    });
    expect(third?.attributes).toMatchObject({
      'bothooks.outcome': 'delivered',
      'http.response.status_code': 204,
    });
    // Each attempt waited 80 ms for its answer, and its span says so.
    for (const span of [first, second, third]) expect(milliseconds(span)).toBeGreaterThanOrEqual(70);
  });

  it('times the last attempt of a delivery that finally failed', async () => {
    const redis = await redisServer();
    const target = await receiver();
    target.respondWith(() => ({ status: 500, delayMs: 80 }));
    const { hooks, of } = durableWebhooks(redis, {
      endpoints: [{ id: 'crm', url: target.url(), secret: SECRET }],
      retry: { delays: [20] },
    });
    hooks.publish(message('gives up'));
    await until(() => of('failed').length === 1, 10_000, 'the delivery failed');
    await until(() => attemptSpans().length === 2, 5_000, 'two attempt spans');
    const last = attemptSpans()[1];
    expect(last?.attributes).toMatchObject({ 'bothooks.outcome': 'failed' });
    expect(milliseconds(last)).toBeGreaterThanOrEqual(70);
  });
});
