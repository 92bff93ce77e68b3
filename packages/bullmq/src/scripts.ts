import type { Redis } from 'ioredis';

/**
 * The engine's own Lua scripts, each atomic in Redis. ioredis sends them by SHA and reloads them after a Redis
 * restart (NOSCRIPT), so they survive one.
 */

/**
 * Hands out consecutive numbers in several lanes at once: KEYS are (seq, next) pairs, ARGV the key TTL, the
 * starting number for a lane seen for the first time (or again after its keys expired), then one count per lane.
 * A new lane starts at the current time in ms, above every number it used before, so a job id from before the
 * expiry (still kept as a dead letter) can never be reused for a different message.
 */
const ALLOCATE = `
local ttl = ARGV[1]
local result = {}
for i = 1, #KEYS, 2 do
  local count = ARGV[2 + (i + 1) / 2]
  if redis.call('EXISTS', KEYS[i]) == 0 then
    redis.call('SET', KEYS[i], ARGV[2], 'PX', ttl)
    redis.call('SET', KEYS[i + 1], ARGV[2], 'PX', ttl)
    redis.call('INCR', KEYS[i + 1])
  else
    redis.call('PEXPIRE', KEYS[i + 1], ttl)
  end
  table.insert(result, redis.call('INCRBY', KEYS[i], count))
  redis.call('PEXPIRE', KEYS[i], ttl)
end
return result
`;

/** The lane's current turn; a lane whose turn key is gone is taken over by the asking job (ARGV[1]). */
const TURN = `
local current = redis.call('GET', KEYS[1])
if not current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return ARGV[1]
end
return current
`;

/** Passes the turn from ARGV[1] to the next number, only if it is still ARGV[1]'s turn; returns the turn after. */
const ADVANCE = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return redis.call('INCR', KEYS[1])
end
return tonumber(current) or 0
`;

/**
 * Compare-and-set of one field holding `<version>|<value>`: writes ARGV[3] if the stored version is ARGV[2]
 * (0 when absent) and returns 1; otherwise returns what is stored, for the caller to retry from.
 */
const COMPARE_AND_SET = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
local version = 0
if current then version = tonumber(string.match(current, '^(%d+)|')) or 0 end
if version == tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], ARGV[1], (version + 1) .. '|' .. ARGV[3])
  return 1
end
return current
`;

interface ScriptedRedis {
  bothooksAllocate(keyCount: number, ...args: (string | number)[]): Promise<number[]>;
  bothooksTurn(key: string, jobSeq: string, ttlMs: number): Promise<string>;
  bothooksAdvance(key: string, jobSeq: string, ttlMs: number): Promise<number>;
  bothooksCompareAndSet(
    key: string,
    field: string,
    version: number,
    value: string,
  ): Promise<number | string | null>;
}

/** How long lane keys live after their last use: longer than any retry schedule can keep a job waiting. */
export const LANE_TTL_MS = 30 * 86_400_000;

/** The scripts, bound to one connection. */
export class Scripts {
  private readonly redis: ScriptedRedis;

  constructor(redis: Redis) {
    redis.defineCommand('bothooksAllocate', { lua: ALLOCATE });
    redis.defineCommand('bothooksTurn', { numberOfKeys: 1, lua: TURN });
    redis.defineCommand('bothooksAdvance', { numberOfKeys: 1, lua: ADVANCE });
    redis.defineCommand('bothooksCompareAndSet', { numberOfKeys: 1, lua: COMPARE_AND_SET });
    this.redis = redis as unknown as ScriptedRedis;
  }

  /** For each lane (its seq and next keys), the last of `count` new consecutive numbers. */
  allocate(lanes: readonly { seqKey: string; nextKey: string; count: number }[]): Promise<number[]> {
    const keys = lanes.flatMap((lane) => [lane.seqKey, lane.nextKey]);
    const counts = lanes.map((lane) => lane.count);
    return this.redis.bothooksAllocate(keys.length, ...keys, LANE_TTL_MS, Date.now(), ...counts);
  }

  async turn(nextKey: string, jobSeq: number): Promise<number> {
    return Number(await this.redis.bothooksTurn(nextKey, String(jobSeq), LANE_TTL_MS));
  }

  /** Passes the turn on from `fromSeq` if it is its turn; resolves with whose turn it is afterwards. */
  async advance(nextKey: string, fromSeq: number): Promise<number> {
    return Number(await this.redis.bothooksAdvance(nextKey, String(fromSeq), LANE_TTL_MS));
  }

  /** True when written; otherwise the stored `<version>|<value>` (or null when there is none). */
  async compareAndSet(
    key: string,
    field: string,
    version: number,
    value: string,
  ): Promise<true | string | null> {
    const result = await this.redis.bothooksCompareAndSet(key, field, version, value);
    return result === 1 ? true : (result as string | null);
  }
}

/** Splits a `<version>|<value>` field. */
export function readVersioned(stored: string | null | undefined): { version: number; value: string } {
  if (!stored) return { version: 0, value: '' };
  const bar = stored.indexOf('|');
  return { version: Number(stored.slice(0, bar)) || 0, value: stored.slice(bar + 1) };
}
