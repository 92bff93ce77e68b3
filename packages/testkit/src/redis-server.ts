import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `redis-server` (Debian's `redis-server` package) is on the PATH. */
export function hasRedisServer(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Every redis-server started here and still running: killed when this process exits, however it exits. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One PING over a raw socket: true once Redis answers PONG (and not LOADING, as it does after a restart). */
function ping(port: number, password: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let answer = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write(`${password ? `AUTH ${password}\r\n` : ''}PING\r\n`));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('+PONG')) done(true);
      else if (/-(LOADING|ERR|WRONGPASS|NOAUTH)/.test(answer)) done(false);
    });
  });
}

export interface RedisServerOptions {
  /** @default true: the append-only file, fsync every second, as @bothooks/bullmq recommends */
  appendOnly?: boolean;
  /** @default 'noeviction' */
  maxmemoryPolicy?: string;
  /** Clients must authenticate with it. @default none */
  password?: string;
}

/**
 * A real `redis-server` of a test's (or a benchmark's) own, on a free loopback port, with its data in a temporary
 * directory; it can be killed and started again on the same port and data, as a crashed Redis is.
 */
export class RedisServer {
  private process: ChildProcess | undefined;
  readonly directory = mkdtempSync(join(tmpdir(), 'bothooks-redis-'));

  private constructor(
    readonly port: number,
    private readonly options: Required<RedisServerOptions>,
  ) {}

  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), {
      appendOnly: options.appendOnly ?? true,
      maxmemoryPolicy: options.maxmemoryPolicy ?? 'noeviction',
      password: options.password ?? '',
    });
    await server.launch();
    return server;
  }

  /** `redis://[:password@]127.0.0.1:<port>` */
  get url(): string {
    const credentials = this.options.password ? `:${this.options.password}@` : '';
    return `redis://${credentials}127.0.0.1:${this.port}`;
  }

  /** Starts it (again, on the same port and data directory); resolves once it answers. */
  async launch(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.directory,
        '--save',
        '',
        '--appendonly',
        this.options.appendOnly ? 'yes' : 'no',
        '--appendfsync',
        'everysec',
        '--maxmemory-policy',
        this.options.maxmemoryPolicy,
        '--daemonize',
        'no',
        ...(this.options.password ? ['--requirepass', this.options.password] : []),
      ],
      { stdio: 'ignore' },
    );
    this.process = child;
    running.add(child);
    child.once('exit', () => running.delete(child));
    const deadline = Date.now() + 10_000;
    while (!(await ping(this.port, this.options.password))) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('redis-server did not start within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Stops it: `SIGKILL` is a crash (no final write), `SIGTERM` a clean shutdown. */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /** Kills it and deletes its data. */
  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.directory, { recursive: true, force: true });
  }
}
