import { createWebhooks, inlineEngine, threadEngine, type Webhooks } from '@bothooks/core';
import { cpuSince, readCpu } from '../lib/cpu';
import { SECRET } from '../lib/event';
import { type PlatformProcess, startPlatforms } from '../lib/platform';
import { type BenchReceiver, DEAD_URL, startReceiver } from '../lib/receiver';
import { formatNumber, median, ratio, type Table } from '../lib/report';
import { botbuilderDriver } from './drivers/botbuilder';
import { botbuilderCloudDriver } from './drivers/botbuilder-cloud';
import { discordDriver } from './drivers/discordjs';
import { telegrafDriver } from './drivers/telegraf';

/** How the bot under test reports its messages. */
export type Instrumentation =
  | { kind: 'none' }
  | { kind: 'bothooks'; hooks: Webhooks }
  /** What bots do without bothooks: an awaited POST per message, inbound and outbound, on the bot's path. */
  | { kind: 'naive'; post: (payload: unknown) => Promise<void> };

/** A running echo bot. */
export interface RunningBot {
  /** Gets `count` messages ready (outside the measured window), when the driver needs to. */
  prepare?(count: number): Promise<void>;
  /** Has `count` user messages handled (each answered with one reply), `concurrency` at a time. */
  handle(count: number, concurrency: number): Promise<void>;
  close(): Promise<void>;
}

/** One framework's echo bot, started with a given instrumentation against the fake platforms. */
export interface BotDriver {
  name: string;
  /** Messages per measured run: enough for about a second or more of steady state. */
  count: number;
  start(instrumentation: Instrumentation, platforms: PlatformProcess): Promise<RunningBot>;
}

/** The naive approach: an awaited fetch per message (what analytics middlewares do). */
export function naivePost(url: string): (payload: unknown) => Promise<void> {
  return async (payload) => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      await response.arrayBuffer();
    } catch {
      // A naive middleware that crashed the bench on a dead endpoint would measure nothing; it swallows.
    }
  };
}

type Endpoint = 'healthy' | 'slow' | 'dead';

interface Variant {
  label: string;
  /** Fraction of the driver's count (the naive slow case cannot do many). */
  share: number;
  make: () => Instrumentation;
  /** Whether the measured window runs on through `flush()`: only where the endpoint can take the backlog. */
  drain: boolean;
}

interface Measured {
  perSecond: number;
  /** CPU of the bot's main thread per message, in µs. */
  mainMicros: number;
  /** CPU of the bot's whole process (every thread) per message, in µs. Platforms and receivers run elsewhere. */
  totalMicros: number;
}

async function measure(
  driver: BotDriver,
  variant: Variant,
  platforms: PlatformProcess,
  count: number,
  concurrency: number,
): Promise<Measured> {
  const instrumentation = variant.make();
  const hooks = instrumentation.kind === 'bothooks' ? instrumentation.hooks : undefined;
  const bot = await driver.start(instrumentation, platforms);
  try {
    const warmup = Math.max(20, Math.round(count / 10));
    await bot.prepare?.(warmup);
    await bot.handle(warmup, concurrency);
    if (variant.drain) await hooks?.flush({ timeoutMs: 60_000 });
    await bot.prepare?.(count);
    const cpu = readCpu();
    const started = performance.now();
    await bot.handle(count, concurrency);
    // Steady state: the deliveries the messages caused are part of their cost, even when they finish later.
    if (variant.drain) await hooks?.flush({ timeoutMs: 120_000 });
    const elapsed = performance.now() - started;
    const used = cpuSince(cpu);
    return {
      perSecond: (count / elapsed) * 1000,
      mainMicros: used.main / count,
      totalMicros: used.total / count,
    };
  } finally {
    await bot.close();
    await hooks?.close({ timeoutMs: 0 });
  }
}

