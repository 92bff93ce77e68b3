import { type ChildProcess, fork } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bullmqEngine } from '@bothooks/bullmq';
import { createWebhooks, type EndpointConfig, inlineEngine, type MessageEvent } from '@bothooks/core';
import { hasRedisServer, RedisServer } from '@bothooks/testkit';
import { SECRET, sampleEvent } from '../lib/event';
import { startReceiver } from '../lib/receiver';
import { formatNumber, median, ratio, type Table } from '../lib/report';

const workerScript = fileURLToPath(new URL('../lib/bullmq-worker.ts', import.meta.url));
const CONCURRENCY = 50;

interface Run {
  /** Deliveries per second, first publish to last request received. */
  perSecond: number;
  /** Time spent inside publish() calls, per event. */
  publishMicros: number;
  /** CPU of the bot's process per event, from the first publish until flush() resolved. */
  botCpuMicros: number;
}

/** Worker processes, and how many deliveries each has reported. */
interface Workers {
  processes: ChildProcess[];
  delivered(): number;
}

async function startWorkers(count: number, redis: string, endpoints: EndpointConfig[]): Promise<Workers> {
  const counts = new Map<ChildProcess, number>();
  const processes = Array.from({ length: count }, () => {
    const child = fork(workerScript, [JSON.stringify({ redis, endpoints, concurrency: CONCURRENCY })], {
      execArgv: ['--import', 'tsx', '--conditions=@bothooks/source'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message: { delivered?: number }) => {
      if (typeof message === 'object' && message.delivered !== undefined)
        counts.set(child, message.delivered);
    });
    return child;
  });
  await Promise.all(processes.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
  return { processes, delivered: () => [...counts.values()].reduce((sum, value) => sum + value, 0) };
}

async function stopWorkers({ processes }: Workers): Promise<void> {
  await Promise.all(
    processes.map((worker) => {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      return exited;
    }),
  );
}

/**
 * Publishes every event, then waits until all are delivered: by this process (the memory engine's flush()) or by
 * the worker processes (their reports). The receiver's own count is checked once, at the end of the scenario.
 */
async function deliver(
  endpoints: EndpointConfig[],
  events: MessageEvent[],
  workers: Workers | undefined,
  redisUrl: string,
): Promise<Run> {
  const hooks = createWebhooks({
    endpoints,
    queue: { maxSize: events.length },
    maxConcurrency: CONCURRENCY,
    logger: false,
    engine: workers ? bullmqEngine({ connection: redisUrl, worker: false }) : inlineEngine(),
  });
  try {
    const deliveredBefore = workers?.delivered() ?? 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const event of events) hooks.publish(event);
    const published = performance.now();
    await hooks.flush();
    const used = process.cpuUsage(cpu);
    while (workers && workers.delivered() < deliveredBefore + events.length) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const elapsed = performance.now() - started;
    return {
      perSecond: (events.length / elapsed) * 1000,
      publishMicros: ((published - started) * 1000) / events.length,
      botCpuMicros: (used.user + used.system) / events.length,
    };
  } finally {
    await hooks.close();
  }
}

function skipped(reason: string): { tables: Table[]; headline: string } {
  return {
    headline: `durable engine (@bothooks/bullmq): not measured, ${reason}`,
    tables: [
      { title: '5. Durable delivery (@bothooks/bullmq)', note: `Not run: ${reason}.`, columns: [], rows: [] },
    ],
  };
}

export async function durable(options: { quick: boolean }): Promise<{ tables: Table[]; headline: string }> {
  if (!hasRedisServer()) return skipped('redis-server is not on the PATH (apt-get install -y redis-server)');
  const count = options.quick ? 4_000 : 20_000;
  const repetitions = options.quick ? 1 : 3;
  const receiver = await startReceiver();
  const redis = await RedisServer.start({ appendOnly: true });
  const endpoints: EndpointConfig[] = [{ id: 'bench', url: receiver.urls[0] ?? '', secret: SECRET }];
  const events = () => Array.from({ length: count }, (_, index) => sampleEvent(String(index % 100)));
  try {
    const runs: Record<string, Run[]> = { inline: [], one: [], two: [] };
    // Warm-up of both paths.
    await deliver(endpoints, events().slice(0, 1_000), undefined, redis.url);
    const warmWorkers = await startWorkers(1, redis.url, endpoints);
    await deliver(endpoints, events().slice(0, 1_000), warmWorkers, redis.url);
    await stopWorkers(warmWorkers);
    for (let repetition = 0; repetition < repetitions; repetition += 1) {
      runs.inline?.push(await deliver(endpoints, events(), undefined, redis.url));
      for (const [key, workerCount] of [
        ['one', 1],
        ['two', 2],
      ] as const) {
        const workers = await startWorkers(workerCount, redis.url, endpoints);
        runs[key]?.push(await deliver(endpoints, events(), workers, redis.url));
        await stopWorkers(workers);
      }
    }
    const sent = 2_000 + count * 3 * repetitions; // two warm-ups of 1,000, then three runs per repetition
    const received = await receiver.received();
    if (received < sent) throw new Error(`the receiver got ${received} of the ${sent} events sent`);
    const summary = (key: string) => {
      const list = runs[key] ?? [];
      return {
        perSecond: median(list.map((run) => run.perSecond)),
        publishMicros: median(list.map((run) => run.publishMicros)),
        botCpuMicros: median(list.map((run) => run.botCpuMicros)),
      };
    };
    const inline = summary('inline');
    const one = summary('one');
    const two = summary('two');
    const rows = [
      ['memory engine (`inlineEngine()`), in the bot process', inline, '1.00×'],
      ['durable engine, 1 worker process', one, ratio(one.perSecond, inline.perSecond)],
      ['durable engine, 2 worker processes', two, ratio(two.perSecond, inline.perSecond)],
    ] as const;
    return {
      headline: `durable engine (@bothooks/bullmq, Redis with the append-only file): ${formatNumber(one.perSecond)} deliveries/s with one worker process and ${formatNumber(two.perSecond)} with two (${ratio(one.perSecond, inline.perSecond)} and ${ratio(two.perSecond, inline.perSecond)} the memory engine in the same run); publishing costs the bot ${formatNumber(one.botCpuMicros, 1)} µs of CPU per event (memory engine, which also delivers in the bot: ${formatNumber(inline.botCpuMicros, 1)} µs)`,
      tables: [
        {
          title: '5a. Durable delivery throughput (@bothooks/bullmq)',
          note: `${formatNumber(count)} signed events to one endpoint (a receiver process answering 204 at once), ${CONCURRENCY} deliveries in flight per process, a local Redis with appendonly yes and appendfsync everysec; from the first publish to the last request received, median of ${repetitions}. The bot, the workers, Redis and the receiver share this machine's ${cpus().length} cores: a second worker process competes for the same CPU rather than adding any, where on more cores (or with real network latency) it would.`,
          columns: ['engine', 'deliveries/s', 'vs memory engine'],
          rows: rows.map(([label, run, versus]) => [label, formatNumber(run.perSecond), versus]),
        },
        {
          title: '5b. Cost to the bot of publishing through the durable engine',
          note: 'In the bot process: the time inside `publish()` (synchronous, on the bot’s path), and all CPU until `flush()` resolved: delivered for the memory engine, stored in Redis for the durable one (its workers run in other processes).',
          columns: ['engine', 'publish() µs / event', 'bot CPU µs / event'],
          rows: [
            ['memory engine', formatNumber(inline.publishMicros, 2), formatNumber(inline.botCpuMicros, 1)],
            [
              'durable engine (`worker: false`)',
              formatNumber(one.publishMicros, 2),
              formatNumber(one.botCpuMicros, 1),
            ],
          ],
        },
      ],
    };
  } finally {
    await receiver.close();
    await redis.destroy();
  }
}
