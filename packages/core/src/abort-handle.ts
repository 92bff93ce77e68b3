/**
 * Lets the owner of an exchange cancel it (close(), removeEndpoint()). One listener, set by the exchange:
 * cheaper than an AbortController, whose EventTarget bookkeeping showed up in the sender's profile.
 */
export class AbortHandle {
  aborted = false;
  reason: Error | undefined;
  private listener: ((reason: Error) => void) | undefined;

  /** Calls `listener` on abort, or at once if already aborted. */
  onAbort(listener: (reason: Error) => void): void {
    if (this.aborted && this.reason) listener(this.reason);
    else this.listener = listener;
  }

  abort(reason: Error): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listener = this.listener;
    this.listener = undefined;
    listener?.(reason);
  }
}