export async function botCost(options: { quick: boolean }): Promise<{ table: Table; headline: string }> {
  const rounds = options.quick ? 1 : 3;
  const concurrency = 20;
  const healthy: BenchReceiver = await startReceiver();
  const slow: BenchReceiver = await startReceiver({ delayMs: 500 });
  const platforms = await startPlatforms();
  const urls: Record<Endpoint, string> = {
    healthy: healthy.urls[0] ?? '',
    slow: slow.urls[0] ?? '',
    dead: DEAD_URL,
  };
  const bothooks = (engine: 'inline' | 'thread', endpoint: Endpoint) => (): Instrumentation => ({
    kind: 'bothooks',
    hooks: createWebhooks({
      endpoints: [{ url: urls[endpoint], secret: SECRET }],
      logger: false,
      queue: { maxSize: 1_000_000 },
      engine: engine === 'thread' ? threadEngine() : inlineEngine(),
    }),
  });
  const endpointLabel: Record<Endpoint, string> = {
    healthy: 'healthy endpoint',
    slow: 'endpoint answering in 500 ms',
    dead: 'dead endpoint (connection refused)',
  };
  const variants: Variant[] = [
    { label: 'no webhooks (baseline)', share: 1, make: () => ({ kind: 'none' }), drain: false },
  ];
  for (const endpoint of ['healthy', 'slow', 'dead'] as const) {
    for (const engine of ['inline', 'thread'] as const) {
      variants.push({
        label: `bothooks ${engine}, ${endpointLabel[endpoint]}`,
        share: 1,
        make: bothooks(engine, endpoint),
        drain: endpoint === 'healthy',
      });
    }
  }
  variants.push(
    {
      label: 'naive awaited fetch, healthy endpoint',
      share: 0.2,
      make: () => ({ kind: 'naive', post: naivePost(urls.healthy) }),
      drain: false,
    },
    {
      label: 'naive awaited fetch, endpoint answering in 500 ms',
      share: 0.02,
      make: () => ({ kind: 'naive', post: naivePost(urls.slow) }),
      drain: false,
    },
  );
  const drivers = [botbuilderDriver, botbuilderCloudDriver, telegrafDriver, discordDriver];
  const rows: (string | number)[][] = [];
  const summaries: string[] = [];
  try {
    for (const driver of drivers) {
      const results = new Map<string, Measured[]>(variants.map((variant) => [variant.label, []]));
      for (let round = 0; round < rounds; round += 1) {
        for (const variant of variants) {
          const count = Math.max(20, Math.round(driver.count * variant.share * (options.quick ? 0.2 : 1)));
          const started = performance.now();
          results.get(variant.label)?.push(await measure(driver, variant, platforms, count, concurrency));
          process.stderr.write(
            `  ${driver.name}: ${variant.label} (${Math.round(performance.now() - started)} ms)\n`,
          );
        }
      }
      const of = (label: string, pick: (run: Measured) => number) =>
        median((results.get(label) ?? []).map(pick));
      const baselineLabel = variants[0]?.label ?? '';
      const baseline = of(baselineLabel, (run) => run.perSecond);
      const baselineMain = of(baselineLabel, (run) => run.mainMicros);
      const baselineTotal = of(baselineLabel, (run) => run.totalMicros);
      for (const variant of variants) {
        const rate = of(variant.label, (run) => run.perSecond);
        const addedMain = of(variant.label, (run) => run.mainMicros) - baselineMain;
        const addedTotal = of(variant.label, (run) => run.totalMicros) - baselineTotal;
        const isBaseline = variant.label === baselineLabel;
        const signed = (value: number) => `${value >= 0 ? '+' : ''}${formatNumber(value, 1)}`;
        rows.push([
          driver.name,
          variant.label,
          formatNumber(rate),
          ratio(rate, baseline),
          isBaseline ? formatNumber(baselineMain, 1) : signed(addedMain),
          isBaseline ? formatNumber(baselineTotal, 1) : signed(addedTotal),
          // Each message makes two deliveries: its inbound event and the reply's outbound one.
          isBaseline || variant.label.startsWith('naive') ? '' : formatNumber(addedMain / 2, 1),
        ]);
      }
      const healthyRatio = (engine: string) =>
        of(`bothooks ${engine}, ${endpointLabel.healthy}`, (run) => run.perSecond) / baseline;
      summaries.push(
        `${driver.name} ${healthyRatio('inline').toFixed(2)}× inline / ${healthyRatio('thread').toFixed(2)}× thread`,
      );
    }
  } finally {
    await healthy.close();
    await slow.close();
    await platforms.close();
  }
  return {
    headline: `a real echo bot's message rate with bothooks and a healthy endpoint, measured through the last delivery, against the same bot without webhooks: ${summaries.join('; ')}`,
    table: {
      title: '2. Cost to the bot',
      note: `Real echo bots (each message answered with one reply), ${concurrency} messages in flight, median of ${rounds} run(s). The fake platforms (Bot Connector and the channel posting to the CloudAdapter, Telegram's Bot API, Discord's REST API and gateway) and the webhook receivers run in other processes than the bot. With a healthy endpoint the clock runs from the first message until \`flush()\` resolves, so deliveries that finish after the last message are counted; with a slow or dead endpoint it stops after the last message (those endpoints cannot take the backlog; the circuit opens on the dead one). CPU is the bot's main thread (Linux schedstat) and the bot's whole process (every thread, so the thread engine's worker too), added to the baseline's, per message; a message makes two deliveries (in and out).`,
      columns: [
        'framework',
        'webhooks',
        'messages/s',
        'vs no webhooks',
        'main-thread CPU µs / message',
        'process CPU µs / message',
        'main-thread CPU µs / delivery',
      ],
      rows,
    },
  };
}
