import { inspect } from 'node:util';
import { BothooksError } from '@bothooks/core';
import {
  type DeliveryEndpoint,
  type DeliveryEngine,
  type EngineHost,
  type EngineJob,
  engineInUse,
} from '@bothooks/core/engine';
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { closeRedis, createRedis, describeConnection } from './connection';
import { ConnectionHealth } from './connection-health';
import { type DeadLetter, listDeadLetters, replayDeadLetters } from './dead-letters';
import { EndpointWorker } from './delivery-worker';
import { sanitize } from './failures';
import { EngineKeys, newInstanceId, queueName } from './keys';
import { type BullmqEngineOptions, type ResolvedBullmqOptions, resolveBullmqOptions } from './options';
import { EndpointPublisher, type PublisherContext, type StoredJobData } from './publisher';
import { checkRedisSettings } from './redis-check';
import { Scripts } from './scripts';
import { SharedState } from './shared-state';

/** The durable engine: a `DeliveryEngine` plus what only a durable one can do. */
export interface BullmqEngine extends DeliveryEngine {
  readonly name: 'bullmq';
  /**
   * Resolves once this process is connected to Redis; rejects with a `BothooksError` (`REDIS_UNAVAILABLE`) naming
   * where it tried and why, if that takes longer than `timeoutMs`. Publishing never needs it: it buffers.
   */
  ready(options?: { timeoutMs?: number }): Promise<void>;
  /** An endpoint's dead letters, newest first. */
  deadLetters(options: { endpoint: string; offset?: number; limit?: number }): Promise<DeadLetter[]>;
  /**
   * Sends one message's dead letters again (every endpoint's, or one endpoint's), with the original
   * `webhook-id` and a fresh retry schedule. Resolves with how many deliveries were replayed.
   */
  replay(messageId: string, options?: { endpoint?: string }): Promise<number>;
  /** Sends every dead letter of an endpoint again, as {@link BullmqEngine.replay} does. */
  replayAll(options: { endpoint: string }): Promise<number>;
}

/**
 * Durable, multi-process delivery on Redis with BullMQ: what a bot publishes is stored in Redis, and worker
 * processes (this one too, unless `worker: false`) deliver it, so no pending webhook dies with a process: not in
 * a deploy, a crash, an OOM kill, nor while a retry waits 10 hours. Every process passes the same endpoints to
 * `createWebhooks`; secrets stay in that configuration and never reach Redis.
 *
 * `publish()` stays synchronous: jobs are stored off the caller's stack, in batches, and each stored batch is
 * reported as a `stored` event. `flush()` resolves once everything published before it is stored (delivery then
 * happens in whichever worker takes each job, which reports it); `close()` stops this process's workers, waiting
 * for their deliveries in flight.
 *
 * @example
 * ```ts
 * const hooks = createWebhooks({
 *   endpoints, // the same in every process
 *   engine: bullmqEngine({ connection: process.env.REDIS_URL, worker: false }), // a bot that only publishes
 * });
 * ```
 */
export function bullmqEngine(options: BullmqEngineOptions = {}): BullmqEngine {
  return new DurableEngine(resolveBullmqOptions(options));
}

/** One endpoint's parts in this process. */
interface EndpointParts {
  readonly endpoint: DeliveryEndpoint;
  readonly queue: Queue<StoredJobData>;
  readonly publisher: EndpointPublisher;
  worker: EndpointWorker | undefined;
}

