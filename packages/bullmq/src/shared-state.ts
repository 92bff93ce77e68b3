import {
  CircuitBreaker,
  type CircuitBreakerSnapshot,
  type EngineHost,
  type ErrorInfo,
} from '@bothooks/core/engine';
import type { Redis } from 'ioredis';
import type { EngineKeys } from './keys';
import { readVersioned, type Scripts } from './scripts';

interface CircuitView {
  version: number;
  snapshot: CircuitBreakerSnapshot;
}

/** What a worker may do about an endpoint's circuit right now. */
export type CircuitGate = { kind: 'go'; probe: boolean } | { kind: 'wait'; ms: number };

/**
 * The endpoint state every process shares through Redis: which endpoints are disabled (410 or
 * `webhook-delivery: disable`) and each endpoint's circuit breaker. Each process keeps a mirror, refreshed every
 * `stateRefreshMs` and on its own changes, and announces each change once to its own `Webhooks` (the same
 * `endpoint-disabled`, `circuit-open` and `circuit-closed` events as the memory engine, in every process).
 *
 * The breaker logic is core's `CircuitBreaker`: a change is made on a copy restored from the shared snapshot and
 * written back with a compare-and-set, so concurrent workers never lose each other's failures. A healthy endpoint
 * costs nothing here: successes write only when there is something to reset.
 */
export class SharedState {
  private readonly disabled = new Map<string, ErrorInfo>();
  private readonly circuits = new Map<string, CircuitView>();
  /** The opening (its `openUntil`) last announced per endpoint, or 0 once announced closed. */
  private readonly announcedOpen = new Map<string, number>();
  /** Enables made here that Redis has not taken yet (it was down): retried by every refresh. */
  private readonly pendingEnables = new Set<string>();
  /** Per-endpoint chains, so one process's breaker updates never race each other. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Bumped by every local change of a circuit, so a refresh that read Redis before it cannot undo it. */
  private generation = 0;
  private readonly changedAt = new Map<string, number>();
  /** The generation of each endpoint's last local disable or enable, guarded the same way. */
  private readonly disabledChangedAt = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing = false;

  constructor(
    private readonly redis: Redis,
    private readonly scripts: Scripts,
    private readonly keys: EngineKeys,
    private readonly host: EngineHost,
    private readonly refreshMs: number,
    /** Called when an endpoint's circuit closes, wherever it was closed. */
    private readonly onClosed: (endpointId: string) => void,
  ) {}

