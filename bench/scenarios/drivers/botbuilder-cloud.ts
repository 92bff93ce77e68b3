import { attachWebhooks } from '@bothooks/botbuilder';
import { startBotHost } from '@bothooks/testkit/botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { BotDriver } from '../bot-cost';
import { naiveMiddleware } from './botbuilder';

/**
 * An echo bot as it runs in production: a real CloudAdapter behind node:http, receiving each activity as an HTTP
 * POST from a channel and sending its reply to the Bot Connector over HTTP. Both the channel (the load) and the
 * connector are in the platform process.
 */
export const botbuilderCloudDriver: BotDriver = {
  name: 'botbuilder (CloudAdapter over HTTP)',
  count: 3_000,
  start: async (instrumentation, platforms) => {
    await platforms.call({ op: 'connector.start' });
    const host = await startBotHost(async (context) => {
      if (context.activity.type === ActivityTypes.Message)
        await context.sendActivity(`echo: ${context.activity.text}`);
    });
    const detach =
      instrumentation.kind === 'bothooks'
        ? attachWebhooks(host.adapter, instrumentation.hooks)
        : () => undefined;
    naiveMiddleware(host.adapter, instrumentation);
    return {
      handle: (count, concurrency) =>
        platforms.call({ op: 'botframework.drive', botUrl: host.url, count, concurrency }),
      close: async () => {
        detach();
        await host.close();
      },
    };
  },
};
