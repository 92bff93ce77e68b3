import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A receiver in a child process: each of its servers answers every request 204 (after `delayMs`), or never. */
export interface BenchReceiver {
  urls: string[];
  received(): Promise<number>;
  close(): Promise<void>;
}

function nextMessage<TMessage>(child: ChildProcess): Promise<TMessage> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as TMessage));
    child.once('error', reject);
  });
}

export async function startReceiver(
  options: { delayMs?: number; hang?: boolean; servers?: number } = {},
): Promise<BenchReceiver> {
  const script = fileURLToPath(new URL('./receiver-process.mjs', import.meta.url));
  const child = fork(script, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { ports } = await nextMessage<{ ports: number[] }>(child);
  return {
    urls: ports.map((port) => `http://127.0.0.1:${port}/hooks`),
    received: async () => {
      const reply = nextMessage<{ received: number }>(child);
      child.send('count');
      return (await reply).received;
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}

/** A URL on 127.0.0.1 where nothing listens: connections are refused at once. */
export const DEAD_URL = 'http://127.0.0.1:9/hooks';
