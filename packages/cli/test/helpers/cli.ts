import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

// The tests run the real bin as a child process: from the TypeScript source by default (no build needed), or
// the built one with BOTHOOKS_CLI=dist (after `npm run build`).
function command(args: readonly string[]): [string, string[]] {
  if (process.env.BOTHOOKS_CLI === 'dist') return [process.execPath, ['dist/bin.js', ...args]];
  return [process.execPath, ['--import', 'tsx', '--conditions=@bothooks/source', 'src/bin.ts', ...args]];
}

/** The child's environment: the test's, without colour settings (a child's output is never a terminal). */
function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.BOTHOOKS_SECRET;
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `bothooks <args>` to the end. */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<Finished> {
  const [file, argv] = command(args);
  const child = spawn(file, argv, {
    cwd: packageRoot,
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return finished(child, options.timeoutMs ?? 30_000);
}

function finished(child: ChildProcess, timeoutMs: number): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`bothooks did not finish within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`),
      );
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

type JsonLine = Record<string, unknown>;

/** A `bothooks listen` running in the background. */
export interface RunningListener {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The inspector's URL, with `--ui`. */
  inspectorUrl: string | undefined;
  stdout(): string;
  stderr(): string;
  /** Resolves with stdout once it satisfies `test` (for example, holds a delivery line). */
  waitForOutput(test: (stdout: string) => boolean, timeoutMs?: number): Promise<string>;
  /** The `--json` lines printed so far, parsed. */
  jsonLines(): Record<string, unknown>[];
  /** Resolves with the `--json` lines of requests to `url` (exactly, or as `url` decides) once there are `count`. */
  waitForJson(url: string | ((url: string) => boolean), count?: number): Promise<[JsonLine, ...JsonLine[]]>;
  /** Stops it the way a developer does (SIGINT) and resolves with how it ended. */
  stop(): Promise<Finished>;
}

/** Starts `bothooks listen <args>` and resolves once it says where it receives. */
export async function startListen(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<RunningListener> {
  const [file, argv] = command(['listen', ...args]);
  const child = spawn(file, argv, {
    cwd: packageRoot,
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    notify();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    notify();
  });
  const ended = new Promise<Finished>((resolve) => {
    child.on('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
      notify();
    });
  });
  let exited = false;
  child.on('close', () => {
    exited = true;
  });

  const waitFor = (test: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (test()) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        } else if (exited) {
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`bothooks listen exited before ${what}\nstdout: ${stdout}\nstderr: ${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}\nstdout: ${stdout}\nstderr: ${stderr}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  try {
    await waitFor(
      () => stderr.includes('Waiting for deliveries'),
      'the listener to start',
      options.timeoutMs ?? 20_000,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const url = /Receiving on\s+(http:\/\/\S+)/.exec(stderr)?.[1] as string;
  const inspectorUrl = /Inspector\s+(http:\/\/\S+)/.exec(stderr)?.[1];

  const jsonLines = () =>
    stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  return {
    url,
    inspectorUrl,
    stdout: () => stdout,
    stderr: () => stderr,
    async waitForOutput(test, timeoutMs = 10_000) {
      await waitFor(() => test(stdout), 'the expected output', timeoutMs);
      return stdout;
    },
    jsonLines,
    async waitForJson(url, count = 1) {
      const test = typeof url === 'string' ? (candidate: string) => candidate === url : url;
      const matching = () => jsonLines().filter((line) => test(String(line.url)));
      await waitFor(() => matching().length >= count, `${count} JSON line(s) for ${String(url)}`, 10_000);
      return matching() as [JsonLine, ...JsonLine[]];
    },
    async stop() {
      if (!exited) child.kill('SIGINT');
      return ended;
    },
  };
}

/** `bothooks listen --ui` on free ports, checking signatures and forwarding to `forwardTo`. */
export function startInspectedListen(secret: string, forwardTo: string): Promise<RunningListener> {
  return startListen([
    '--port',
    '0',
    '--ui',
    '--ui-port',
    '0',
    '--secret',
    secret,
    '--forward-to',
    forwardTo,
  ]);
}
