import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ProcessReport, ProcessSpec } from './fixtures/bothooks-process';
import { onCleanup } from './helpers';

const script = fileURLToPath(new URL('./fixtures/bothooks-process.ts', import.meta.url));

/** A bot or worker process of the test's own, killed after the test if still running. */
export interface BothooksProcess {
  readonly child: ChildProcess;
  /** Event number → webhook-id, as published. */
  readonly published: Map<number, string>;
  readonly stored: Set<string>;
  readonly problems: { code: string; message: string }[];
  readonly dropped: string[];
  delivered: number;
  readonly ready: Promise<void>;
  /** A publisher published everything and it is all stored. */
  readonly done: Promise<void>;
  readonly exited: Promise<number | null>;
  kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<number | null>;
}

export function startProcess(spec: ProcessSpec): BothooksProcess {
  const child = fork(script, [JSON.stringify(spec)], {
    execArgv: ['--import', 'tsx', '--conditions=@bothooks/source'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let markReady = (): void => undefined;
  let markDone = (): void => undefined;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const handle: BothooksProcess = {
    child,
    published: new Map(),
    stored: new Set(),
    problems: [],
    dropped: [],
    delivered: 0,
    ready: new Promise<void>((resolve, reject) => {
      markReady = resolve;
      void exited.then((code) => reject(new Error(`the ${spec.role} exited (${code}) before it was ready`)));
    }),
    done: new Promise<void>((resolve) => {
      markDone = resolve;
    }),
    exited,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  handle.ready.catch(() => undefined);
  child.on('message', (report: ProcessReport) => {
    if (report.kind === 'ready') markReady();
    else if (report.kind === 'done') markDone();
    else if (report.kind === 'published')
      for (const [index, id] of report.ids) handle.published.set(index, id);
    else if (report.kind === 'stored') for (const id of report.ids) handle.stored.add(id);
    else if (report.kind === 'delivered') handle.delivered += report.count;
    else if (report.kind === 'dropped') handle.dropped.push(...report.reasons);
    else if (report.kind === 'problem') handle.problems.push({ code: report.code, message: report.message });
  });
  onCleanup(() => handle.kill('SIGKILL'));
  return handle;
}
