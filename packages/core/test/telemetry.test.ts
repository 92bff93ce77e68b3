import { context, metrics, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, message, receiver, SECRET, until, webhooks } from './helpers';

// The SDK's in-memory exporters, registered once for this file: what an application's OpenTelemetry setup does.
const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 });
beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
  );
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
});
afterEach(() => {
  spans.reset();
});

const tracer = trace.getTracer('the-bot');

async function metricValues(): Promise<
  Map<string, { attributes: Record<string, unknown>; value: unknown }[]>
> {
  await reader.forceFlush();
  const found = new Map<string, { attributes: Record<string, unknown>; value: unknown }[]>();
  for (const resource of metricExporter.getMetrics().slice(-1)) {
    for (const scope of resource.scopeMetrics) {
      if (scope.scope.name !== '@bothooks/core') continue;
      for (const metric of scope.metrics) {
        found.set(
          metric.descriptor.name,
          metric.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value })),
        );
      }
    }
  }
  return found;
}

function attemptSpans(): ReadableSpan[] {
  return spans.getFinishedSpans().filter((span) => span.instrumentationScope.name === '@bothooks/core');
}

describeEachEngine('OpenTelemetry', (engine) => {
  it('makes each attempt a client span under the publishing span, and sends its traceparent', async () => {
    const target = await receiver();
    target.script([{ status: 500 }, { status: 204 }]);
    const { hooks } = webhooks({
      endpoints: [{ id: 'crm', url: `${target.origin}/hooks?token=qu3rytok3n`, secret: SECRET }],
    });
    const handled = tracer.startActiveSpan('handle message', (span) => {
      hooks.publish(message('hello'));
      span.end();
      return span.spanContext();
    });
    await hooks.flush();

    const traceparent = `00-${handled.traceId}-${handled.spanId}-01`;
    expect(target.requests.map((request) => request.headers.traceparent)).toEqual([traceparent, traceparent]);
    expect(target.requests.every((request) => request.verified)).toBe(true);
    await until(() => attemptSpans().length === 2);
    const [first, second] = attemptSpans();
    for (const span of [first, second]) {
      expect(span?.kind).toBe(SpanKind.CLIENT);
      expect(span?.name).toBe('POST');
      expect(span?.spanContext().traceId).toBe(handled.traceId);
      expect(span?.parentSpanContext?.spanId).toBe(handled.spanId);
      expect(span?.links.map((link) => link.context.spanId)).toEqual([handled.spanId]);
    }
    expect(first?.attributes).toMatchObject({
      'bothooks.endpoint.id': 'crm',
      'bothooks.event.type': 'message.received',
      'bothooks.attempt': 1,
      'bothooks.outcome': 'retrying',
      'http.response.status_code': 500,
      'error.type': 'HTTP_STATUS',
      'url.path': '/hooks',
      'server.address': '127.0.0.1',
    });
    expect(second?.attributes).toMatchObject({ 'bothooks.attempt': 2, 'bothooks.outcome': 'delivered' });
    // Never the query's token, the secret or the message itself in what telemetry records.
    const recorded = JSON.stringify(attemptSpans().map((span) => span.attributes));
    for (const secret of ['qu3rytok3n', SECRET, 'hello']) expect(recorded).not.toContain(secret);
  });

  it('sends no traceparent when no span is active, and still records the attempt', async () => {
    const target = await receiver();
    const { hooks } = webhooks({ endpoints: [{ url: target.url(), secret: SECRET }] });
    hooks.publish(message('no span'));
    await hooks.flush();
    expect(target.requests[0]?.headers.traceparent).toBeUndefined();
    await until(() => attemptSpans().length === 1);
    expect(attemptSpans()[0]?.parentSpanContext).toBeUndefined();
  });

  it('counts delivered, failed and dropped deliveries, times attempts and reports the queue depth', async () => {
    const target = await receiver();
    const release = target.hold();
    target.script([{ status: 204 }, { status: 400, headers: { 'webhook-delivery': 'abort-message' } }]);
    // The counters are cumulative over this file: an endpoint of its own per engine.
    const endpointId = `metrics-${engine}`;
    const { hooks } = webhooks({
      endpoints: [{ id: endpointId, url: target.url(), secret: SECRET }],
      maxConcurrency: 1,
      queue: { maxSize: 2 },
    });
    for (const text of ['one', 'two', 'three']) hooks.publish(message(text));
    await target.waitFor(1);
    const depth = (await metricValues()).get('bothooks.webhook.queue.depth');
    expect(depth).toContainEqual({ attributes: { 'bothooks.endpoint.id': endpointId }, value: 2 });
    release();
    await hooks.flush();

    const values = await metricValues();
    const counted = (name: string) =>
      (values.get(name) ?? []).filter((point) => point.attributes['bothooks.endpoint.id'] === endpointId);
    expect(counted('bothooks.webhook.delivered')).toEqual([
      { attributes: expect.objectContaining({ 'bothooks.event.type': 'message.received' }), value: 1 },
    ]);
    expect(counted('bothooks.webhook.failed').map((point) => point.value)).toEqual([1]);
    expect(counted('bothooks.webhook.dropped')).toEqual([
      { attributes: expect.objectContaining({ 'bothooks.drop.reason': 'queue-full' }), value: 1 },
    ]);
    const durations = counted('bothooks.webhook.attempt.duration');
    expect(durations.reduce((sum, point) => sum + (point.value as { count: number }).count, 0)).toBe(2);
  });

  it('records nothing with telemetry: false', async () => {
    const target = await receiver();
    const { hooks } = webhooks({ endpoints: [{ url: target.url(), secret: SECRET }], telemetry: false });
    tracer.startActiveSpan('handle message', (span) => {
      hooks.publish(message('quiet'));
      span.end();
    });
    await hooks.flush();
    expect(target.requests[0]?.headers.traceparent).toBeUndefined();
    expect(attemptSpans()).toEqual([]);
  });
});
