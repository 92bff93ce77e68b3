import { attachWebhooks } from '@bothooks/agents';
import { createWebhooks } from '@bothooks/core';
import { ShopAgent } from './agent';
import type { ExampleConfig } from './config';
import { startServer } from './server';

export interface RunningExample {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

/** Wires the example: Webhooks, the agent with bothooks attached, and its HTTP server. */
export async function startExample(config: ExampleConfig): Promise<RunningExample> {
  const hooks = createWebhooks({
    endpoints: config.webhookUrl
      ? [
          {
            id: 'example',
            url: config.webhookUrl,
            ordering: 'conversation',
            ...(config.webhookSecret ? { secret: config.webhookSecret } : { unsigned: true }),
          },
        ]
      : [],
  });
  hooks.on('failed', (event) =>
    console.warn(`webhook ${event.type} failed: ${event.error.code} ${event.error.message}`),
  );
  hooks.on('error', (report) => console.warn(`bothooks: ${report.code}: ${report.message}`));

  const agent = new ShopAgent();
  agent.adapter.onTurnError = async (context, error) => {
    console.error('turn failed:', error.message);
    await context.sendActivity('Sorry, something went wrong. Please try again.');
  };
  attachWebhooks(agent, hooks, { includeText: config.includeText });

  const server = await startServer({ agent, port: config.port });
  return {
    origin: server.origin,
    close: async () => {
      await server.close();
      await hooks.close({ timeoutMs: 5_000 });
    },
  };
}
