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

/** bothooks: publish N events, then wait for every delivery. */
async function bothooks(url: string, count: number): Promise<number> {
  const hooks = createWebhooks({
    endpoints: [{ url, secret: SECRET }],
    maxConcurrency: CONCURRENCY,
    queue: { maxSize: count },
    logger: false,
  });
  const event = sampleEvent();
  const started = performance.now();
  for (let index = 0; index < count; index += 1) hooks.publish(event);
  await hooks.flush();
  const elapsed = performance.now() - started;
  await hooks.close();
  return (count / elapsed) * 1000;
}

/** The ceiling: a bare undici pool with the same concurrency, serialising and signing each event, nothing else. */
async function ceiling(url: string, count: number): Promise<number> {
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
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = performance.now() - started;
  await pool.close();
  return (count / elapsed) * 1000;
}

/** What bots do today: an awaited fetch per message, one after the other. */
async function naive(url: string, count: number): Promise<number> {
  const event = sampleEvent();
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    const body = JSON.stringify(event);
    const response = await fetch(url, { method: 'POST', headers: signedHeaders(`msg_${index}`, body), body });
    await response.arrayBuffer();
  }
  return count / ((performance.now() - started) / 1000);
}

export async function throughput(options: {
  quick: boolean;
}): Promise<{ table: Table; headline: string; ratioToCeiling: number }> {
  const count = options.quick ? 2_000 : 20_000;
  const rounds = options.quick ? 1 : 3;
  const receiver: BenchReceiver = await startReceiver();
  const url = receiver.urls[0] ?? '';
  try {
    // Warm up the JIT and the sockets of all three before measuring.
    await bothooks(url, 500);
    await ceiling(url, 500);
    await naive(url, 200);
    const results = { bothooks: [] as number[], ceiling: [] as number[], naive: [] as number[] };
    for (let round = 0; round < rounds; round += 1) {
      results.bothooks.push(await bothooks(url, count));
      results.ceiling.push(await ceiling(url, count));
      results.naive.push(await naive(url, Math.min(count, 5_000)));
    }
    const ours = median(results.bothooks);
    const best = median(results.ceiling);
    const slow = median(results.naive);
    return {
      ratioToCeiling: ours / best,
      headline: `delivery throughput ${ratio(ours, best)} the bare undici ceiling, ${ratio(ours, slow)} an awaited fetch per message`,
      table: {
        title: '1. Delivery throughput',
        note: `${formatNumber(count)} signed events (about 400 bytes) to a local receiver in another process that answers 204 at once; ${CONCURRENCY} connections; median of ${rounds} run(s).`,
        columns: ['contender', 'events/s', 'bothooks ÷ contender'],
        rows: [
          ['bothooks (`publish` + `flush`)', formatNumber(ours), '1.00×'],
          ['ceiling: bare undici pool, same signing and concurrency', formatNumber(best), ratio(ours, best)],
          ['naive: awaited `fetch` per message', formatNumber(slow), ratio(ours, slow)],
        ],
      },
    };
  } finally {
    await receiver.close();
  }
}
