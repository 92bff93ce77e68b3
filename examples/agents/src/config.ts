/** Everything the example reads from the environment. */
export interface ExampleConfig {
  port: number;
  /** Where webhooks go; without it the agent runs and says that nothing is sent. */
  webhookUrl: string | undefined;
  /** Standard Webhooks secret (`whsec_...`); without it webhooks are unsigned. */
  webhookSecret: string | undefined;
  /** Leave message text out of webhooks (`WEBHOOK_INCLUDE_TEXT=false`). */
  includeText: boolean;
  /**
   * The agent's Azure Bot registration (`clientId`, or the SDK's `connections__…` variables): without one, the SDK
   * runs in its anonymous development mode (no authentication, outside `NODE_ENV=production`).
   */
  clientId: string | undefined;
}

/** Reads and checks the environment; throws a readable error for a value that cannot work. */
export function readConfig(env: Record<string, string | undefined>): ExampleConfig {
  const port = Number(env.PORT ?? 3978);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const webhookUrl = env.WEBHOOK_URL || undefined;
  if (webhookUrl !== undefined && !/^https?:\/\//.test(webhookUrl)) {
    throw new Error('WEBHOOK_URL must be an http(s) URL');
  }
  return {
    port,
    webhookUrl,
    webhookSecret: env.WEBHOOK_SECRET || undefined,
    includeText: env.WEBHOOK_INCLUDE_TEXT !== 'false',
    clientId: env.clientId || env.connections__serviceConnection__settings__clientId || undefined,
  };
}
