import type { Telegram } from 'telegraf';

/** How a watched call ended. */
export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: unknown };

/** Sees the calls of interest after they settle. Must not throw; the caller's result never depends on it. */
export type CallObserver = (method: string, payload: unknown, outcome: CallOutcome) => void;

/**
 * Wraps `telegram.callApi`, the one method every Bot API call of a `Telegram` client goes through, so `observe`
 * sees the calls `wanted` selects once they settle. The call itself is untouched: same arguments, same `this`,
 * the same result or the same error, and unwatched calls (`getUpdates`) get the original promise itself.
 *
 * @returns A function that undoes the wrap: it restores `callApi` exactly when nobody wrapped it since, and
 *   otherwise turns this wrapper into a pass-through so the later wrapper keeps working.
 */
export function wrapCallApi(
  telegram: Telegram,
  wanted: (method: string) => boolean,
  observe: CallObserver,
): () => void {
  const hadOwn = Object.hasOwn(telegram, 'callApi');
  const original = telegram.callApi;
  let enabled = true;
  const settle = (method: string, payload: unknown, outcome: CallOutcome): void => {
    try {
      observe(method, payload, outcome);
    } catch {
      // The observer reports its own faults; nothing may reach the bot from here.
    }
  };
  const watch = <TResult>(method: string, payload: unknown, call: Promise<TResult>): Promise<TResult> =>
    call.then(
      (result) => {
        settle(method, payload, { ok: true, result });
        return result;
      },
      (error: unknown) => {
        settle(method, payload, { ok: false, error });
        throw error;
      },
    );
  const callApi: Telegram['callApi'] = function (this: Telegram, method, payload, options) {
    const call = original.bind(this)(method, payload, options);
    return enabled && wanted(method) ? watch(method, payload, call) : call;
  };
  telegram.callApi = callApi;
  return () => {
    enabled = false;
    if (telegram.callApi !== callApi) return;
    if (hadOwn) telegram.callApi = original;
    else Reflect.deleteProperty(telegram, 'callApi');
  };
}
