import { createWebhooks, type EndpointConfig, type MessageEvent } from '@bothooks/core';
import { eventOfSize, SECRET, sampleEvent } from '../lib/event';
import { startReceiver } from '../lib/receiver';
import { formatNumber, type Table } from '../lib/report';

interface Run {
  perSecond: number;
  cpuMicrosPerDelivery: number;
}

/** Delivers `events` to `endpoints`, measuring deliveries per second and this process's CPU per delivery. */
async function deliver(endpoints: EndpointConfig[], events: MessageEvent[]): Promise<Run> {
  const deliveries = endpoints.length * events.length;
  const hooks = createWebhooks({ endpoints, queue: { maxSize: events.length }, logger: false });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (const event of events) hooks.publish(event);
  await hooks.flush();
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await hooks.close();
  return {
    perSecond: (deliveries / elapsed) * 1000,
    cpuMicrosPerDelivery: (cpu.user + cpu.system) / deliveries,
  };
}

function row(label: string, run: Run): (string | number)[] {
  return [label, formatNumber(run.perSecond), formatNumber(run.cpuMicrosPerDelivery, 1)];
}

export async function scaling(options: { quick: boolean }): Promise<{ tables: Table[]; headline: string }> {
  const total = options.quick ? 4_000 : 20_000;
  const receiver = await startReceiver({ servers: 100 });
  const columns = ['case', 'deliveries/s', 'CPU µs / delivery'];
  try {
    // Warm-up.
    await deliver(
      [{ url: receiver.urls[0] ?? '', secret: SECRET }],
      Array.from({ length: 2_000 }, () => sampleEvent()),
    );

    const endpointRows: (string | number)[][] = [];
    for (const count of [1, 10, 100]) {
      const endpoints = receiver.urls.slice(0, count).map((url) => ({ url, secret: SECRET }));
      const events = Array.from({ length: Math.ceil(total / count) }, () => sampleEvent());
      endpointRows.push(
        row(
          `${count} endpoint(s), ${formatNumber(events.length)} events each`,
          await deliver(endpoints, events),
        ),
      );
    }

    const orderingRows: (string | number)[][] = [];
    const url = receiver.urls[0] ?? '';
    orderingRows.push(
      row(
        "ordering 'none' (baseline)",
        await deliver(
          [{ url, secret: SECRET }],
          Array.from({ length: total }, (_, index) => sampleEvent(String(index % 100))),
        ),
      ),
    );
    for (const conversations of [1, 100, 10_000]) {
      const events = Array.from({ length: total }, (_, index) => sampleEvent(String(index % conversations)));
      orderingRows.push(
        row(
          `ordering 'conversation', ${formatNumber(conversations)} conversation(s)`,
          await deliver([{ url, secret: SECRET, ordering: 'conversation' }], events),
        ),
      );
    }

    const sizeRows: (string | number)[][] = [];
    for (const [label, bytes] of [
      ['200 B', 200],
      ['4 KB', 4 * 1024],
      ['64 KB', 64 * 1024],
    ] as const) {
      const count = bytes > 10_000 ? Math.ceil(total / 4) : total;
      const event = eventOfSize(bytes);
      sizeRows.push(
        row(
          `${label} bodies (${formatNumber(count)} events)`,
          await deliver(
            [{ url, secret: SECRET }],
            Array.from({ length: count }, () => event),
          ),
        ),
      );
    }

    const oneConversation = orderingRows[1]?.[1];
    return {
      headline: `throughput holds from 1 to 100 endpoints; strict per-conversation ordering costs nothing with many conversations (one conversation is serial by design: ${oneConversation} deliveries/s)`,
      tables: [
        {
          title: '4a. Scaling with endpoints',
          note: `${formatNumber(total)} deliveries in all, split over the endpoints, each endpoint a separate server of one receiver process. Every event is a distinct object (as a bot publishes them), so allocation and GC are included and the CPU per delivery is higher than in scenario 1, which republishes one object.`,
          columns,
          rows: endpointRows,
        },
        {
          title: '4b. Per-conversation ordering',
          note: `${formatNumber(total)} events to one endpoint. One conversation means one delivery in flight at a time, by design.`,
          columns,
          rows: orderingRows,
        },
        {
          title: '4c. Payload size',
          note: 'One endpoint; signing and sending cost grows with the body.',
          columns,
          rows: sizeRows,
        },
      ],
    };
  } finally {
    await receiver.close();
  }
}
