/** Settings of {@link CircuitBreaker}. */
export interface CircuitBreakerSettings {
  failureThreshold: number;
  cooldownMs: number;
  maxCooldownMs: number;
}

/** A breaker's state as plain data: what an engine shares between processes (`snapshot()`, `restore()`). */
export interface CircuitBreakerSnapshot {
  state: 'closed' | 'open' | 'half-open';
  openUntil: number;
  consecutiveFailures: number;
  cooldownMs: number;
}

/**
 * Pauses an endpoint after consecutive failures so a dead receiver costs no sockets or CPU,
 * then lets a single probe through to decide whether traffic resumes.
 */
export class CircuitBreaker {
  state: 'closed' | 'open' | 'half-open' = 'closed';
  /** When an open circuit lets its probe through (epoch ms). */
  openUntil = 0;
  private consecutiveFailures = 0;
  private cooldownMs: number;

  constructor(private readonly settings: CircuitBreakerSettings) {
    this.cooldownMs = settings.cooldownMs;
  }

  /** Whether an attempt may start now, given how many are in flight. */
  allows(now: number, inFlight: number): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open') {
      if (now < this.openUntil) return false;
      this.state = 'half-open';
    }
    return inFlight === 0;
  }

  /** Records a success; true when it closes an open or half-open circuit. */
  success(): boolean {
    this.consecutiveFailures = 0;
    this.cooldownMs = this.settings.cooldownMs;
    if (this.state === 'closed') return false;
    this.state = 'closed';
    return true;
  }

  /** Records a failure; true when it opens the circuit. */
  failure(now: number): boolean {
    this.consecutiveFailures += 1;
    if (this.state === 'half-open') {
      this.cooldownMs = Math.min(this.cooldownMs * 2, this.settings.maxCooldownMs);
      this.open(now);
      return true;
    }
    if (this.state === 'closed' && this.consecutiveFailures >= this.settings.failureThreshold) {
      this.open(now);
      return true;
    }
    return false;
  }

  /** The pause that the latest opening started, in ms. */
  get currentCooldownMs(): number {
    return this.cooldownMs;
  }

  /** Its state as plain data, for an engine whose processes share one breaker per endpoint. */
  snapshot(): CircuitBreakerSnapshot {
    return {
      state: this.state,
      openUntil: this.openUntil,
      consecutiveFailures: this.consecutiveFailures,
      cooldownMs: this.cooldownMs,
    };
  }

  /** Takes over a state that `snapshot()` produced, here or in another process. */
  restore(snapshot: CircuitBreakerSnapshot): void {
    this.state = snapshot.state;
    this.openUntil = snapshot.openUntil;
    this.consecutiveFailures = snapshot.consecutiveFailures;
    this.cooldownMs = snapshot.cooldownMs;
  }

  reset(): void {
    this.state = 'closed';
    this.consecutiveFailures = 0;
    this.cooldownMs = this.settings.cooldownMs;
  }

  private open(now: number): void {
    this.state = 'open';
    this.openUntil = now + this.cooldownMs;
  }
}
