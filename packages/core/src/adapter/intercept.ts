/** Any method, as `patchMethod` sees it. */
// biome-ignore lint/suspicious/noExplicitAny: a patched method keeps the framework's own signature, whatever it is.
type AnyMethod = (this: any, ...args: any[]) => any;

/** The names of `TTarget`'s methods. */
export type MethodName<TTarget> = {
  [TKey in keyof TTarget]-?: TTarget[TKey] extends AnyMethod ? TKey : never;
}[keyof TTarget] &
  string;

/**
 * Puts a replacement for `target[name]` on `target` itself (an own property, never the prototype other
 * instances share), built by `wrap` from the method it replaces.
 *
 * The returned `restore()` undoes it: when `target[name]` is still the replacement, the property is put back
 * exactly as it was (or removed, when the method came from the prototype). When someone wrapped the method again
 * after us, removing ours would remove theirs too, so ours stays in place as a pass-through to the original:
 * either way, after `restore()` nothing of the replacement runs. Calling `restore()` again does nothing.
 *
 * @param target The object to patch: a bot, a client, a pipeline.
 * @param name The method's name.
 * @param wrap Builds the replacement from the original. The replacement must call the original with the same
 *   `this` and return its result unchanged.
 * @returns `restore()`, which returns true when the original is back on `target`, false when ours stayed as a
 *   pass-through (or `restore()` already ran).
 * @throws {TypeError} when `target[name]` is not a function.
 * @example
 * ```ts
 * const restore = patchMethod(client.rest, 'request', (original) =>
 *   function request(this: unknown, ...args) {
 *     return observeCall(Reflect.apply(original, this, args), (outcome) => report(outcome));
 *   },
 * );
 * ```
 */
export function patchMethod<TTarget extends object, TName extends MethodName<TTarget>>(
  target: TTarget,
  name: TName,
  wrap: (original: TTarget[TName]) => TTarget[TName],
): () => boolean {
  const own = Object.getOwnPropertyDescriptor(target, name);
  const original: unknown = Reflect.get(target, name);
  if (typeof original !== 'function') throw new TypeError(`${String(name)} is not a method of the target`);
  const replacement = wrap(original as TTarget[TName]) as AnyMethod;
  let active = true;
  const installed: AnyMethod = function (this: unknown, ...args: unknown[]) {
    return Reflect.apply(active ? replacement : (original as AnyMethod), this, args);
  };
  Object.defineProperty(target, name, {
    value: installed,
    writable: true,
    configurable: true,
    // An own property where there was none must not show up in `Object.keys`, spreads or `util.inspect`.
    enumerable: own?.enumerable ?? false,
  });
  return () => {
    if (!active) return false;
    active = false;
    if (Reflect.get(target, name) !== installed) return false;
    if (own) Object.defineProperty(target, name, own);
    else Reflect.deleteProperty(target, name);
    return true;
  };
}

/** How a watched call ended. */
export type CallOutcome<TValue> = { ok: true; value: TValue } | { ok: false; error: unknown };

/**
 * Lets `observe` see how a call ends without changing it: the returned promise resolves with the very same value
 * and rejects with the very same error as `call`. Given a function, it makes the call itself, and a synchronous
 * throw is observed as a failure and thrown on unchanged. A throwing `observe` is handed to `report`, never to
 * the caller.
 *
 * @example
 * ```ts
 * onSendActivities((context, activities, next) => observeCall(next(), (outcome) => publishSends(outcome), report));
 * ```
 */
export function observeCall<TValue>(
  call: PromiseLike<TValue> | (() => PromiseLike<TValue>),
  observe: (outcome: CallOutcome<TValue>) => void,
  report: (error: unknown) => void,
): Promise<TValue> {
  const safely = (outcome: CallOutcome<TValue>): void => {
    try {
      observe(outcome);
    } catch (error) {
      report(error);
    }
  };
  let pending: PromiseLike<TValue>;
  if (typeof call === 'function') {
    try {
      pending = call();
    } catch (error) {
      safely({ ok: false, error });
      throw error;
    }
  } else {
    pending = call;
  }
  return Promise.resolve(pending).then(
    (value) => {
      safely({ ok: true, value });
      return value;
    },
    (error: unknown) => {
      safely({ ok: false, error });
      throw error;
    },
  );
}
