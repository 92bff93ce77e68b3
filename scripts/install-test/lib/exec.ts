import { type ChildProcess, spawn } from 'node:child_process';

/** How one command ended, with everything a failure report needs. */
export interface CommandResult {
  /** The command line as a person would type it. */
  command: string;
  cwd: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** @default 300_000 */
  timeoutMs?: number;
}

/** Quotes an argument only when a shell would need it, so a printed command can be pasted back. */
export function quote(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replaceAll("'", "'\\''")}'`;
}

export function commandLine(file: string, args: readonly string[]): string {
  return [file, ...args].map(quote).join(' ');
}

/** What a child process printed so far, collected as it comes. */
export function collectOutput(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return { stdout: () => stdout, stderr: () => stderr };
}

/** Runs a command to its end (or its timeout) and resolves with its result; it never rejects. */
export function run(file: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  const started = performance.now();
  const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collectOutput(child);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 300_000);
  return new Promise((resolve) => {
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, error?: Error): void => {
      clearTimeout(timer);
      resolve({
        command: commandLine(file, args),
        cwd: options.cwd,
        exitCode,
        signal,
        timedOut,
        stdout: output.stdout(),
        stderr: error ? `${output.stderr()}${error.message}\n` : output.stderr(),
        durationMs: performance.now() - started,
      });
    };
    child.once('error', (error) => finish(null, null, error));
    child.once('close', (exitCode, signal) => finish(exitCode, signal));
  });
}

/** Why a finished command counts as failed, or undefined when it exited 0. */
export function commandFailure(result: CommandResult): string | undefined {
  if (result.timedOut) return `did not finish within ${Math.round(result.durationMs / 1000)} s`;
  if (result.signal) return `was killed by ${result.signal}`;
  if (result.exitCode !== 0) return `exited with code ${result.exitCode ?? 'none'}`;
  return undefined;
}