class DurableEngine implements BullmqEngine {
  readonly name = 'bullmq' as const;
  private host: EngineHost | undefined;
  private producer: Redis | undefined;
  private workerConnection: Redis | undefined;
  private scripts: Scripts | undefined;
  private workerScripts: Scripts | undefined;
  private state: SharedState | undefined;
  private readonly keys: EngineKeys;
  private readonly parts = new Map<string, EndpointParts>();
  /** Queues opened only to read or replay dead letters of endpoints this process does not deliver to. */
  private readonly adminQueues = new Map<string, Queue<StoredJobData>>();
  private readonly readyCallbacks = new Set<() => void>();
  private readonly where: string;
  private readonly instanceId = newInstanceId();
  private jobOptions: JobsOptions = {};
  private readonly health: ConnectionHealth;
  private checkedSettings = false;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: ResolvedBullmqOptions) {
    this.keys = new EngineKeys(options.prefix);
    this.where = describeConnection(options.connection);
    this.health = new ConnectionHealth(this.where, options.worker, {
      host: () => this.host,
      closing: () => this.closing !== undefined,
      waiting: () => {
        let waiting = 0;
        for (const parts of this.parts.values()) waiting += parts.publisher.pending;
        return waiting;
      },
    });
  }

  start(host: EngineHost, endpoints: readonly DeliveryEndpoint[]): void {
    if (this.host) {
      throw engineInUse('bullmq');
    }
    this.host = host;
    const { retention } = this.options;
    this.jobOptions = {
      attempts: host.settings.retryDelays.length + 1,
      backoff: { type: 'bothooks' },
      removeOnComplete: keep(retention.completed),
      removeOnFail: keep(retention.deadLetters),
      // Stacks are the one part of an error we do not write; BullMQ would keep them in Redis.
      stackTraceLimit: 0,
    };
    const producer = createRedis('producer', this.options, () => this.closing !== undefined);
    this.producer = producer;
    this.watchConnection(producer, 'producer');
    this.scripts = new Scripts(producer);
    this.state = new SharedState(producer, this.scripts, this.keys, host, this.options.stateRefreshMs, (id) =>
      this.parts.get(id)?.worker?.unpause(),
    );
    if (this.options.worker) {
      this.workerConnection = createRedis('worker', this.options, () => this.closing !== undefined);
      this.watchConnection(this.workerConnection, 'worker');
      this.workerScripts = new Scripts(this.workerConnection);
    }
    for (const endpoint of endpoints) this.addEndpoint(endpoint);
    this.state.start();
  }

  submit(job: EngineJob): void {
    this.parts.get(job.endpointId)?.publisher.submit(job);
  }

  cancel(job: EngineJob): void {
    this.parts.get(job.endpointId)?.publisher.cancel(job.seq);
  }

  addEndpoint(endpoint: DeliveryEndpoint): void {
    const { host, producer, scripts, state } = this;
    if (!host || !producer || !scripts || !state || this.closing || this.parts.has(endpoint.id)) return;
    const name = queueName(endpoint.id);
    const queue = this.openQueue(name);
    const context: PublisherContext = {
      host,
      producer,
      scripts,
      keys: this.keys,
      instanceId: this.instanceId,
      batchSize: this.options.batchSize,
      retryMaxDelayMs: this.options.reconnectMaxDelayMs,
      jobOptions: this.jobOptions,
      unavailable: (error) => this.health.problem(error),
      available: () => this.health.storing(),
      whenReady: (callback) => this.readyCallbacks.add(callback),
    };
    const parts: EndpointParts = {
      endpoint,
      queue,
      publisher: new EndpointPublisher(() => queue, name, context),
      worker: undefined,
    };
    if (this.workerConnection && this.workerScripts) {
      parts.worker = new EndpointWorker(endpoint, name, {
        host,
        connection: this.workerConnection,
        queue,
        scripts: this.workerScripts,
        keys: this.keys,
        state,
        options: this.options,
        problem: (error) => this.health.workerProblem(error, endpoint.id),
      });
      if (this.workerConnection.status === 'ready') parts.worker.start();
    }
    this.parts.set(endpoint.id, parts);
  }

  /** This process stops publishing to and delivering for it; its stored jobs stay for processes that still have it. */
  removeEndpoint(endpointId: string): void {
    const parts = this.parts.get(endpointId);
    if (!parts) return;
    this.parts.delete(endpointId);
    parts.publisher.close();
    void (async () => {
      await parts.worker?.close(this.options.closeTimeoutMs);
      await parts.queue.close().catch(() => undefined);
    })();
  }

  enableEndpoint(endpointId: string): void {
    this.state?.enable(endpointId);
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  async ready(options: { timeoutMs?: number } = {}): Promise<void> {
    const connections = [this.producer, this.workerConnection].filter(
      (connection): connection is Redis => connection !== undefined,
    );
    if (connections.length === 0) {
      throw new BothooksError('NOT_STARTED', 'pass the engine to createWebhooks() before calling ready()');
    }
    const timeoutMs = options.timeoutMs ?? 10_000;
    const deadline = Date.now() + timeoutMs;
    while (connections.some((connection) => connection.status !== 'ready')) {
      if (this.closing) throw new BothooksError('CLOSED', 'the engine is closed');
      if (Date.now() >= deadline) {
        const why = this.health.lastError ? `: ${sanitize(this.health.lastError.message, undefined)}` : '';
        throw new BothooksError(
          'REDIS_UNAVAILABLE',
          `cannot reach Redis at ${this.where} within ${timeoutMs} ms${why}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  deadLetters(options: { endpoint: string; offset?: number; limit?: number }): Promise<DeadLetter[]> {
    const offset = options.offset ?? 0;
    const limit = options.limit ?? 100;
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      return Promise.reject(
        new BothooksError('INVALID_ARGUMENT', 'offset must be 0 or more, limit an integer from 1 to 10000'),
      );
    }
    return this.admin(async () =>
      listDeadLetters(this.queueFor(options.endpoint), options.endpoint, offset, limit),
    );
  }

  replay(messageId: string, options: { endpoint?: string } = {}): Promise<number> {
    const endpointIds = options.endpoint === undefined ? [...this.parts.keys()] : [options.endpoint];
    return this.admin(async (producer) => {
      let replayed = 0;
      for (const endpointId of endpointIds) {
        replayed += await replayDeadLetters(producer, this.queueFor(endpointId), messageId);
      }
      return replayed;
    });
  }

  replayAll(options: { endpoint: string }): Promise<number> {
    return this.admin((producer) => replayDeadLetters(producer, this.queueFor(options.endpoint)));
  }

  /** Shows what the engine is, never its connection options (they may hold Redis's password). */
  [inspect.custom](): string {
    const { redis, prefix, worker, endpoints } = this.toJSON();
    return `BullmqEngine { redis: '${redis}', prefix: '${prefix}', worker: ${worker}, endpoints: ${endpoints} }`;
  }

  /** The same for `JSON.stringify`, which would otherwise walk into the options. */
  toJSON(): { name: 'bullmq'; redis: string; prefix: string; worker: boolean; endpoints: number } {
    return {
      name: this.name,
      redis: this.where,
      prefix: this.options.prefix,
      worker: this.options.worker,
      endpoints: this.parts.size,
    };
  }

  private async admin<TResult>(run: (producer: Redis) => Promise<TResult>): Promise<TResult> {
    const producer = this.producer;
    if (!producer) {
      throw new BothooksError('NOT_STARTED', 'pass the engine to createWebhooks() first');
    }
    if (producer.status !== 'ready') {
      throw new BothooksError('REDIS_UNAVAILABLE', `Redis at ${this.where} is not reachable right now`);
    }
    return run(producer);
  }

  private queueFor(endpointId: string): Queue<StoredJobData> {
    const own = this.parts.get(endpointId);
    if (own) return own.queue;
    const name = queueName(endpointId);
    let queue = this.adminQueues.get(name);
    if (!queue) {
      queue = this.openQueue(name);
      this.adminQueues.set(name, queue);
    }
    return queue;
  }

  private openQueue(name: string): Queue<StoredJobData> {
    const queue = new Queue<StoredJobData>(name, {
      connection: this.producer as Redis,
      prefix: this.options.prefix,
    });
    queue.on('error', (error) => this.health.problem(error));
    return queue;
  }

  private watchConnection(redis: Redis, role: 'producer' | 'worker'): void {
    redis.on('error', (error: Error) => this.health.connectionFailed(error));
    redis.on('ready', () => {
      this.health.recovered();
      if (role === 'worker') {
        for (const parts of this.parts.values()) parts.worker?.start();
        return;
      }
      for (const callback of [...this.readyCallbacks]) {
        this.readyCallbacks.delete(callback);
        callback();
      }
      void this.state?.refresh();
      if (!this.checkedSettings) {
        this.checkedSettings = true;
        checkRedisSettings(redis, this.where).then(
          (problems) => {
            for (const problem of problems) this.host?.problem(problem);
          },
          () => {
            this.checkedSettings = false;
          },
        );
      }
    });
  }

  private async shutDown(): Promise<void> {
    this.state?.stop();
    this.readyCallbacks.clear();
    const parts = [...this.parts.values()];
    this.parts.clear();
    for (const part of parts) part.publisher.close();
    await Promise.all(parts.map((part) => part.worker?.close(this.options.closeTimeoutMs)));
    const queues = [...parts.map((part) => part.queue), ...this.adminQueues.values()];
    this.adminQueues.clear();
    // A queue that never connected has nothing to close politely.
    const wait = this.producer?.status === 'ready' ? 1_000 : 0;
    await Promise.all(queues.map((queue) => withTimeout(queue.close(), wait)));
    const linger = this.options.reconnectMaxDelayMs + 1_000;
    await Promise.all(
      [this.producer, this.workerConnection].map(
        (connection) => connection && closeRedis(connection, linger),
      ),
    );
  }
}

/** BullMQ's retention setting for a limit: ages in seconds, and `true` (remove at once) for a count of 0. */
function keep(limit: { maxAgeMs: number; maxCount: number }): JobsOptions['removeOnComplete'] {
  if (limit.maxCount === 0) return true;
  return { age: Math.ceil(limit.maxAgeMs / 1_000), count: limit.maxCount };
}

function withTimeout(promise: Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
}
