import { createHmac } from 'node:crypto';
import { createWebhooks, inlineEngine, threadEngine } from '@bothooks/core';
import { Pool } from 'undici';
import { cpuSince, readCpu } from '../lib/cpu';
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
  /** CPU time of this process's main thread per event, in µs. */
  mainMicros: number;
  /** CPU time of the whole process (every thread; the receiver runs in another process) per event, in µs. */
  cpuMicros: number;
}

async function timed(count: number, run: () => Promise<void>): Promise<Measured> {
  const cpu = readCpu();
  const started = performance.now();
  await run();
  const elapsed = performance.now() - started;
  const used = cpuSince(cpu);
  return {
    perSecond: (count / elapsed) * 1000,
    mainMicros: used.main / count,
    cpuMicros: used.total / count,
  };
}

type Engine = 'inline' | 'thread';

/** bothooks: publish N events, then wait for every delivery. */
async function bothooks(url: string, count: number, engine: Engine): Promise<Measured> {
  const hooks = createWebhooks({
    endpoints: [{ url, secret: SECRET }],
    maxConcurrency: CONCURRENCY,
    queue: { maxSize: count },
    logger: false,
    engine: engine === 'thread' ? threadEngine() : inlineEngine(),
  });
  // A new worker per run: let it start (and deliver once) before the clock does, as a long-running bot's has.
  hooks.publish(sampleEvent());
  await hooks.flush();
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

export async function throughput(options: { quick: boolean }): Promise<{ table: Table; headline: string }> {
  const count = options.quick ? 2_000 : 20_000;
  const rounds = options.quick ? 1 : 3;
  const receiver: BenchReceiver = await startReceiver();
  const url = receiver.urls[0] ?? '';
  try {
    // Warm up the JIT and the sockets of all before measuring (a few thousand requests each: both
    // bothooks and the ceiling keep getting faster for the first ones).
    const warmup = options.quick ? 1_000 : 5_000;
    for (let round = 0; round < 2; round += 1) {
      await bothooks(url, warmup, 'inline');
      await bothooks(url, warmup, 'thread');
      await ceiling(url, warmup);
    }
    await naive(url, 200);
    const results = {
      inline: [] as Measured[],
      thread: [] as Measured[],
      ceiling: [] as Measured[],
      naive: [] as Measured[],
    };
    for (let round = 0; round < rounds; round += 1) {
      results.inline.push(await bothooks(url, count, 'inline'));
      results.thread.push(await bothooks(url, count, 'thread'));
      results.ceiling.push(await ceiling(url, count));
      results.naive.push(await naive(url, Math.min(count, 5_000)));
    }
    const rate = (runs: Measured[]) => median(runs.map((run) => run.perSecond));
    const main = (runs: Measured[]) => formatNumber(median(runs.map((run) => run.mainMicros)), 1);
    const cpu = (runs: Measured[]) => formatNumber(median(runs.map((run) => run.cpuMicros)), 1);
    const best = rate(results.ceiling);
    const row = (label: string, runs: Measured[]) => [
      label,
      formatNumber(rate(runs)),
      ratio(rate(runs), best),
      main(runs),
      cpu(runs),
    ];
    return {
      headline: `delivery throughput ${ratio(rate(results.inline), best)} (inline engine) and ${ratio(rate(results.thread), best)} (thread engine) the bare undici ceiling, ${ratio(rate(results.inline), rate(results.naive))} an awaited fetch per message; the thread engine leaves ${main(results.thread)} µs per event on the publishing thread (inline: ${main(results.inline)} µs)`,
      table: {
        title: '1. Delivery throughput',
        note: `${formatNumber(count)} signed events (about 400 bytes) to a local receiver in another process that answers 204 at once; ${CONCURRENCY} connections; median of ${rounds} run(s). "Main thread" is the publishing thread's own CPU (Linux schedstat); "process" adds every other thread of the sender (the thread engine's worker, GC helpers).`,
        columns: [
          'contender',
          'events/s',
          '÷ ceiling',
          'main-thread CPU µs / event',
          'process CPU µs / event',
        ],
        rows: [
          row('bothooks, inline engine (`publish` + `flush`)', results.inline),
          row('bothooks, thread engine (`publish` + `flush`)', results.thread),
          row('ceiling: bare undici pool, same signing and concurrency', results.ceiling),
          row('naive: awaited `fetch` per message', results.naive),
        ],
      },
    };
  } finally {
    await receiver.close();
  }
}
