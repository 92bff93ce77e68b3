/** Everything the example reads from the environment. */
export interface ExampleConfig {
  /** The app's bot token (`xoxb-...`, OAuth & Permissions). */
  botToken: string;
  /** The signing secret (Basic Information): needed to receive events over HTTP. */
  signingSecret: string | undefined;
  /** An app-level token (`xapp-...`, with `connections:write`): receive events over Socket Mode instead. */
  appToken: string | undefined;
  /** Where the Web API is; set it to the local stand-in (see `src/local.ts`) to run offline. */
  apiUrl: string | undefined;
  /** The HTTP port Slack (or the stand-in) posts events, commands and interactions to. */
  port: number;
  /** Where webhooks go; without it the app runs and says that nothing is sent. */
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
  const botToken = env.SLACK_BOT_TOKEN ?? '';
  if (!botToken.startsWith('xoxb-'))
    throw new Error('SLACK_BOT_TOKEN must be set to the bot token (xoxb-...)');
  const appToken = env.SLACK_APP_TOKEN || undefined;
  if (appToken !== undefined && !appToken.startsWith('xapp-'))
    throw new Error('SLACK_APP_TOKEN must be an app-level token (xapp-...)');
  const signingSecret = env.SLACK_SIGNING_SECRET || undefined;
  if (appToken === undefined && signingSecret === undefined) {
    throw new Error('set SLACK_SIGNING_SECRET (events over HTTP) or SLACK_APP_TOKEN (Socket Mode)');
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const apiUrl = httpUrl('SLACK_API_URL', env.SLACK_API_URL);
  return {
    botToken,
    signingSecret,
    appToken,
    apiUrl: apiUrl === undefined || apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
    port,
    webhookUrl: httpUrl('WEBHOOK_URL', env.WEBHOOK_URL),
    webhookSecret: env.WEBHOOK_SECRET || undefined,
    includeText: env.WEBHOOK_INCLUDE_TEXT !== 'false',
  };
}
