import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';

/** Whether `redis-server` is on the PATH. */
export function hasRedisServer(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Tests that need Redis run against a real `redis-server` they start themselves. Without one on the PATH they
 * fail under CI (`CI=true`) and skip, saying so loudly, elsewhere.
 */
export function requireRedisServer(): boolean {
  if (hasRedisServer()) return true;
  const message =
    'redis-server is not on the PATH: install it (apt-get install -y redis-server) to run the @bothooks/bullmq tests';
  if (process.env.CI === 'true') throw new Error(message);
  process.stderr.write(`\n\n!!! SKIPPING the @bothooks/bullmq Redis tests: ${message} !!!\n\n`);
  return false;
}

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

export interface RedisServerOptions {
  /** @default true: the append-only file, fsync every second, as the README recommends */
  appendOnly?: boolean;
  /** @default 'noeviction' */
  maxmemoryPolicy?: string;
  /** Clients must authenticate with it. @default none */
  password?: string;
}

/** A redis-server of a test's own, on a free loopback port, with its data in a temporary directory. */
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

  get url(): string {
    const credentials = this.options.password ? `:${this.options.password}@` : '';
    return `redis://${credentials}127.0.0.1:${this.port}`;
  }

  /** Starts it (again, on the same port and data directory). */
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
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = this.connect({ lazyConnect: true, retryStrategy: () => null });
      try {
        await probe.connect();
        // Loading the append-only file after a restart answers LOADING until done.
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
        if (Date.now() > deadline) throw new Error('redis-server did not start within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  }

  /** Stops it: `SIGKILL` is a crash (no final save), `SIGTERM` a clean shutdown. */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /** A plain client for the test to look into Redis with. */
  client(): Redis {
    return this.connect({});
  }

  private connect(options: RedisOptions): Redis {
    const client = new Redis({
      port: this.port,
      host: '127.0.0.1',
      disconnectTimeout: 100,
      ...(this.options.password ? { password: this.options.password } : {}),
      ...options,
    });
    client.on('error', () => undefined);
    return client;
  }

  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.directory, { recursive: true, force: true });
  }
}
