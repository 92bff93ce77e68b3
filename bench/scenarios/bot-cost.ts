import { createWebhooks, type Webhooks } from '@bothooks/core';
import { SECRET } from '../lib/event';
import { type BenchReceiver, DEAD_URL, startReceiver } from '../lib/receiver';
import { formatNumber, median, ratio, type Table } from '../lib/report';
import { botbuilderDriver } from './drivers/botbuilder';
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
  /** Has `count` user messages handled (each answered with one reply), `concurrency` at a time. */
  handle(count: number, concurrency: number): Promise<void>;
  close(): Promise<void>;
}

/** One framework's echo bot, started with a given instrumentation. */
export interface BotDriver {
  name: string;
  /** Messages per run relative to the others: discord.js sends at most 50 REST requests per second (its global rate limit). */
  scale?: number;
  start(instrumentation: Instrumentation): Promise<RunningBot>;
}

/** The naive approach: an awaited fetch per message (what the analytics middlewares of §6 of the notes do). */
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

interface Variant {
  label: string;
  count: number;
  make: () => Instrumentation;
  cleanup?: (instrumentation: Instrumentation) => Promise<void>;
}

interface Measured {
  perSecond: number;
  /** CPU of the bot's process per message, in µs (webhook receivers run in other processes). */
  cpuMicros: number;
}

async function measure(driver: BotDriver, variant: Variant, concurrency: number): Promise<Measured> {
  const instrumentation = variant.make();
  const bot = await driver.start(instrumentation);
  try {
    await bot.handle(Math.min(200, variant.count), concurrency);
    const cpu = process.cpuUsage();
    const started = performance.now();
    await bot.handle(variant.count, concurrency);
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return {
      perSecond: (variant.count / elapsed) * 1000,
      cpuMicros: (used.user + used.system) / variant.count,
    };
  } finally {
    await bot.close();
    await variant.cleanup?.(instrumentation);
  }
}

export async function botCost(options: {
  quick: boolean;
}): Promise<{ table: Table; headline: string; worst: number }> {
  const count = options.quick ? 500 : 3_000;
  const naiveCount = options.quick ? 100 : 400;
  const rounds = options.quick ? 1 : 3;
  const concurrency = 20;
  const healthy: BenchReceiver = await startReceiver();
  const slow: BenchReceiver = await startReceiver({ delayMs: 500 });
  const hooksFor = (url: string) => (): Instrumentation => ({
    kind: 'bothooks',
    hooks: createWebhooks({
      endpoints: [{ url, secret: SECRET }],
      logger: false,
      queue: { maxSize: 100_000 },
    }),
  });
  const closeHooks = async (instrumentation: Instrumentation): Promise<void> => {
    if (instrumentation.kind === 'bothooks') await instrumentation.hooks.close({ timeoutMs: 0 });
  };
  const variants: Variant[] = [
    { label: 'no webhooks (baseline)', count, make: () => ({ kind: 'none' }) },
    {
      label: 'bothooks, healthy endpoint',
      count,
      make: hooksFor(healthy.urls[0] ?? ''),
      cleanup: closeHooks,
    },
    {
      label: 'bothooks, endpoint answering in 500 ms',
      count,
      make: hooksFor(slow.urls[0] ?? ''),
      cleanup: closeHooks,
    },
    {
      label: 'bothooks, dead endpoint (connection refused)',
      count,
      make: hooksFor(DEAD_URL),
      cleanup: closeHooks,
    },
    {
      label: 'naive awaited fetch, healthy endpoint',
      count,
      make: () => ({ kind: 'naive', post: naivePost(healthy.urls[0] ?? '') }),
    },
    {
      label: 'naive awaited fetch, endpoint answering in 500 ms',
      count: naiveCount,
      make: () => ({ kind: 'naive', post: naivePost(slow.urls[0] ?? '') }),
    },
  ];
  const drivers = [botbuilderDriver, telegrafDriver, discordDriver];
  const rows: (string | number)[][] = [];
  const worstByFramework: string[] = [];
  let worst = Number.POSITIVE_INFINITY;
  try {
    for (const driver of drivers) {
      const results = new Map<string, Measured[]>(variants.map((variant) => [variant.label, []]));
      for (let round = 0; round < rounds; round += 1) {
        for (const variant of variants) {
          const scaled = { ...variant, count: Math.max(50, Math.round(variant.count * (driver.scale ?? 1))) };
          const started = performance.now();
          results.get(variant.label)?.push(await measure(driver, scaled, concurrency));
          process.stderr.write(
            `  ${driver.name}: ${variant.label} (${Math.round(performance.now() - started)} ms)\n`,
          );
        }
      }
      const rate = (label: string) => median((results.get(label) ?? []).map((run) => run.perSecond));
      const cpu = (label: string) => median((results.get(label) ?? []).map((run) => run.cpuMicros));
      const baselineLabel = variants[0]?.label ?? '';
      const baseline = rate(baselineLabel);
      let frameworkWorst = Number.POSITIVE_INFINITY;
      let frameworkBest = 0;
      for (const variant of variants) {
        const value = rate(variant.label);
        if (variant.label.startsWith('bothooks')) {
          frameworkWorst = Math.min(frameworkWorst, value / baseline);
          frameworkBest = Math.max(frameworkBest, value / baseline);
        }
        const added = cpu(variant.label) - cpu(baselineLabel);
        rows.push([
          driver.name,
          variant.label,
          formatNumber(value),
          ratio(value, baseline),
          variant.label === baselineLabel
            ? formatNumber(cpu(baselineLabel), 1)
            : `${added >= 0 ? '+' : ''}${formatNumber(added, 1)}`,
        ]);
      }
      worst = Math.min(worst, frameworkWorst);
      worstByFramework.push(`${driver.name} ${frameworkWorst.toFixed(2)}–${frameworkBest.toFixed(2)}×`);
    }
  } finally {
    await healthy.close();
    await slow.close();
  }
  return {
    worst,
    headline: `messages per second of a real echo bot with bothooks, against the same bot without webhooks, with a healthy, slow or dead endpoint: ${worstByFramework.join(', ')} (botbuilder's TestAdapter bot does no I/O at all, so the CPU of every delivery shows in full); an awaited fetch per message falls to the endpoint's speed (0.00–0.05× with a 500 ms endpoint)`,
    table: {
      title: '2. Cost to the bot',
      note: `Real echo bots (each message answered with one reply), ${concurrency} messages in flight; ${formatNumber(count)} messages per run (${formatNumber(naiveCount)} for the naive slow case; a tenth of each for discord.js, which limits itself to 50 REST requests per second), median of ${rounds} run(s). botbuilder runs on its TestAdapter; telegraf's \`handleUpdate\` calls a fake Bot API over HTTP; discord.js runs a real Client against a fake REST API and gateway. Ratios are against the same bot without webhooks. The CPU column is the bot's process (the fake platform servers run in it, the webhook receivers do not): bothooks' added CPU shows clearly for botbuilder and telegraf; for discord.js, whose in-process fake gateway and REST server dominate at 48 messages/s, differences within ±30 % of the baseline are noise.`,
      columns: ['framework', 'webhooks', 'messages/s', 'vs no webhooks', 'bot-process CPU µs / message'],
      rows,
    },
  };
}
