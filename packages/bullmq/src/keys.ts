import { createHash, randomBytes } from 'node:crypto';

/**
 * Names in Redis. Each endpoint is a BullMQ queue of its own, so a slow or dead endpoint never takes a worker
 * slot from another, and dead letters, counts and a dashboard view come per endpoint for free.
 * Nothing here carries a secret: queue names are endpoint ids (an id that is a URL, or anything else unsafe in a
 * key, is hashed), and conversation ids are hashed before they reach a key or a job id.
 */

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

function hash(value: string, length: number): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, length);
}

/** The queue of an endpoint: its id when that is a plain word, otherwise `h.` and a hash (ids never hold a `.`). */
export function queueName(endpointId: string): string {
  return SAFE_ID.test(endpointId) ? endpointId : `h.${hash(endpointId, 22)}`;
}

/** The key of a conversation's lane in an endpoint's queue. */
export function laneKey(lane: string): string {
  return hash(lane, 22);
}

/** Job ids: BullMQ refuses `:` in them (unless in 3 parts) and plain integers, so parts are joined by `.`. */
export function orderedJobId(lane: string, laneSeq: number): string {
  return `${lane}.${laneSeq}`;
}

export function unorderedJobId(instance: string, seq: number): string {
  return `${instance}.${seq}`;
}

/** A name for one engine instance: unordered job ids are unique without a round trip to Redis. */
export function newInstanceId(): string {
  return `p${randomBytes(9).toString('base64url')}`;
}

/** Keys the engine keeps beside BullMQ's (`~` cannot start a queue name, so they never clash). */
export class EngineKeys {
  constructor(readonly prefix: string) {}

  /** Endpoints disabled by a 410 or `webhook-delivery: disable`, for every process: id → JSON reason. */
  get disabled(): string {
    return `${this.prefix}:~engine:disabled`;
  }

  /** Each endpoint's circuit breaker, shared by every worker: id → JSON snapshot and version. */
  get circuits(): string {
    return `${this.prefix}:~engine:circuits`;
  }

  /** Held by the one worker sending an open circuit's probe. */
  probe(queue: string): string {
    return `${this.prefix}:~engine:probe:${queue}`;
  }

  /** The last number handed out in a lane (`ordering: 'conversation'`). */
  laneSeq(queue: string, lane: string): string {
    return `${this.prefix}:${queue}:~lane:${lane}:seq`;
  }

  /** The number of the lane's job whose turn it is. */
  laneNext(queue: string, lane: string): string {
    return `${this.prefix}:${queue}:~lane:${lane}:next`;
  }
}
