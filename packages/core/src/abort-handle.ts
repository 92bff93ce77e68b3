type Listener = () => void;

/**
 * The smallest abort signal undici accepts (it takes EventEmitter-shaped signals). An AbortController per
 * request, plus AbortSignal.any to combine it with a deadline, cost about a tenth of the sender's CPU in the
 * throughput benchmark; this costs one small object.
 */
export class AbortHandle {
  aborted = false;
  reason: Error | undefined;
  private listeners: Listener[] = [];

  on(_event: 'abort', listener: Listener): this {
    this.listeners.push(listener);
    return this;
  }

  once(event: 'abort', listener: Listener): this {
    return this.on(event, listener);
  }

  removeListener(_event: 'abort', listener: Listener): this {
    this.listeners = this.listeners.filter((candidate) => candidate !== listener);
    return this;
  }

  abort(reason: Error): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }
}
