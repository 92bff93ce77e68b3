import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { durableWebhooks, message, receiver, redisServer, SECRET, until } from './helpers';
import { inspectRedis, requireRedisServer } from './redis-server';

/** Every key and every value in Redis, as text: strings, hashes, lists, sets, sorted sets and streams. */
async function dump(client: Redis): Promise<string> {
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'COUNT', 1_000);
    cursor = next;
    for (const key of keys) {
      parts.push(key);
      const type = await client.type(key);
      if (type === 'string') parts.push(String(await client.get(key)));
      else if (type === 'hash') parts.push(JSON.stringify(await client.hgetall(key)));
      else if (type === 'list') parts.push(JSON.stringify(await client.lrange(key, 0, -1)));
      else if (type === 'set') parts.push(JSON.stringify(await client.smembers(key)));
      else if (type === 'zset') parts.push(JSON.stringify(await client.zrange(key, 0, '-1')));
      else if (type === 'stream') parts.push(JSON.stringify(await client.xrange(key, '-', '+')));
      else parts.push(`<${type}>`);
    }
  } while (cursor !== '0');
  return parts.join('\n');
}

/** The append-only file(s) on disk: what a backup of Redis would hold. */
function appendOnlyFiles(directory: string): string {
  const files: string[] = [];
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(readFileSync(full, 'latin1'));
    }
  };
  walk(directory);
  return files.join('\n');
}

describe.runIf(requireRedisServer())('bullmqEngine: nothing secret in Redis', () => {
  it('keeps signing secrets, URL credentials and query tokens, and header values out of every key and value', async () => {
    const redis = await redisServer();
    const target = await receiver();
    let failing = 0;
    target.respondWith(() => {
      failing += 1;
      // Some retried, some failed for good, some refused by the receiver, the rest delivered.
      if (failing % 4 === 0) return { status: 500 };
      if (failing % 7 === 0) return { status: 400, headers: { 'webhook-delivery': 'abort-message' } };
      return undefined;
    });
    const credentials = 'bot-user:url-pa55word';
    const url = `${target.url('/hooks').replace('http://', `http://${credentials}@`)}?token=query-token-123`;
    const endpoints = [
      {
        url,
        secret: SECRET,
        headers: { 'x-api-key': 'header-secret-456' },
        ordering: 'conversation' as const,
      },
      // Nothing listens here: network errors, whose texts must not carry the token either.
      { id: 'dead', url: 'http://127.0.0.1:9/hooks?token=query-token-789', secret: SECRET },
    ];
    const { hooks, engine, of } = durableWebhooks(redis, {
      endpoints,
      retry: { delays: [10, 10] },
      circuitBreaker: false,
    });
    for (let index = 0; index < 40; index += 1) hooks.publish(message(`hello ${index}`, String(index % 5)));
    await until(() => of('delivered').length + of('failed').length === 80, 15_000, 'every delivery to end');
    expect(of('failed').some((event) => event.endpointId === 'dead')).toBe(true);
    expect(of('retrying').length).toBeGreaterThan(0);
    expect(target.requests.some((request) => request.headers.authorization?.startsWith('Basic '))).toBe(true);
    expect(target.requests.every((request) => request.url.endsWith('?token=query-token-123'))).toBe(true);
    await engine.deadLetters({ endpoint: 'dead' });

    const client = inspectRedis(redis);
    await client.bgrewriteaof().catch(() => undefined);
    const stored = await dump(client);
    client.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // appendfsync everysec
    const onDisk = appendOnlyFiles(redis.directory);
    const secrets = [
      SECRET,
      SECRET.slice('whsec_'.length),
      'url-pa55word',
      Buffer.from(credentials).toString('base64'),
      'query-token-123',
      'query-token-789',
      'header-secret-456',
    ];
    expect(stored.length).toBeGreaterThan(10_000);
    expect(stored).toContain('hello 1'); // the payload is what Redis is for
    for (const secret of secrets) {
      expect(stored).not.toContain(secret);
      expect(onDisk).not.toContain(secret);
    }
    // Conversation ids are hashed wherever they make a key or a job id.
    expect(
      stored
        .split('\n')
        .filter((line) => line.startsWith('bothooks:'))
        .some((key) => /conversation|telegram/.test(key)),
    ).toBe(false);
    // And nothing secret in what this process reported.
    const reported = JSON.stringify([of('failed'), of('retrying'), of('error'), hooks.endpoints()]);
    for (const secret of secrets) expect(reported).not.toContain(secret);
  });
});
