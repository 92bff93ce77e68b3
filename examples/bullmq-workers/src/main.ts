// The whole setup on one machine, with one command: a local redis-server, a fake Telegram Bot API with users
// chatting, the bot process (publish only), two worker processes, and a receiver that verifies every webhook.
// Halfway through, worker-1 is killed with kill -9; worker-2 delivers the rest, and nothing is lost.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSecret } from '@bothooks/core';
import { createReceiver, hasRedisServer, RedisServer } from '@bothooks/testkit';
import { createFakeTelegram, FAKE_CHATS, FAKE_USER } from '@bothooks/testkit/telegram';

export interface DemoResult {
  /** Messages the users sent; each gives two webhooks (received, and the bot's answer sent). */
  messages: number;
  /** Distinct webhook-ids the receiver got, every one with a valid signature. */
  webhooks: number;
  verified: boolean;
  /** Deliveries each worker reported (worker-1 until it was killed). */
  byWorker: Record<string, number>;
  /** Deliveries received twice: what worker-1 had in flight when it was killed. */
  duplicates: number;
}

function start(file: string, environment: NodeJS.ProcessEnv): ChildProcess {
  return fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    env: { ...process.env, ...environment },
    execArgv: ['--import', 'tsx', '--conditions=@bothooks/source'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`a process exited (${code}) before it was ready`)));
  });
}

function stop(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  return exited;
}

export async function runDemo(
  options: { messages?: number; log?: (line: string) => void } = {},
): Promise<DemoResult> {
  const messages = options.messages ?? 20;
  const log = options.log ?? (() => undefined);
  if (!hasRedisServer()) throw new Error('redis-server is not on the PATH: apt-get install -y redis-server');
  const redis = await RedisServer.start({ appendOnly: true });
  const telegram = await createFakeTelegram();
  const secret = generateSecret();
  const receiver = await createReceiver({ secret });
  const children: ChildProcess[] = [];
  try {
    const environment = {
      REDIS_URL: redis.url,
      WEBHOOK_URL: receiver.url('/hooks'),
      WEBHOOK_SECRET: secret,
      BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
    };
    log(`redis-server on ${redis.url} (appendonly yes), fake Telegram on ${telegram.apiRoot}`);
    const byWorker: Record<string, number> = {};
    const workers = ['worker-1', 'worker-2'].map((name) => {
      const child = start('./worker.ts', { ...environment, WORKER_NAME: name });
      byWorker[name] = 0;
      child.on('message', (message: { delivered?: string }) => {
        if (typeof message === 'object' && message.delivered) byWorker[name] = (byWorker[name] ?? 0) + 1;
      });
      children.push(child);
      return child;
    });
    const bot = start('./bot.ts', environment);
    children.push(bot);
    await Promise.all([...workers, bot].map(ready));
    log('bot and two workers are up; users start chatting');

    let killed = false;
    for (let index = 0; index < messages; index += 1) {
      // Five users, each in their own private chat: five conversations, each delivered in order.
      const user = { ...FAKE_USER, id: FAKE_USER.id + (index % 5) };
      telegram.pushUpdate(
        telegram.updates.text(`message ${index}`, {
          chat: { ...FAKE_CHATS.private, id: user.id },
          from: user,
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (!killed && index >= messages / 2) {
        killed = true;
        await stop(workers[0] as ChildProcess, 'SIGKILL');
        log('worker-1 killed with kill -9; its deliveries in flight go to worker-2 once their lock expires');
      }
    }
    await receiver.waitFor(messages * 2, { timeoutMs: 60_000 });
    const ids = () => new Set(receiver.requests.map((request) => String(request.headers['webhook-id'])));
    const deadline = Date.now() + 30_000;
    while (ids().size < messages * 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all(children.map((child) => stop(child, 'SIGTERM')));
    const result: DemoResult = {
      messages,
      webhooks: ids().size,
      verified: receiver.requests.every((request) => request.verified),
      byWorker,
      duplicates: receiver.requests.length - ids().size,
    };
    log(
      `${result.webhooks} webhooks for ${messages} messages, all ${result.verified ? 'verified' : 'NOT verified'}; worker-1 delivered ${byWorker['worker-1']}, worker-2 ${byWorker['worker-2']}; ${result.duplicates} delivered twice after the kill (receivers deduplicate on webhook-id)`,
    );
    return result;
  } finally {
    await Promise.all(children.map((child) => stop(child, 'SIGKILL')));
    await receiver.close();
    await telegram.close();
    await redis.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runDemo({ log: (line) => console.log(`\n== ${line}\n`) });
}
