import { inspect } from 'node:util';
import { EndpointQueue } from './endpoint-queue';
import {
  type DeliveryEndpoint,
  type DeliveryEngine,
  type EngineHost,
  type EngineJob,
  engineInUse,
} from './engine';

/**
 * The engine that delivers on the caller's own event loop: a keep-alive pool, a concurrency limit, retry timers,
 * per-conversation lanes and a circuit breaker per endpoint. Nothing to start or stop, and every outcome is
 * reported as it happens. Its cost is CPU on the caller's thread (signing and HTTP, about 30 µs per delivery);
 * `threadEngine()` moves that off.
 *
 * @example
 * ```ts
 * const hooks = createWebhooks({ endpoints, engine: inlineEngine() });
 * ```
 */
export function inlineEngine(): DeliveryEngine {
  return new InlineEngine();
}

class InlineEngine implements DeliveryEngine {
  readonly name = 'inline';

  // The engine holds endpoints' keys and headers; inspecting it shows none of them.
  [inspect.custom](): string {
    return `InlineEngine { name: '${this.name}' }`;
  }
  private host: EngineHost | undefined;
  private readonly queues = new Map<string, EndpointQueue>();

  start(host: EngineHost, endpoints: readonly DeliveryEndpoint[]): void {
    if (this.host) {
      throw engineInUse('inline');
    }
    this.host = host;
    for (const endpoint of endpoints) this.addEndpoint(endpoint);
  }

  submit(job: EngineJob): void {
    this.queues.get(job.endpointId)?.enqueue(job);
  }

  cancel(job: EngineJob): void {
    this.queues.get(job.endpointId)?.cancel(job.seq);
  }

  addEndpoint(endpoint: DeliveryEndpoint): void {
    if (!this.host || this.queues.has(endpoint.id)) return;
    this.queues.set(endpoint.id, new EndpointQueue(endpoint, this.host));
  }

  removeEndpoint(endpointId: string): void {
    const queue = this.queues.get(endpointId);
    if (!queue) return;
    this.queues.delete(endpointId);
    queue.cancelAll();
    void queue.destroy();
  }

  enableEndpoint(endpointId: string): void {
    this.queues.get(endpointId)?.enable();
  }

  async close(): Promise<void> {
    const queues = [...this.queues.values()];
    this.queues.clear();
    for (const queue of queues) queue.cancelAll();
    await Promise.all(queues.map((queue) => queue.destroy()));
  }
}
