/** Everything the example reads from the environment. */
export interface ExampleConfig {
  port: number;
  /** Where webhooks go; without it the bot runs and says that nothing is sent. */
  webhookUrl: string | undefined;
  /** Standard Webhooks secret (`whsec_...`); without it webhooks are unsigned. */
  webhookSecret: string | undefined;
  /** Leave message text out of webhooks (`WEBHOOK_INCLUDE_TEXT=false`). */
  includeText: boolean;
  /** Bot Framework credentials, named as in every Bot Framework sample; all omitted = no authentication. */
  botFrameworkAuth: Record<string, string>;
}

const BOT_FRAMEWORK_SETTINGS = [
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
];

/** Reads and checks the environment; throws a readable error for a value that cannot work. */
export function readConfig(env: Record<string, string | undefined>): ExampleConfig {
  const port = Number(env.PORT ?? 3978);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const webhookUrl = env.WEBHOOK_URL || undefined;
  if (webhookUrl !== undefined && !/^https?:\/\//.test(webhookUrl)) {
    throw new Error('WEBHOOK_URL must be an http(s) URL');
  }
  const includeText = env.WEBHOOK_INCLUDE_TEXT !== 'false';
  const botFrameworkAuth: Record<string, string> = {};
  for (const name of BOT_FRAMEWORK_SETTINGS) {
    const value = env[name];
    if (value) botFrameworkAuth[name] = value;
  }
  return { port, webhookUrl, webhookSecret: env.WEBHOOK_SECRET || undefined, includeText, botFrameworkAuth };
}
