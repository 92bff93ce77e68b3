import type { ErrorInfo } from '@bothooks/core/engine';
import { Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { decodeFailure } from './failures';
import type { StoredJobData } from './publisher';

/** A delivery that failed for good (or was dropped for a disabled endpoint), kept in Redis for a replay. */
export interface DeadLetter {
  /** The `webhook-id`; a replay sends it again with this same id. */
  messageId: string;
  endpointId: string;
  type: string;
  /** Attempts made. */
  attempts: number;
  /** Why it ended: the last attempt's error, `ENDPOINT_DISABLED`, or `STALLED` (its workers kept dying). */
  error: ErrorInfo;
  /** When it ended (ISO 8601). */
  failedAt: string;
  /** The exact body that was sent. */
  body: string;
}

const CHUNK = 500;

/**
 * Dead letters are BullMQ's own `failed` set of each endpoint's queue: bounded by `retention.deadLetters`,
 * visible in any BullMQ dashboard, and sent again with `job.retry()` (attempts reset), which keeps the job, its
 * id and so its `webhook-id`.
 */
export async function listDeadLetters(
  queue: Queue<StoredJobData>,
  endpointId: string,
  offset: number,
  limit: number,
): Promise<DeadLetter[]> {
  const jobs = await queue.getFailed(offset, offset + limit - 1);
  return jobs.filter(Boolean).map((job) => ({
    messageId: job.name,
    endpointId,
    type: job.data?.t ?? 'unknown',
    attempts: job.attemptsMade,
    error: decodeFailure(job.failedReason),
    failedAt: new Date(job.finishedOn ?? job.timestamp).toISOString(),
    body: job.data?.b ?? '',
  }));
}

/** The ids of an endpoint's dead letters, oldest first; only those of one message when `messageId` is given. */
async function deadLetterIds(redis: Redis, queue: Queue, messageId?: string): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; ; start += CHUNK) {
    const chunk = await redis.zrange(queue.toKey('failed'), start, String(start + CHUNK - 1));
    if (chunk.length === 0) break;
    if (messageId === undefined) {
      ids.push(...chunk);
    } else {
      // The job's name is its message id: one small field per job, never its body.
      const pipeline = redis.pipeline();
      for (const id of chunk) pipeline.hget(queue.toKey(id), 'name');
      const names = (await pipeline.exec()) ?? [];
      chunk.forEach((id, index) => {
        if (names[index]?.[1] === messageId) ids.push(id);
      });
    }
    if (chunk.length < CHUNK) break;
  }
  return ids;
}

/** Sends dead letters again with their original `webhook-id` and a fresh retry schedule; returns how many. */
export async function replayDeadLetters(
  redis: Redis,
  queue: Queue<StoredJobData>,
  messageId?: string,
): Promise<number> {
  const ids = await deadLetterIds(redis, queue, messageId);
  let replayed = 0;
  for (let start = 0; start < ids.length; start += 50) {
    const results = await Promise.allSettled(
      ids.slice(start, start + 50).map((id) =>
        new Job(queue, 'replay', {}, {}, id).retry('failed', {
          resetAttemptsMade: true,
          resetAttemptsStarted: true,
        }),
      ),
    );
    // A job gone meanwhile (retention, another replay) is not an error.
    replayed += results.filter((result) => result.status === 'fulfilled').length;
  }
  return replayed;
}
