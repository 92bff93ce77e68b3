/** Discord's epoch: the first second of 2015, in Unix milliseconds. */
export const DISCORD_EPOCH = 1_420_070_400_000;

/**
 * Makes snowflakes from the current time, as Discord does. Ids must be recent: `@discordjs/rest` sorts
 * deletes of messages older than two weeks into a separate bucket, and `bulkDelete` refuses such messages.
 */
export function createSnowflakes(workerId = 1): () => string {
  let increment = 0n;
  return () => {
    const timestamp = BigInt(Date.now() - DISCORD_EPOCH);
    increment = (increment + 1n) & 0xfffn;
    return ((timestamp << 22n) | (BigInt(workerId & 0x1f) << 17n) | increment).toString();
  };
}

/** When a snowflake was made, in Unix milliseconds. */
export function snowflakeTime(id: string): number {
  return Number(BigInt(id) >> 22n) + DISCORD_EPOCH;
}
