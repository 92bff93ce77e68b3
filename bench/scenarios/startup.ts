import { execFileSync, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startReceiver } from '../lib/receiver';
import { formatNumber, median, type Table } from '../lib/report';

const core = fileURLToPath(new URL('../../packages/core', import.meta.url));
const child = fileURLToPath(new URL('../lib/startup-child.mjs', import.meta.url));

interface Start {
  importMs: number;
  createMs: number;
  firstDeliveryMs: number;
  /** From the first delivery until the process exited by itself (it closes nothing). */
  exitMs: number;
}

function coldStart(engine: string, url: string): Promise<Start> {
  const entry = pathToFileURL(`${core}/dist/index.js`).href;
  return new Promise((resolve, reject) => {
    const started = fork(child, [engine, url, entry], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let measured: Omit<Start, 'exitMs'> | undefined;
    let deliveredAt = 0;
    const timer = setTimeout(() => {
      started.kill('SIGKILL');
      reject(new Error(`the ${engine} engine's process did not exit by itself within 10 s`));
    }, 10_000);
    started.on('message', (message) => {
      measured = message as Omit<Start, 'exitMs'>;
      deliveredAt = performance.now();
    });
    started.on('exit', () => {
      clearTimeout(timer);
      if (measured) resolve({ ...measured, exitMs: performance.now() - deliveredAt });
      else reject(new Error(`the ${engine} engine's process exited before its first delivery`));
    });
  });
}

/**
 * What the thread engine adds to a bot's startup, on the package as published (built with tsup, so the worker is
 * the bundled one): a fresh Node process per start, the import, `createWebhooks()`, the first delivery.
 */
export async function startup(options: { quick: boolean }): Promise<{ table: Table; headline: string }> {
  if (!existsSync(`${core}/dist/index.js`) || !options.quick) {
    execFileSync('npx', ['tsup'], { cwd: core, stdio: 'ignore' });
  }
  const runs = options.quick ? 3 : 10;
  const receiver = await startReceiver();
  const url = receiver.urls[0] ?? '';
  const results: Record<string, Start[]> = { inline: [], thread: [] };
  try {
    for (let round = 0; round < runs; round += 1) {
      for (const engine of ['inline', 'thread']) results[engine]?.push(await coldStart(engine, url));
    }
  } finally {
    await receiver.close();
  }
  const of = (engine: string, pick: (start: Start) => number) => median((results[engine] ?? []).map(pick));
  const row = (engine: string) => [
    `${engine}Engine()`,
    formatNumber(
      of(engine, (start) => start.importMs),
      1,
    ),
    formatNumber(
      of(engine, (start) => start.createMs),
      1,
    ),
    formatNumber(
      of(engine, (start) => start.firstDeliveryMs),
      1,
    ),
    formatNumber(of(engine, (start) => start.exitMs)),
  ];
  const added = of('thread', (start) => start.createMs) - of('inline', (start) => start.createMs);
  const later =
    of('thread', (start) => start.firstDeliveryMs) - of('inline', (start) => start.firstDeliveryMs);
  return {
    headline: `the thread engine adds ${formatNumber(added, 1)} ms to \`createWebhooks()\` on the bot's thread and ${formatNumber(later)} ms before the first delivery (the worker starting); a finished bot exits by itself with either engine`,
    table: {
      title: '6. Startup',
      note: `A fresh Node process per start (${runs} each, median) on the built package: the import, \`createWebhooks()\` with one endpoint, one published event until it is delivered to a receiver in another process, and then nothing: the process must exit by itself (it closes nothing), measured from the delivery.`,
      columns: [
        'engine',
        'import (ms)',
        'createWebhooks() (ms)',
        'first delivery (ms)',
        'exits by itself after (ms)',
      ],
      rows: [row('inline'), row('thread')],
    },
  };
}
