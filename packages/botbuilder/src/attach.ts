import { assertWebhooks, ConfigError, type Webhooks } from '@bothooks/core';
import type { BotAdapter, MiddlewareSet, TurnContext } from 'botbuilder';
import { type BotbuilderWebhooksOptions, resolveOptions } from './options';
import { createTurnObserver } from './turn-observer';

type Run = MiddlewareSet['run'];

/** The adapter's own pipeline: `BotAdapter.middleware` is protected, but every turn runs through it. */
function pipelineOf(adapter: unknown): MiddlewareSet {
  const pipeline = (adapter as { middleware?: Partial<MiddlewareSet> } | null | undefined)?.middleware;
  if (typeof pipeline?.run !== 'function' || typeof pipeline.use !== 'function') {
    throw new ConfigError(
      'adapter',
      'must be a botbuilder BotAdapter (CloudAdapter, TestAdapter, ...) with its middleware pipeline',
    );
  }
  return pipeline as MiddlewareSet;
}

/**
 * Publishes a webhook for every message the bot receives and sends through `adapter`: inbound `message`,
 * `messageUpdate` and `messageDelete` activities, and every message sent, updated or deleted during a turn —
 * replies, dialog prompts, the `onTurnError` apology and proactive `continueConversationAsync` sends — with
 * the ids the channel returned. Whatever order middleware was or will be registered in.
 *
 * The bot is never slowed or broken: events are queued synchronously, delivered in the background, every
 * return value (such as `sendActivity()`'s `ResourceResponse`) and every error (on its way to `onTurnError`)
 * passes through unchanged.
 *
 * @param adapter The bot's adapter (`CloudAdapter`, `TestAdapter`, any `BotAdapter`).
 * @param hooks The `Webhooks` from `createWebhooks()`.
 * @param options What to publish; validated now, so a mistake throws a `ConfigError` naming the option.
 * @returns `detach()`: stops publishing and gives the adapter back as it was. Calling it again does nothing.
 *
 * @example
 * ```ts
 * const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(process.env));
 * const hooks = createWebhooks({
 *   endpoints: [{ url: 'https://crm.example.com/bot-events', secret: process.env.WEBHOOK_SECRET }],
 * });
 * attachWebhooks(adapter, hooks);
 * ```
 */
export function attachWebhooks(
  adapter: BotAdapter,
  hooks: Webhooks,
  options?: BotbuilderWebhooksOptions,
): () => void {
  const pipeline = pipelineOf(adapter);
  assertWebhooks(hooks);
  let attached = true;
  const observe = createTurnObserver(hooks, resolveOptions(options), () => attached);

  // `adapter.use()` only appends, and botbuilder's send handlers only see sends made inside the middleware that
  // registered them (botbuilder-js#1509). Wrapping `run` of this adapter's own MiddlewareSet makes bothooks the
  // outermost layer of every turn — reactive, proactive and the context `onTurnError` gets — whenever other
  // middleware was added, without reordering the bot's pipeline or patching prototypes other adapters share.
  const ownRun = Object.hasOwn(pipeline, 'run') ? pipeline.run : undefined;
  const inner: Run = pipeline.run;
  const run: Run = function (this: MiddlewareSet, context: TurnContext, next: () => Promise<void>) {
    if (attached) observe(context);
    return inner.call(this, context, next);
  };
  pipeline.run = run;

  return () => {
    if (!attached) return;
    attached = false;
    // Someone wrapped `run` after us: unwrapping would drop their wrapper, so ours stays as a pass-through.
    if (pipeline.run !== run) return;
    if (ownRun) {
      pipeline.run = ownRun;
    } else {
      Reflect.deleteProperty(pipeline, 'run');
    }
  };
}
