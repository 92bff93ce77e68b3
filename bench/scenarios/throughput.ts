import { createHmac } from 'node:crypto';
import { createWebhooks } from '@bothooks/core';
import { Pool } from 'undici';
import { SECRET, sampleEvent } from '../lib/event';
import type { BenchReceiver } from '../lib/receiver';
import { startReceiver } from '../lib/receiver';
import { formatNumber, median, ratio, type Table } from '../lib/report';

const CONCURRENCY = 10;
const KEY = Buffer.from(SECRET.slice('whsec_'.length), 'base64');

function signedHeaders(id: string, body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', KEY).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature}`,
  };
}

interface Measured {
  perSecond: number;
  /** CPU time of this process (the receiver runs in another) per event, in µs. */
  cpuMicros: number;
}

async function timed(count: number, run: () => Promise<void>): Promise<Measured> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { perSecond: (count / elapsed) * 1000, cpuMicros: (used.user + used.system) / count };
}

/** bothooks: publish N events, then wait for every delivery. */
async function bothooks(url: string, count: number): Promise<Measured> {
  const hooks = createWebhooks({
    endpoints: [{ url, secret: SECRET }],
    maxConcurrency: CONCURRENCY,
    queue: { maxSize: count },
    logger: false,
  });
  const event = sampleEvent();
  const result = await timed(count, async () => {
    for (let index = 0; index < count; index += 1) hooks.publish(event);
    await hooks.flush();
  });
  await hooks.close();
  return result;
}

/** The ceiling: a bare undici pool with the same concurrency, serialising and signing each event, nothing else. */
async function ceiling(url: string, count: number): Promise<Measured> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: CONCURRENCY, pipelining: 1 });
  const event = sampleEvent();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      const body = JSON.stringify(event);
      const response = await pool.request({
        path: target.pathname,
        method: 'POST',
        headers: signedHeaders(`msg_${next}`, body),
        body,
      });
      await response.body.dump();
    }
  };
  const result = await timed(count, async () => {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  });
  await pool.close();
  return result;
}

/** What bots do today: an awaited fetch per message, one after the other. */
async function naive(url: string, count: number): Promise<Measured> {
  const event = sampleEvent();
  return timed(count, async () => {
    for (let index = 0; index < count; index += 1) {
      const body = JSON.stringify(event);
      const response = await fetch(url, {
        method: 'POST',
        headers: signedHeaders(`msg_${index}`, body),
        body,
      });
      await response.arrayBuffer();
    }
  });
}

export async function throughput(options: {
  quick: boolean;
}): Promise<{ table: Table; headline: string; ratioToCeiling: number }> {
  const count = options.quick ? 2_000 : 20_000;
  const rounds = options.quick ? 1 : 3;
  const receiver: BenchReceiver = await startReceiver();
  const url = receiver.urls[0] ?? '';
  try {
    // Warm up the JIT and the sockets of all three before measuring (a few thousand requests each: both
    // bothooks and the ceiling keep getting faster for the first ones).
    for (let round = 0; round < 2; round += 1) {
      await bothooks(url, options.quick ? 1_000 : 5_000);
      await ceiling(url, options.quick ? 1_000 : 5_000);
    }
    await naive(url, 200);
    const results = { bothooks: [] as Measured[], ceiling: [] as Measured[], naive: [] as Measured[] };
    for (let round = 0; round < rounds; round += 1) {
      results.bothooks.push(await bothooks(url, count));
      results.ceiling.push(await ceiling(url, count));
      results.naive.push(await naive(url, Math.min(count, 5_000)));
    }
    const rate = (runs: Measured[]) => median(runs.map((run) => run.perSecond));
    const cpu = (runs: Measured[]) => median(runs.map((run) => run.cpuMicros));
    const ours = rate(results.bothooks);
    const best = rate(results.ceiling);
    const slow = rate(results.naive);
    return {
      ratioToCeiling: ours / best,
      headline: `delivery throughput ${ratio(ours, best)} the bare undici ceiling, ${ratio(ours, slow)} an awaited fetch per message`,
      table: {
        title: '1. Delivery throughput',
        note: `${formatNumber(count)} signed events (about 400 bytes) to a local receiver in another process that answers 204 at once; ${CONCURRENCY} connections; median of ${rounds} run(s).`,
        columns: ['contender', 'events/s', 'bothooks ÷ contender', 'sender CPU µs / event'],
        rows: [
          [
            'bothooks (`publish` + `flush`)',
            formatNumber(ours),
            '1.00×',
            formatNumber(cpu(results.bothooks), 1),
          ],
          [
            'ceiling: bare undici pool, same signing and concurrency',
            formatNumber(best),
            ratio(ours, best),
            formatNumber(cpu(results.ceiling), 1),
          ],
          [
            'naive: awaited `fetch` per message',
            formatNumber(slow),
            ratio(ours, slow),
            formatNumber(cpu(results.naive), 1),
          ],
        ],
      },
    };
  } finally {
    await receiver.close();
  }
}
