import { attachWebhooks } from '@bothooks/botbuilder';
import { createWebhooks } from '@bothooks/core';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ShopBot } from './bot';
import type { ExampleConfig } from './config';
import { startServer } from './server';

export interface RunningExample {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

/** Wires the example: Webhooks, the CloudAdapter with bothooks attached, the bot and its HTTP server. */
export async function startExample(config: ExampleConfig): Promise<RunningExample> {
  const hooks = createWebhooks({
    endpoints: config.webhookUrl
      ? [{ id: 'example', url: config.webhookUrl, secret: config.webhookSecret, ordering: 'conversation' }]
      : [],
  });
  hooks.on('failed', (event) =>
    console.warn(`webhook ${event.type} failed: ${event.error.code} ${event.error.message}`),
  );
  hooks.on('error', (report) => console.warn(`bothooks: ${report.code}: ${report.message}`));

  // No MicrosoftAppId: authentication is off, which is what the Emulator and local tests need.
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(config.botFrameworkAuth));
  adapter.onTurnError = async (context, error) => {
    console.error('turn failed:', error.message);
    await context.sendActivity('Sorry, something went wrong. Please try again.');
  };
  attachWebhooks(adapter, hooks, { includeText: config.includeText });

  const server = await startServer({
    adapter,
    bot: new ShopBot(),
    port: config.port,
    appId: config.botFrameworkAuth.MicrosoftAppId ?? '',
  });
  return {
    origin: server.origin,
    close: async () => {
      await server.close();
      await hooks.close({ timeoutMs: 5_000 });
    },
  };
}
