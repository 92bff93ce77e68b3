type Listener<TPayload> = (payload: TPayload) => void;

/**
 * A typed event emitter that can never throw into the code that emits: unlike Node's EventEmitter,
 * an `error` event without a listener is not thrown, and a listener that throws is reported, not propagated.
 */
export class SafeEmitter<TEvents extends object> {
  private readonly listeners = new Map<keyof TEvents, Set<Listener<never>>>();

  constructor(private readonly onListenerError: (error: unknown, event: keyof TEvents) => void) {}

  /** Adds a listener. */
  on<TName extends keyof TEvents>(event: TName, listener: Listener<TEvents[TName]>): this {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<never>);
    return this;
  }

  /** Adds a listener that runs at most once. */
  once<TName extends keyof TEvents>(event: TName, listener: Listener<TEvents[TName]>): this {
    const wrapper: Listener<TEvents[TName]> = (payload) => {
      this.off(event, wrapper);
      listener(payload);
    };
    return this.on(event, wrapper);
  }

  /** Removes a listener. */
  off<TName extends keyof TEvents>(event: TName, listener: Listener<TEvents[TName]>): this {
    this.listeners.get(event)?.delete(listener as Listener<never>);
    return this;
  }

  /** Whether an event has listeners: lets hot paths skip building a payload nobody reads. */
  protected hasListeners(event: keyof TEvents): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  /** How many listeners an event has. */
  listenerCount(event: keyof TEvents): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** Calls the listeners; returns false when there was none. */
  protected emit<TName extends keyof TEvents>(event: TName, payload: TEvents[TName]): boolean {
    const set = this.listeners.get(event);
    if (!set || set.size === 0) return false;
    // Iterating the Set itself (no copy): a listener removed meanwhile is skipped, one added is called too.
    for (const listener of set) {
      try {
        (listener as Listener<TEvents[TName]>)(payload);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
    return true;
  }
}