  start(): void {
    const tick = (): void => {
      this.timer = setTimeout(() => {
        void this.refresh().finally(() => {
          if (this.timer) tick();
        });
      }, this.refreshMs);
      // Reading shared state must never keep a finished process alive.
      this.timer.unref();
    };
    void this.refresh();
    tick();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  isDisabled(endpointId: string): boolean {
    return this.disabled.has(endpointId);
  }

  /** Reads the shared state now; on any Redis error the mirror simply stays as it was. */
  async refresh(): Promise<void> {
    if (this.refreshing || this.redis.status !== 'ready') return;
    this.refreshing = true;
    try {
      for (const endpointId of [...this.pendingEnables]) {
        await this.clearShared(endpointId);
        this.pendingEnables.delete(endpointId);
      }
      const startedAt = this.generation;
      const [disabled, circuits] = await Promise.all([
        this.redis.hgetall(this.keys.disabled),
        this.redis.hgetall(this.keys.circuits),
      ]);
      this.applyDisabled(disabled, startedAt);
      for (const [endpointId, stored] of Object.entries(circuits)) {
        const view = parseView(stored);
        const known = this.circuits.get(endpointId);
        if (view && (!known || view.version > known.version)) this.setCircuit(endpointId, view);
      }
      for (const endpointId of [...this.circuits.keys()]) {
        const changedLocally = (this.changedAt.get(endpointId) ?? -1) >= startedAt;
        if (!(endpointId in circuits) && !changedLocally) this.setCircuit(endpointId, undefined);
      }
    } catch {
      // Redis is away: the connection's own error report says so, and the next refresh tries again.
    } finally {
      this.refreshing = false;
    }
  }

  /** Disables an endpoint for every process; announced here at once, elsewhere at their next refresh. */
  async disable(endpointId: string, reason: ErrorInfo): Promise<void> {
    this.markDisabled(endpointId, reason);
    this.changedDisabledLocally(endpointId);
    await this.redis.hset(this.keys.disabled, endpointId, JSON.stringify(reason));
  }

  /** Re-enables an endpoint for every process, with a closed circuit. */
  enable(endpointId: string): void {
    this.disabled.delete(endpointId);
    this.changedDisabledLocally(endpointId);
    this.setCircuit(endpointId, undefined);
    this.pendingEnables.add(endpointId);
    void this.clearShared(endpointId).then(
      () => this.pendingEnables.delete(endpointId),
      () => undefined,
    );
  }

  /** Whether a worker may send to an endpoint now: closed circuit, one probe of an expired one, or wait. */
  async gate(endpointId: string, probeKey: string, probeMs: number): Promise<CircuitGate> {
    const view = this.circuits.get(endpointId);
    if (!view || view.snapshot.state === 'closed') return { kind: 'go', probe: false };
    const now = Date.now();
    if (view.snapshot.state === 'open' && now < view.snapshot.openUntil) {
      return { kind: 'wait', ms: view.snapshot.openUntil - now };
    }
    const acquired = await this.redis.set(probeKey, '1', 'PX', probeMs, 'NX');
    return acquired === 'OK' ? { kind: 'go', probe: true } : { kind: 'wait', ms: Math.min(probeMs, 1_000) };
  }

  releaseProbe(probeKey: string): void {
    this.redis.del(probeKey).catch(() => undefined);
  }

  /** Records an attempt's outcome in the endpoint's shared breaker. Never rejects. */
  record(endpointId: string, outcome: 'success' | 'failure'): Promise<void> {
    const settings = this.host.settings.circuitBreaker;
    if (!settings) return Promise.resolve();
    if (outcome === 'success' && isPristine(this.circuits.get(endpointId))) return Promise.resolve();
    const previous = this.chains.get(endpointId) ?? Promise.resolve();
    const next = previous.then(() => this.update(endpointId, outcome, settings)).catch(() => undefined);
    this.chains.set(endpointId, next);
    void next.then(() => {
      if (this.chains.get(endpointId) === next) this.chains.delete(endpointId);
    });
    return next;
  }

  private async update(
    endpointId: string,
    outcome: 'success' | 'failure',
    settings: NonNullable<EngineHost['settings']['circuitBreaker']>,
  ): Promise<void> {
    let view = this.circuits.get(endpointId);
    for (let tries = 0; tries < 8; tries += 1) {
      if (outcome === 'success' && isPristine(view)) return;
      const breaker = new CircuitBreaker(settings);
      if (view) breaker.restore(view.snapshot);
      const now = Date.now();
      if (outcome === 'success') {
        breaker.success();
      } else {
        // An expired opening becomes half-open first, so the probe's failure reopens it for longer.
        breaker.allows(now, 0);
        breaker.failure(now);
      }
      const snapshot = breaker.snapshot();
      const version = view?.version ?? 0;
      const written = await this.scripts.compareAndSet(
        this.keys.circuits,
        endpointId,
        version,
        JSON.stringify(snapshot),
      );
      if (written === true) {
        this.changedAt.set(endpointId, this.generation);
        this.generation += 1;
        this.setCircuit(endpointId, { version: version + 1, snapshot });
        return;
      }
      view = parseView(written);
      if (view) this.setCircuit(endpointId, view);
    }
  }

  private async clearShared(endpointId: string): Promise<void> {
    await Promise.all([
      this.redis.hdel(this.keys.disabled, endpointId),
      this.redis.hdel(this.keys.circuits, endpointId),
    ]);
  }

  private changedDisabledLocally(endpointId: string): void {
    this.disabledChangedAt.set(endpointId, this.generation);
    this.generation += 1;
  }

  /**
   * Mirrors what Redis said. An endpoint this process disabled or enabled after the read began keeps its local
   * state: the read may predate the write, and undoing it would announce the change a second time.
   */
  private applyDisabled(stored: Record<string, string>, startedAt: number): void {
    const changedSince = (endpointId: string) => (this.disabledChangedAt.get(endpointId) ?? -1) >= startedAt;
    for (const [endpointId, reason] of Object.entries(stored)) {
      if (this.pendingEnables.has(endpointId) || this.disabled.has(endpointId)) continue;
      if (changedSince(endpointId)) continue;
      this.markDisabled(endpointId, parseReason(reason));
    }
    for (const endpointId of [...this.disabled.keys()]) {
      if (endpointId in stored || changedSince(endpointId)) continue;
      this.disabled.delete(endpointId);
      this.host.endpointEnabled?.(endpointId);
    }
  }

  private markDisabled(endpointId: string, reason: ErrorInfo): void {
    if (this.disabled.has(endpointId)) return;
    this.disabled.set(endpointId, reason);
    this.host.endpointDisabled(endpointId, reason);
  }

  private setCircuit(endpointId: string, view: CircuitView | undefined): void {
    if (view) this.circuits.set(endpointId, view);
    else this.circuits.delete(endpointId);
    const snapshot = view?.snapshot;
    const announced = this.announcedOpen.get(endpointId) ?? 0;
    if (snapshot?.state === 'open') {
      if (snapshot.openUntil !== announced) {
        this.announcedOpen.set(endpointId, snapshot.openUntil);
        this.host.circuit(endpointId, 'open', snapshot.cooldownMs);
      }
    } else if ((!snapshot || snapshot.state === 'closed') && announced !== 0) {
      this.announcedOpen.delete(endpointId);
      this.onClosed(endpointId);
      if (!this.disabled.has(endpointId)) this.host.circuit(endpointId, 'closed', 0);
    }
  }
}

function isPristine(view: CircuitView | undefined): boolean {
  return !view || (view.snapshot.state === 'closed' && view.snapshot.consecutiveFailures === 0);
}

function parseView(stored: string | null | undefined): CircuitView | undefined {
  if (!stored) return undefined;
  const { version, value } = readVersioned(stored);
  try {
    return { version, snapshot: JSON.parse(value) as CircuitBreakerSnapshot };
  } catch {
    return undefined;
  }
}

function parseReason(stored: string): ErrorInfo {
  try {
    const parsed = JSON.parse(stored) as ErrorInfo;
    if (typeof parsed.code === 'string' && typeof parsed.message === 'string') return parsed;
  } catch {
    // A reason another version wrote: still disabled.
  }
  return { code: 'ENDPOINT_GONE', message: 'the endpoint was disabled by another process' };
}
