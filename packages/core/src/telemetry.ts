import { createRequire } from 'node:module';
import type * as OpenTelemetry from '@opentelemetry/api';
import type { ResolvedEndpoint } from './config';
import { VERSION } from './defaults';
import type { ErrorInfo } from './events';

/** The span that was active when an event was published: its context, and that context as a `traceparent`. */
export interface PublishTrace {
  readonly spanContext: OpenTelemetry.SpanContext;
  readonly traceparent: string;
}

/** What one delivery attempt did, for its span and its latency. */
export interface AttemptRecord {
  messageId: string;
  endpoint: ResolvedEndpoint;
  eventType: string;
  /** Attempts made so far, this one included. */
  attempts: number;
  outcome: 'delivered' | 'retrying' | 'failed';
  durationMs: number;
  status?: number | undefined;
  error?: ErrorInfo | undefined;
  trace?: PublishTrace | undefined;
}

/** OpenTelemetry for one `Webhooks` instance: spans per attempt, delivery counters and the queue's depth. */
export interface Telemetry {
  /** The active span at publish time, or undefined when none is active (the common case: nothing to carry). */
  capture(): PublishTrace | undefined;
  /** A finished attempt: one client span (ended now, started `durationMs` ago) and one latency measurement. */
  attempt(record: AttemptRecord): void;
  /** A delivery that ended: delivered, failed or dropped. */
  settled(
    kind: 'delivered' | 'failed' | 'dropped',
    endpointId: string | undefined,
    eventType: string,
    reason?: string,
  ): void;
}

const NAME = '@bothooks/core';

/**
 * Loads `@opentelemetry/api` if the application has it (an optional peer dependency: nothing changes without it)
 * and returns the instruments, or undefined. The API keeps its providers on a global, so whichever copy is
 * loaded here sees the SDK the application registered, before or after this call.
 */
export function createTelemetry(queueDepths: () => Iterable<[string, number]>): Telemetry | undefined {
  const api = loadOpenTelemetry();
  if (!api) return undefined;
  const tracer = api.trace.getTracer(NAME, VERSION);
  const meter = api.metrics.getMeter(NAME, VERSION);
  const delivered = meter.createCounter('bothooks.webhook.delivered', {
    description: 'Webhooks delivered (2xx), per endpoint and event type',
  });
  const failed = meter.createCounter('bothooks.webhook.failed', {
    description: 'Webhooks that finally failed (retries exhausted, 410, refused by the receiver)',
  });
  const dropped = meter.createCounter('bothooks.webhook.dropped', {
    description: 'Webhooks dropped without being delivered, per reason',
  });
  const duration = meter.createHistogram('bothooks.webhook.attempt.duration', {
    description: 'Duration of one delivery attempt',
    unit: 's',
  });
  meter
    .createObservableGauge('bothooks.webhook.queue.depth', {
      description: 'Deliveries handed to the engine and not yet settled, per endpoint',
    })
    .addCallback((result) => {
      for (const [endpointId, depth] of queueDepths())
        result.observe(depth, { 'bothooks.endpoint.id': endpointId });
    });

  return {
    capture: () => {
      const spanContext = api.trace.getSpan(api.context.active())?.spanContext();
      if (!spanContext || !api.trace.isSpanContextValid(spanContext)) return undefined;
      const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
      return { spanContext, traceparent: `00-${spanContext.traceId}-${spanContext.spanId}-${flags}` };
    },
    attempt: (record) => {
      const { endpoint } = record;
      const url = endpoint.url;
      const attributes: OpenTelemetry.Attributes = {
        'http.request.method': 'POST',
        'server.address': url.hostname,
        'server.port': Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
        'url.scheme': url.protocol.slice(0, -1),
        // The path only: a query may hold a token, and the credentials are never in the URL by now.
        'url.path': url.pathname,
        'http.request.resend_count': record.attempts - 1,
        'bothooks.endpoint.id': endpoint.id,
        'bothooks.event.type': record.eventType,
        'bothooks.message.id': record.messageId,
        'bothooks.attempt': record.attempts,
        'bothooks.outcome': record.outcome,
      };
      if (record.status !== undefined) attributes['http.response.status_code'] = record.status;
      if (record.error) attributes['error.type'] = record.error.code;
      const end = Date.now();
      const parent = record.trace
        ? api.trace.setSpanContext(api.context.active(), record.trace.spanContext)
        : api.context.active();
      const span = tracer.startSpan(
        'POST',
        {
          kind: api.SpanKind.CLIENT,
          startTime: end - record.durationMs,
          attributes,
          ...(record.trace && { links: [{ context: record.trace.spanContext }] }),
        },
        parent,
      );
      if (record.error) span.setStatus({ code: api.SpanStatusCode.ERROR, message: record.error.code });
      span.end(end);
      duration.record(record.durationMs / 1000, {
        'bothooks.endpoint.id': endpoint.id,
        'bothooks.event.type': record.eventType,
        'bothooks.outcome': record.outcome,
        ...(record.status !== undefined && { 'http.response.status_code': record.status }),
      });
    },
    settled: (kind, endpointId, eventType, reason) => {
      const attributes: OpenTelemetry.Attributes = {
        'bothooks.endpoint.id': endpointId ?? '',
        'bothooks.event.type': eventType,
      };
      if (kind === 'delivered') delivered.add(1, attributes);
      else if (kind === 'failed') failed.add(1, attributes);
      else dropped.add(1, { ...attributes, 'bothooks.drop.reason': reason ?? '' });
    },
  };
}

function loadOpenTelemetry(): typeof OpenTelemetry | undefined {
  try {
    // Resolved from this package's own location, the way `import '@opentelemetry/api'` in core would be.
    return createRequire(import.meta.url)('@opentelemetry/api') as typeof OpenTelemetry;
  } catch {
    return undefined;
  }
}
