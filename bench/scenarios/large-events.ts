import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createWebhooks, inlineEngine, threadEngine, type Webhooks } from '@bothooks/core';
import { cpuSince, readCpu } from '../lib/cpu';
import { eventOfSize, SECRET } from '../lib/event';
import { startReceiver } from '../lib/receiver';
import { formatNumber, median, ratio, type Table } from '../lib/report';

const EVENT_BYTES = 64 * 1024;
const PER_SECOND = 500;
const TICK_MS = 10;

interface Measured {
  /** Event-loop delay p99 while publishing, in ms. */
  delayP99: number;
  /** Main-thread CPU per event, through the end of flush(), in µs. */
  mainMicros: number;
  /** Whole-process CPU per event, in µs. */
  totalMicros: number;
}

/**
 * A bot that gets 500 messages a second, each with a 64 KB payload (a long text, a big card), publishing each as a
 * distinct event: the bot's own work (building the event) is the same in every variant.
 */
async function run(engine: 'none' | 'inline' | 'thread', url: string, seconds: number): Promise<Measured> {
  const hooks: Webhooks | undefined =
    engine === 'none'
      ? undefined
      : createWebhooks({
          endpoints: [{ url, secret: SECRET }],
          logger: false,
          maxBodyBytes: 1024 * 1024,
          queue: { maxSize: 100_000 },
          engine: engine === 'thread' ? threadEngine() : inlineEngine(),
        });
  await hooks?.flush();
  const template = JSON.stringify(eventOfSize(EVENT_BYTES));
  let sequence = 0;
  const publishSome = (count: number) => {
    for (let index = 0; index < count; index += 1) {
      sequence += 1;
      // A fresh object per message, as a bot's mapping makes one.
      const event = JSON.parse(template) as ReturnType<typeof eventOfSize>;
      event.data.message.id = String(sequence);
      hooks?.publish(event);
    }
  };
  // Warm up the JIT and the sockets.
  for (let index = 0; index < 20; index += 1) publishSome(PER_SECOND / 100);
  await hooks?.flush();

  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const cpu = readCpu();
  histogram.enable();
  const ticks = (seconds * 1000) / TICK_MS;
  const perTick = (PER_SECOND * TICK_MS) / 1000;
  await new Promise<void>((resolve) => {
    let done = 0;
    const timer = setInterval(() => {
      publishSome(perTick);
      done += 1;
      if (done >= ticks) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  histogram.disable();
  await hooks?.flush({ timeoutMs: 60_000 });
  const used = cpuSince(cpu);
  await hooks?.close({ timeoutMs: 0 });
  const count = ticks * perTick;
  return {
    delayP99: histogram.percentile(99) / 1e6,
    mainMicros: used.main / count,
    totalMicros: used.total / count,
  };
}

export async function largeEvents(options: { quick: boolean }): Promise<{ table: Table; headline: string }> {
  const seconds = options.quick ? 1 : 5;
  const rounds = options.quick ? 1 : 3;
  const receiver = await startReceiver();
  const url = receiver.urls[0] ?? '';
  const results = { none: [] as Measured[], inline: [] as Measured[], thread: [] as Measured[] };
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const engine of ['none', 'inline', 'thread'] as const)
        results[engine].push(await run(engine, url, seconds));
    }
  } finally {
    await receiver.close();
  }
  const of = (runs: Measured[], pick: (run: Measured) => number) => median(runs.map(pick));
  const baseline = {
    delay: of(results.none, (run) => run.delayP99),
    main: of(results.none, (run) => run.mainMicros),
    total: of(results.none, (run) => run.totalMicros),
  };
  const row = (label: string, runs: Measured[]) => {
    const delay = of(runs, (run) => run.delayP99);
    const main = of(runs, (run) => run.mainMicros);
    const total = of(runs, (run) => run.totalMicros);
    const isBaseline = runs === results.none;
    return [
      label,
      formatNumber(delay, 2),
      ratio(delay, baseline.delay),
      isBaseline ? formatNumber(main, 1) : `+${formatNumber(main - baseline.main, 1)}`,
      isBaseline ? formatNumber(total, 1) : `+${formatNumber(total - baseline.total, 1)}`,
    ];
  };
  const added = (runs: Measured[]) => formatNumber(of(runs, (run) => run.mainMicros) - baseline.main);
  return {
    headline: `a 64 KB event costs the bot's thread ${added(results.thread)} µs with the thread engine (${added(results.inline)} µs inline), and at 500 such events a second its event-loop delay p99 is ${ratio(
      of(results.thread, (run) => run.delayP99),
      baseline.delay,
    )} the no-webhook bot's (inline: ${ratio(
      of(results.inline, (run) => run.delayP99),
      baseline.delay,
    )})`,
    table: {
      title: '2b. Large events: 64 KB at 500 per second',
      note: `A bot publishing ${PER_SECOND} events per second of about 64 KB each (a fresh object per message) for ${seconds} s, to a receiver in another process; median of ${rounds} run(s). The event-loop delay is measured while publishing (monitorEventLoopDelay, 1 ms resolution); CPU runs through the end of \`flush()\` and is added to the no-webhook bot's per event. Serialising the 64 KB body must stay on the bot's thread; signing and sending need not.`,
      columns: [
        'webhooks',
        'event-loop delay p99 (ms)',
        'vs no webhooks',
        'main-thread CPU µs / event',
        'process CPU µs / event',
      ],
      rows: [
        row('no webhooks (baseline)', results.none),
        row('bothooks, inline engine', results.inline),
        row('bothooks, thread engine', results.thread),
      ],
    },
  };
}
