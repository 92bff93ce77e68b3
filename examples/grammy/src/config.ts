/** Everything the example reads from the environment. */
export interface ExampleConfig {
  /** The token @BotFather gave you. */
  botToken: string;
  /** Where grammY sends Bot API calls (`client.apiRoot`); set it to a local fake Bot API (see `src/local.ts`) to run offline. */
  apiRoot: string | undefined;
  /** Where webhooks go; without it the bot runs and says that nothing is sent. */
  webhookUrl: string | undefined;
  /** Standard Webhooks secret (`whsec_...`); without it webhooks are unsigned. */
  webhookSecret: string | undefined;
  /** Leave message text out of webhooks (`WEBHOOK_INCLUDE_TEXT=false`). */
  includeText: boolean;
}

function httpUrl(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^https?:\/\//.test(value)) throw new Error(`${name} must be an http(s) URL, got "${value}"`);
  return value;
}

/** Reads and checks the environment; throws a readable error for a value that cannot work. */
export function readConfig(env: Record<string, string | undefined>): ExampleConfig {
  const botToken = env.BOT_TOKEN ?? '';
  if (!/^\d+:[\w-]+$/.test(botToken)) {
    throw new Error('BOT_TOKEN must be set to the token @BotFather gave you (123456789:AA...)');
  }
  return {
    botToken,
    apiRoot: httpUrl('TELEGRAM_API_ROOT', env.TELEGRAM_API_ROOT),
    webhookUrl: httpUrl('WEBHOOK_URL', env.WEBHOOK_URL),
    webhookSecret: env.WEBHOOK_SECRET || undefined,
    includeText: env.WEBHOOK_INCLUDE_TEXT !== 'false',
  };
}
