/** Everything the example reads from the environment. */
export interface ExampleConfig {
  /** The bot token from the Discord Developer Portal (Bot → Reset Token). */
  token: string;
  /** Where webhooks go; without it the bot runs and says that nothing is sent. */
  webhookUrl: string | undefined;
  /** Standard Webhooks secret (`whsec_...`); without it webhooks are unsigned. */
  webhookSecret: string | undefined;
  /** Leave message text out of webhooks (`WEBHOOK_INCLUDE_TEXT=false`). */
  includeText: boolean;
  /** Another REST API base than `https://discord.com/api`, e.g. the local fake Discord. */
  discordApiUrl: string | undefined;
}

/** Reads and checks the environment; throws a readable error for a value that cannot work. */
export function readConfig(env: Record<string, string | undefined>): ExampleConfig {
  const token = env.DISCORD_TOKEN;
  if (!token) {
    throw new Error(
      'DISCORD_TOKEN is not set: copy the token of your bot from the Developer Portal (Bot → Reset Token)',
    );
  }
  const webhookUrl = env.WEBHOOK_URL || undefined;
  if (webhookUrl !== undefined && !/^https?:\/\//.test(webhookUrl))
    throw new Error('WEBHOOK_URL must be an http(s) URL');
  const discordApiUrl = env.DISCORD_API_URL || undefined;
  if (discordApiUrl !== undefined && !/^https?:\/\//.test(discordApiUrl)) {
    throw new Error('DISCORD_API_URL must be an http(s) URL, like http://127.0.0.1:PORT/api');
  }
  return {
    token,
    webhookUrl,
    webhookSecret: env.WEBHOOK_SECRET || undefined,
    includeText: env.WEBHOOK_INCLUDE_TEXT !== 'false',
    discordApiUrl,
  };
}
