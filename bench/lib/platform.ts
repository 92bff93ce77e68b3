import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PlatformRequest } from './platform-host';

/** The fake platforms, running in a child process (see platform-host.ts). */
export interface PlatformProcess {
  call<TResult>(request: PlatformRequest): Promise<TResult>;
  close(): Promise<void>;
}

export async function startPlatforms(): Promise<PlatformProcess> {
  const script = fileURLToPath(new URL('./platform-host.ts', import.meta.url));
  const child: ChildProcess = fork(script, [], {
    execArgv: ['--import', 'tsx', '--conditions=@bothooks/source'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('error', reject);
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 0;
  child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.result);
  });
  return {
    call: <TResult>(request: PlatformRequest) =>
      new Promise<TResult>((resolve, reject) => {
        next += 1;
        pending.set(next, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id: next, request });
      }),
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
