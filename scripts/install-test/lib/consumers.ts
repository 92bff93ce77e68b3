import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReceiver, type Receiver } from '@bothooks/testkit';
import { type EntryReport, entryProblems, isExpected, loadedFileProblems, webhookProblems } from './checks';
import { type CommandResult, collectOutput, commandLine } from './exec';
import type { Failure } from './report';
import type { ExpectedWebhook, Scenario, World } from './scenario';

/** A bot one consumer runs: the scenario of a package that has a `bot.cjs`. */
export interface BotScenario {
  /** The package's folder, which names its bot. */
  folder: string;
  /** The package name, for reports. */
  subject: string;
  scenario: Scenario;
}

export interface ConsumerRun {
  nodePath: string;
  nodeVersion: string;
  project: string;
  /** `consumer.cjs` or `consumer.mjs` */
  file: string;
  /** `CommonJS consumer` or `ES module consumer` */
  stage: string;
  /** How the consumer loads a package, for reports: `require` or `import`. */
  loadedWith: string;
  env: NodeJS.ProcessEnv;
  bots: readonly BotScenario[];
  entryPoints: readonly string[];
  /** The installed @bothooks packages: every one must be loaded from the project. */
  packages: readonly string[];
  /** The version the webhooks' `user-agent` must name: the packed core's. */
  coreVersion: string;
}

export interface ConsumerOutcome {
  failures: Failure[];
  entries: EntryReport | undefined;
  durationMs: number;
}

/** A fresh Standard Webhooks secret for one run. */
export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

const READY_TIMEOUT_MS = 30_000;
const WEBHOOK_TIMEOUT_MS = 20_000;
const RUN_TIMEOUT_MS = 120_000;
/** How long a consumer has to exit once every bot was told to stop. */
const EXIT_TIMEOUT_MS = 20_000;

/** Waits until each expected webhook has arrived on `path`, or the time is up (the checks say what is missing). */
export async function waitForWebhooks(
  receiver: Receiver,
  path: string,
  expected: readonly ExpectedWebhook[],
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const wanted of expected) {
    await receiver
      .waitFor(1, {
        filter: (request) => request.path === path && isExpected(request, wanted),
        timeoutMs: Math.max(1, deadline - Date.now()),
      })
      .catch(() => undefined);
  }
}

interface ConsumerMessage {
  type: 'entry-points' | 'ready' | 'stopped' | 'error' | 'loaded';
  bot?: string;
  info?: Record<string, unknown>;
  error?: string;
  entries?: EntryReport;
  files?: string[];
  node?: string;
}

/**
 * Runs one consumer against the scenarios' fake platforms and a verifying receiver, all in this process: each
 * bot is driven once it says it is up, stopped once its webhooks have arrived, and the consumer must then exit
 * 0 by itself. Everything that went wrong comes back as failures carrying the consumer's command and output.
 */
