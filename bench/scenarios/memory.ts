import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createWebhooks } from '@bothooks/core';
import { SECRET, sampleEvent } from '../lib/event';
import { DEAD_URL } from '../lib/receiver';
import { formatNumber, type Table } from '../lib/report';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function settle(): { heap: number; rss: number } {
  collect();
  collect();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}

/** Publishes `count` events to an endpoint that is down and measures what the backlog costs. */
async function backlog(
  count: number,
  maxSize: number,
): Promise<{ heapPerEvent: number; rssPerEvent: number; pending: number; dropped: number; heapMb: number }> {
  const hooks = createWebhooks({
    endpoints: [{ id: 'down', url: DEAD_URL, secret: SECRET }],
    queue: { maxSize },
    logger: false,
  });
  let dropped = 0;
  hooks.on('dropped', () => {
    dropped += 1;
  });
  const before = settle();
  // Distinct events, as a bot would publish them: each message has its own body.
  for (let index = 0; index < count; index += 1)
    hooks.publish(sampleEvent(String(index % 1_000), 40 + (index % 7)));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const after = settle();
  const pending = hooks.endpoints()[0]?.pending ?? 0;
  const droppedBeforeClose = dropped;
  await hooks.close({ timeoutMs: 0 });
  const kept = Math.max(pending, 1);
  return {
    heapPerEvent: (after.heap - before.heap) / kept,
    rssPerEvent: (after.rss - before.rss) / kept,
    heapMb: (after.heap - before.heap) / 2 ** 20,
    pending,
    dropped: droppedBeforeClose,
  };
}

export async function memory(options: { quick: boolean }): Promise<{ table: Table; headline: string }> {
  const count = options.quick ? 20_000 : 100_000;
  const unbounded = await backlog(count, count);
  const bounded = await backlog(count, count / 10);
  const row = (label: string, result: Awaited<ReturnType<typeof backlog>>): (string | number)[] => [
    label,
    formatNumber(result.pending),
    formatNumber(result.dropped),
    formatNumber(result.heapMb, 1),
    formatNumber(result.heapPerEvent),
    formatNumber(result.rssPerEvent),
  ];
  return {
    headline: `a backlog costs about ${formatNumber(unbounded.heapPerEvent)} bytes of heap per queued event; with \`queue.maxSize\` at a tenth of the backlog, memory stays at ${formatNumber(bounded.heapMb, 1)} MB and the ${formatNumber(bounded.dropped)} overflowing events are each reported as \`dropped\``,
    table: {
      title: '3. Memory under backlog',
      note: `${formatNumber(count)} distinct message events (about 400 bytes of JSON each) published while the endpoint is down (connection refused; the circuit opens). Heap and RSS measured after two forced GCs; per-event figures divide by the events still queued.`,
      columns: [
        'queue.maxSize',
        'queued',
        'dropped (reported)',
        'heap growth (MB)',
        'heap bytes / queued event',
        'RSS bytes / queued event',
      ],
      rows: [row(formatNumber(count), unbounded), row(formatNumber(count / 10), bounded)],
    },
  };
}
