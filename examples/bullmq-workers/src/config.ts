import type { EndpointConfig } from '@bothooks/core';

/**
 * What every process of the bot reads: where Redis is, and the endpoints. The bot and the workers must be given
 * the same endpoints (ids, URLs, secrets): jobs in Redis name their endpoint by id, and each worker signs with the
 * secret of its own configuration, so no secret is ever stored in Redis.
 */
export function readConfig(environment: NodeJS.ProcessEnv): {
  redisUrl: string;
  endpoints: EndpointConfig[];
} {
  const url = environment.WEBHOOK_URL;
  if (!url) throw new Error('WEBHOOK_URL is not set');
  return {
    redisUrl: environment.REDIS_URL ?? 'redis://127.0.0.1:6379',
    endpoints: [
      {
        id: 'crm',
        url,
        ...(environment.WEBHOOK_SECRET && { secret: environment.WEBHOOK_SECRET }),
        // Each conversation's webhooks arrive in order, whichever worker delivers them.
        ordering: 'conversation',
      },
    ],
  };
}
