import type { FlushResult } from './events';
import type { Ledger } from './ledger';

interface Waiter {
  mark: number;
  done: () => void;
}

/**
 * `flush()`: waits until every job published up to a mark has settled, or a timeout passes. Engines run their
 * retry timers unref'd so that a pending retry never keeps a finished process alive; while someone awaits a
 * flush (or `close()`), a handle here keeps the process running until it resolves.
 */
export class Drain {
  private readonly waiters = new Set<Waiter>();
  private keepAlive: NodeJS.Timeout | undefined;
  private checkScheduled = false;

  constructor(private readonly ledger: Ledger) {}

  flush(timeoutMs: number | undefined): Promise<FlushResult> {
    const mark = this.ledger.mark;
    if (this.ledger.countUpTo(mark) === 0) return Promise.resolve({ settled: true, pending: 0 });
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        mark,
        done: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          this.updateKeepAlive();
          const pending = this.ledger.countUpTo(mark);
          resolve({ settled: pending === 0, pending });
        },
      };
      if (timeoutMs !== undefined) timer = setTimeout(waiter.done, Math.max(0, timeoutMs));
      this.waiters.add(waiter);
      this.updateKeepAlive();
    });
  }

  /** Call after jobs settle: checks the waiters once per loop turn at most, however many settled in it. */
  settled(): void {
    if (this.waiters.size === 0 || this.checkScheduled) return;
    this.checkScheduled = true;
    setImmediate(() => {
      this.checkScheduled = false;
      const oldest = this.ledger.oldestSeq();
      for (const waiter of this.waiters) if (waiter.mark < oldest) waiter.done();
    });
  }

  private updateKeepAlive(): void {
    if (this.waiters.size > 0 && !this.keepAlive) {
      this.keepAlive = setInterval(() => undefined, 60_000);
    } else if (this.waiters.size === 0 && this.keepAlive) {
      clearInterval(this.keepAlive);
      this.keepAlive = undefined;
    }
  }
}
