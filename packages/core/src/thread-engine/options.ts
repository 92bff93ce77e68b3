import { THREAD_ENGINE_DEFAULTS } from '../defaults';
import { ConfigError } from '../errors';

/** Options of {@link threadEngine}. */
export interface ThreadEngineOptions {
  /**
   * A job held by this many workers that crashed is dropped (`dropped`, reason `engine-failed`) instead of being
   * handed to the next worker: a message that kills the worker every time cannot keep killing it.
   * @default 2
   */
  maxCrashesPerJob?: number;
  /**
   * The worker's heap limit in MB. A worker that reaches it dies with `ERR_WORKER_OUT_OF_MEMORY` and is restarted.
   * @default 512
   */
  maxHeapMb?: number;
  /** How long `close()` waits for the worker to release its sockets before terminating it. @default 5_000 */
  closeTimeoutMs?: number;
}

/** Checks `threadEngine()`'s options against the defaults table: unknown names and out-of-range values throw. */
export function resolveThreadOptions(options: ThreadEngineOptions): Required<ThreadEngineOptions> {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError('threadEngine', 'options must be an object');
  }
  const known = Object.keys(THREAD_ENGINE_DEFAULTS);
  for (const name of Object.keys(options)) {
    if (!known.includes(name)) {
      throw new ConfigError(`threadEngine.${name}`, `unknown option (known: ${known.join(', ')})`);
    }
  }
  const integer = (name: keyof ThreadEngineOptions, minimum: number, maximum: number): number => {
    const value = options[name] ?? THREAD_ENGINE_DEFAULTS[name];
    if (!Number.isInteger(value) || value < minimum || value > maximum) {
      throw new ConfigError(`threadEngine.${name}`, `must be an integer from ${minimum} to ${maximum}`);
    }
    return value;
  };
  return {
    maxCrashesPerJob: integer('maxCrashesPerJob', 1, 100),
    maxHeapMb: integer('maxHeapMb', 16, 65_536),
    closeTimeoutMs: integer('closeTimeoutMs', 0, 600_000),
  };
}
