import type { Webhooks } from '@bothooks/core';

/** One bot on one framework, talking to its local fake platform. */
export interface DemoBot {
  title: string;
  /** A user sends `text`; resolves once the bot has answered. */
  say(text: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a demo bot on its local fake platform, with webhooks attached. */
export type StartDemoBot = (hooks: Webhooks) => Promise<DemoBot>;
