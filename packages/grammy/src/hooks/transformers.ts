import { type AdapterAttachment, type CallOutcome, patchMethod } from '@bothooks/core/adapter';
import type { Api, ApiCallFn, Context, Transformer } from 'grammy';

/** One logical call settled: the Bot API's answer (`ok` or not), or what the client rejected with. */
export type CallSettled = (method: string, payload: unknown, outcome: CallOutcome<unknown>) => void;

/**
 * Watches grammY API clients through an API transformer that stays the outermost one, so a retry plugin
 * (`@grammyjs/auto-retry`) or a throttler shows as one logical call with its final answer, whatever order the bot
 * installed them in.
 *
 * grammY composes transformers in installation order, the last one outermost, and each update's `ctx.api`
 * copies the bot's. So the watcher installs its own transformer, then patches `api.config.use`: every transformer
 * installed later is wrapped in an observing one, which becomes the outermost. Only the outermost observer of a
 * call reports it: before handing the call down it raises a flag that the next observer, entered synchronously by
 * grammY's composition, reads and lowers, and which makes it a pass-through for that call.
 *
 * Transformers cannot be uninstalled: after detach they pass everything through (`attachment.active`).
 */
export function createApiWatcher<TContext extends Context, TFacts>(
  attachment: AdapterAttachment<TContext, TFacts>,
  wants: (method: string) => boolean,
): { watch(api: Api, settled: CallSettled, restoreOnDetach: boolean): void } {
  let observedAbove = false;
  const watched = new WeakSet<Api>();

  // The call is handed down as already observed: the observers below pass it through.
  const observed =
    (prev: ApiCallFn): ApiCallFn =>
    (method, payload, signal) => {
      observedAbove = true;
      try {
        return prev(method, payload, signal);
      } finally {
        observedAbove = false;
      }
    };

  const observing = (settled: CallSettled, inner?: Transformer): Transformer =>
    ((prev, method, payload, signal) => {
      const passThrough = observedAbove;
      observedAbove = false;
      const run = (down: ApiCallFn) =>
        inner ? inner(down, method, payload, signal) : down(method, payload, signal);
      if (passThrough) return run(observed(prev));
      if (!attachment.active || !wants(method)) return run(prev);
      return attachment.observe(
        () => run(observed(prev)),
        (outcome) => settled(method, payload, outcome),
      );
    }) as Transformer;

  return {
    watch: (api, settled, restoreOnDetach) => {
      if (watched.has(api)) return;
      watched.add(api);
      api.config.use(observing(settled));
      const use = (original: Api['config']['use']): Api['config']['use'] =>
        function (this: unknown, ...transformers) {
          return original.apply(
            this,
            transformers.map((transformer) => observing(settled, transformer)),
          );
        };
      // `bot.api` lives as long as the bot and gets its `use` back on detach; an update's `ctx.api` lives for the
      // update, and its wrapped `use` only stops wrapping (the replacement checks `active`).
      if (restoreOnDetach) attachment.patch(api.config, 'use', use);
      else patchMethod(api.config, 'use', use);
    },
  };
}
