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

async function measure(driver: BotDriver, variant: Variant, concurrency: number): Promise<number> {
  const instrumentation = variant.make();
  const bot = await driver.start(instrumentation);
  try {
    await bot.handle(Math.min(200, variant.count), concurrency);
    const started = performance.now();
    await bot.handle(variant.count, concurrency);
    return (variant.count / (performance.now() - started)) * 1000;
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
  let worst = Number.POSITIVE_INFINITY;
  try {
    for (const driver of drivers) {
      const results = new Map<string, number[]>(variants.map((variant) => [variant.label, []]));
      for (let round = 0; round < rounds; round += 1) {
        for (const variant of variants)
          results.get(variant.label)?.push(await measure(driver, variant, concurrency));
      }
      const baseline = median(results.get(variants[0]?.label ?? '') ?? []);
      for (const variant of variants) {
        const value = median(results.get(variant.label) ?? []);
        if (variant.label.startsWith('bothooks')) worst = Math.min(worst, value / baseline);
        rows.push([driver.name, variant.label, formatNumber(value), ratio(value, baseline)]);
      }
    }
  } finally {
    await healthy.close();
    await slow.close();
  }
  return {
    worst,
    headline: `a bot with bothooks handles at least ${worst.toFixed(2)}× the messages per second of the same bot without webhooks, whether the endpoint is healthy, slow or dead; an awaited fetch per message falls to the endpoint's speed`,
    table: {
      title: '2. Cost to the bot',
      note: `Real echo bots (each message answered with one reply), ${concurrency} messages in flight; ${formatNumber(count)} messages per run (${formatNumber(naiveCount)} for the naive slow case), median of ${rounds} run(s). botbuilder runs on its TestAdapter; telegraf's \`handleUpdate\` calls a fake Bot API over HTTP; discord.js runs a real Client against a fake REST API and gateway. Ratios are against the same bot without webhooks.`,
      columns: ['framework', 'webhooks', 'messages/s', 'vs no webhooks'],
      rows,
    },
  };
}
