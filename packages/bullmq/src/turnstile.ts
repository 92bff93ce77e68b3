import { Job, type Worker } from 'bullmq';
import { type EngineKeys, orderedJobId } from './keys';
import type { StoredJobData } from './publisher';
import type { Scripts } from './scripts';

/**
 * `ordering: 'conversation'` across any number of worker processes, without BullMQ Pro's groups: the turnstile.
 *
 * Each conversation of an endpoint is a lane. The publisher numbers the lane's jobs as it stores them (one
 * counter per lane, atomic in Redis), and the lane's `next` key says whose turn it is. A job whose turn it is
 * goes ahead (its retries use BullMQ's normal backoff; the jobs behind it wait); one whose turn it is not parks
 * itself in BullMQ's delayed set, which costs no attempt, and is woken by its predecessor when that one ends
 * (delivered, failed for good or dropped). A parked job also rechecks by itself every `recheckMs`: the fallback
 * when a worker died between ending a job and waking the next.
 *
 * A predecessor that is finished but did not pass the turn on (its worker died in between) passes it on now; one
 * that never reached Redis (its publisher died between numbering and storing it) is skipped after `gapMs`.
 * A job behind its lane's turn already (a dead letter replayed, or a job delivered again after a crash) goes
 * ahead at once: ordering is per lane as stored, and at-least-once after a crash.
 */
export class Turnstile {
  constructor(
    private readonly worker: Worker,
    private readonly scripts: Scripts,
    private readonly keys: EngineKeys,
    private readonly queueName: string,
    private readonly recheckMs: number,
    private readonly gapMs: number,
  ) {}

  /**
   * Whether an ordered job may be delivered now. When not, it has been parked: the processor must then throw
   * BullMQ's `DelayedError`.
   */
  async enter(job: Job<StoredJobData>, token: string | undefined): Promise<boolean> {
    const { l: lane, n: seq } = job.data;
    if (lane === undefined || seq === undefined) return true;
    const nextKey = this.keys.laneNext(this.queueName, lane);
    // Each pass either returns or moves the turn past one finished or lost predecessor.
    for (let passes = 0; passes < 64; passes += 1) {
      const next = await this.scripts.turn(nextKey, seq);
      if (seq <= next) return true;
      const state = await this.handle(orderedJobId(lane, next)).getState();
      const waitedMs = Date.now() - job.timestamp;
      if (state === 'completed' || state === 'failed' || (state === 'unknown' && waitedMs >= this.gapMs)) {
        await this.scripts.advance(nextKey, next);
        continue;
      }
      const parkMs =
        state === 'unknown' ? Math.min(this.recheckMs, this.gapMs - waitedMs + 10) : this.recheckMs;
      await this.park(job, token, nextKey, seq, parkMs);
      return false;
    }
    await this.park(job, token, nextKey, seq, this.recheckMs);
    return false;
  }

  /**
   * Passes the lane's turn on after a job ended for good, and wakes the next job if it is parked. Never rejects:
   * if Redis fails here, the next job finds this one finished when it rechecks, and passes the turn on itself.
   */
  async leave(job: Job<StoredJobData>): Promise<void> {
    const { l: lane, n: seq } = job.data;
    if (lane === undefined || seq === undefined) return;
    try {
      const turn = await this.scripts.advance(this.keys.laneNext(this.queueName, lane), seq);
      // Also when the turn had already passed: this job ran again after its first worker died between passing
      // the turn and waking the next one. Not parked (waiting, or not stored yet) is fine: it finds its turn.
      if (turn === seq + 1) await this.handle(orderedJobId(lane, seq + 1)).promote();
    } catch {
      // See above.
    }
  }

  private async park(
    job: Job<StoredJobData>,
    token: string | undefined,
    nextKey: string,
    seq: number,
    parkMs: number,
  ): Promise<void> {
    await job.moveToDelayed(Date.now() + Math.max(parkMs, 1), token);
    // The predecessor may have ended, and found nothing parked to wake, while this job was deciding.
    if ((await this.scripts.turn(nextKey, seq)) >= seq) await job.promote().catch(() => undefined);
  }

  /** A job by id, for its state or to promote it, without reading it from Redis. */
  private handle(jobId: string): Job {
    return new Job(this.worker, 'turnstile', {}, {}, jobId);
  }
}
