import type { EngineProblem } from '@bothooks/core/engine';
import type { Redis } from 'ioredis';

/** One field of `INFO` output. */
function infoField(info: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:(.*)$`, 'm').exec(info);
  return match?.[1]?.trim();
}

/**
 * Reads the Redis settings that decide whether stored webhooks survive, and returns a warning for each one that
 * does not: an eviction policy other than `noeviction` deletes jobs under memory pressure, and without the
 * append-only file a Redis restart loses every job not yet delivered (measured: 480 of 480 waiting jobs gone).
 * `INFO` works on managed Redis services that refuse `CONFIG`; the snapshot schedule is read only where `CONFIG`
 * is allowed.
 */
export async function checkRedisSettings(redis: Redis, where: string): Promise<EngineProblem[]> {
  const problems: EngineProblem[] = [];
  const info = await redis.info();
  const policy = infoField(info, 'maxmemory_policy');
  if (policy !== undefined && policy !== 'noeviction') {
    problems.push({
      code: 'REDIS_EVICTION_POLICY',
      severity: 'warning',
      source: 'bullmq-engine',
      message: `Redis at ${where} has maxmemory-policy ${policy}: under memory pressure it deletes stored webhooks. Set maxmemory-policy noeviction.`,
    });
  }
  if (infoField(info, 'aof_enabled') === '0') {
    let snapshots = 'unknown';
    try {
      const [, save] = (await redis.config('GET', 'save')) as string[];
      snapshots = save ? `snapshots "${save}"` : 'no snapshots either';
    } catch {
      // CONFIG is often disabled on managed services.
    }
    problems.push({
      code: 'REDIS_NOT_DURABLE',
      severity: 'warning',
      source: 'bullmq-engine',
      message: `Redis at ${where} runs without the append-only file (appendonly no; ${snapshots}): a Redis crash or restart loses the webhooks it holds. Set appendonly yes and appendfsync everysec.`,
    });
  }
  return problems;
}