export async function runConsumer(options: ConsumerRun): Promise<ConsumerOutcome> {
  const started = performance.now();
  const secret = newSecret();
  const receiver = await createReceiver({ secret });
  const label = `the ${options.stage} on Node ${options.nodeVersion}`;
  const problems: Array<{ subject: string; message: string }> = [];
  const worlds = new Map<string, { bot: BotScenario; world: World }>();
  const env: NodeJS.ProcessEnv = { ...options.env, WEBHOOK_SECRET: secret };

  for (const bot of options.bots) {
    try {
      const world = await (bot.scenario.world as NonNullable<Scenario['world']>)({
        endpoint: receiver.url(`/${bot.folder}`),
        label,
      });
      worlds.set(bot.folder, { bot, world });
      for (const [name, value] of Object.entries(world.env)) {
        if (name in env)
          problems.push({ subject: bot.subject, message: `its world sets ${name}, which is taken` });
        env[name] = value;
      }
    } catch (error) {
      problems.push({ subject: bot.subject, message: `its fake platform did not start: ${String(error)}` });
    }
  }
  env.BOTHOOKS_INSTALL_TEST_PLAN = JSON.stringify({
    entryPoints: options.entryPoints,
    bots: [...worlds.keys()],
  });

  const args = ['--import', './track-loads.mjs', options.file];
  const child = spawn(options.nodePath, args, {
    cwd: options.project,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output = collectOutput(child);
  let spawnError = '';

  let entries: EntryReport | undefined;
  let ranOn: string | undefined;
  let loaded: string[] | undefined;
  const ready = new Set<string>();
  const stopped = new Set<string>();
  const failed = new Set<string>();
  const driving: Promise<void>[] = [];
  const stopRequested = new Set<string>();
  let exitTimer: NodeJS.Timeout | undefined;
  let lingered = false;
  const stopBot = (folder: string): void => {
    stopRequested.add(folder);
    if (child.connected) child.send({ type: 'stop', bot: folder });
    if (stopRequested.size === worlds.size && !exitTimer) {
      exitTimer = setTimeout(() => {
        lingered = true;
        child.kill('SIGKILL');
      }, EXIT_TIMEOUT_MS);
    }
  };

  child.on('message', (message: ConsumerMessage) => {
    const entry = message.bot ? worlds.get(message.bot) : undefined;
    if (message.type === 'entry-points') {
      entries = message.entries;
      ranOn = message.node;
    } else if (message.type === 'loaded') loaded = message.files;
    else if (message.type === 'stopped' && message.bot) stopped.add(message.bot);
    else if (message.type === 'error' && entry && message.bot) {
      failed.add(message.bot);
      problems.push({ subject: entry.bot.subject, message: `its bot failed:\n${message.error}` });
      // Done with, as far as the exit deadline goes.
      stopBot(message.bot);
    } else if (message.type === 'ready' && entry && message.bot) {
      const folder = message.bot;
      ready.add(folder);
      driving.push(
        (async () => {
          try {
            await entry.world.drive(message.info ?? {});
            await waitForWebhooks(receiver, `/${folder}`, entry.world.expected);
          } catch (error) {
            problems.push({
              subject: entry.bot.subject,
              message: `driving its bot failed: ${String(error)}`,
            });
          } finally {
            stopBot(folder);
          }
        })(),
      );
    }
  });

  // A bot that never says it is up is stopped after a while, so the consumer still gets to exit.
  const readyTimer = setTimeout(() => {
    for (const folder of worlds.keys()) if (!ready.has(folder)) stopBot(folder);
  }, READY_TIMEOUT_MS);
  let timedOut = false;
  const runTimer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, RUN_TIMEOUT_MS);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.once('error', (error) => {
      spawnError = `${error.message}\n`;
      resolve([null, null]);
    });
    child.once('close', (code, closeSignal) => resolve([code, closeSignal]));
  });
  clearTimeout(readyTimer);
  clearTimeout(runTimer);
  clearTimeout(exitTimer);
  await Promise.all(driving);

  const result: CommandResult = {
    command: commandLine(options.nodePath, args),
    cwd: options.project,
    exitCode,
    signal,
    timedOut: timedOut || lingered,
    stdout: output.stdout(),
    stderr: output.stderr() + spawnError,
    durationMs: performance.now() - started,
  };
  if (lingered) {
    const open = [...worlds.keys()].filter((folder) => !stopped.has(folder));
    problems.push({
      subject: 'all packages',
      message: `the consumer was still running ${EXIT_TIMEOUT_MS / 1000} s after its bots were told to stop${open.length > 0 ? ` (not stopped: ${open.join(', ')})` : ': something left open keeps it alive'}`,
    });
  } else if (timedOut) {
    problems.push({
      subject: 'all packages',
      message: `the consumer did not exit within ${RUN_TIMEOUT_MS / 1000} s`,
    });
  } else if (exitCode !== 0)
    problems.push({ subject: 'all packages', message: `the consumer exited with ${exitCode ?? signal}` });

  if (ranOn !== undefined && ranOn !== options.nodeVersion) {
    problems.push({
      subject: 'all packages',
      message: `the consumer ran on Node ${ranOn}, not ${options.nodeVersion}`,
    });
  }
  for (const [folder, { bot, world }] of worlds) {
    if (failed.has(folder)) {
      // Its error is reported already.
    } else if (!ready.has(folder))
      problems.push({ subject: bot.subject, message: 'its bot never said it was up' });
    else if (!stopped.has(folder))
      problems.push({ subject: bot.subject, message: 'its bot did not stop cleanly' });
    const requests = receiver.requests.filter((request) => request.path === `/${folder}`);
    for (const message of webhookProblems(requests, world.expected, options.coreVersion)) {
      problems.push({ subject: bot.subject, message });
    }
  }
  if (entries) {
    for (const message of entryProblems(entries, options.loadedWith)) {
      problems.push({ subject: subjectOfEntry(message, options.packages), message });
    }
  } else problems.push({ subject: 'all packages', message: 'the consumer never reported its entry points' });
  if (loaded) {
    for (const message of loadedFileProblems(loaded, options.project, options.packages)) {
      problems.push({ subject: subjectOfEntry(message, options.packages), message });
    }
  } else
    problems.push({ subject: 'all packages', message: 'the consumer never reported the files it loaded' });

  await Promise.all([...worlds.values()].map(({ world }) => world.close().catch(() => undefined)));
  await receiver.close();
  return {
    failures: problems.map((problem) => ({
      ...problem,
      node: options.nodeVersion,
      stage: options.stage,
      result,
    })),
    entries,
    durationMs: result.durationMs,
  };
}

/** The package a problem message is about (the first package name it mentions), or `all packages`. */
export function subjectOfEntry(message: string, packages: readonly string[]): string {
  const mentioned = packages
    .map((name) => ({ name, at: message.search(new RegExp(`${name.replace('/', '\\/')}(?![\\w-])`)) }))
    .filter((candidate) => candidate.at >= 0)
    .sort((first, second) => first.at - second.at);
  return mentioned[0]?.name ?? 'all packages';
}
