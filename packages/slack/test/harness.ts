import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createWebhooks,
  type EndpointConfig,
  generateSecret,
  type MessageEvent,
  type Webhooks,
} from '@bothooks/core';
import { createReceiver, type Receiver } from '@bothooks/testkit';
import { createFakeSlack, type FakeSlack } from '@bothooks/testkit/slack';
import { App, type Logger, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { onTestFinished } from 'vitest';

export type Envelope = MessageEvent;

/** Bolt logs through this, quietly: the tests read what reaches the app's error handler instead. */
export const quietLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/** `type text` of each event, to compare sequences at a glance. */
export function summary(event: Envelope): string {
  return `${event.type} ${event.data.message.text ?? ''}`.trim();
}

/** A real Bolt app against the fake Slack, and real webhooks to a real receiver. */
export interface Harness {
  slack: FakeSlack;
  app: App;
  receiver: Receiver;
  hooks: Webhooks;
  /** The app's Events API / commands / interactivity URL (HTTP receiver only). */
  url: string;
  /** Errors that reached `app.error`. */
  frameworkErrors: unknown[];
  /** Starts the app (the HTTP receiver on 127.0.0.1, or Socket Mode against the fake). */
  start(): Promise<void>;
  /** Waits until everything published so far is delivered, then returns what `path` received. */
  delivered(path?: string): Promise<Envelope[]>;
}

export interface HarnessOptions {
  endpoints?: (url: (path: string) => string) => Omit<EndpointConfig, 'secret'>[];
  /** @default 'http' */
  mode?: 'http' | 'socket';
  /**
   * Hold the HTTP answer until the listeners are done (Bolt's FaaS setting), so a delivery resolves when the
   * app has handled it. @default true
   */
  processBeforeResponse?: boolean;
  /** web-api's retries; none by default, so a refused call fails at once. */
  retryConfig?: { retries: number; minTimeout?: number; maxTimeout?: number };
}

/** Starts the fake Slack, a receiver and a Bolt app; everything is closed when the test finishes. */
export async function setup(options: HarnessOptions = {}): Promise<Harness> {
  const secret = generateSecret();
  const slack = await createFakeSlack();
  const receiver = await createReceiver({ secret });
  const endpoints = options.endpoints?.((path) => receiver.url(path)) ?? [
    { id: 'all', url: receiver.url('/all') },
  ];
  const hooks = createWebhooks({
    endpoints: endpoints.map((endpoint) => ({ ...endpoint, secret })),
    retry: { delays: [20] },
    logger: false,
  });
  const clientOptions = { slackApiUrl: slack.apiUrl, retryConfig: options.retryConfig ?? { retries: 0 } };
  const app =
    options.mode === 'socket'
      ? new App({
          token: slack.botToken,
          logger: quietLogger,
          clientOptions,
          receiver: new SocketModeReceiver({
            appToken: slack.appToken,
            logger: quietLogger,
            installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } },
          }),
        })
      : new App({
          token: slack.botToken,
          signingSecret: slack.signingSecret,
          logger: quietLogger,
          processBeforeResponse: options.processBeforeResponse ?? true,
          clientOptions,
        });
  const frameworkErrors: unknown[] = [];
  app.error(async (error) => {
    frameworkErrors.push(error);
  });
  let started = false;
  const harness: Harness = {
    slack,
    app,
    receiver,
    hooks,
    url: '',
    frameworkErrors,
    start: async () => {
      started = true;
      if (options.mode === 'socket') {
        await app.start();
        await slack.socketMode.waitForConnection();
        return;
      }
      const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
      harness.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    },
    delivered: async (path = '/all') => {
      const result = await hooks.flush({ timeoutMs: 5_000 });
      if (!result.settled) throw new Error(`deliveries still pending: ${result.pending}`);
      return receiver.on(path).map((request) => request.json<Envelope>());
    },
  };
  onTestFinished(async () => {
    // Bolt calls auth.test when the App is built; closing the fake under it would reject it unhandled.
    await slack.waitForCalls('auth.test', 1, { timeoutMs: 2_000 }).catch(() => undefined);
    if (started) await app.stop();
    await hooks.close({ timeoutMs: 1_000 });
    await receiver.close();
    await slack.close();
  });
  return harness;
}
