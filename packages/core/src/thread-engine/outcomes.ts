import type { EngineHost, JobReference } from '../engine';
import { isErrorReportCode } from '../error-codes';
import type { DropReason } from '../events';
import { Outcome, readError } from './protocol';

/** What applying outcomes needs of the engine: its endpoint numbering, its jobs, and its crash bookkeeping. */
export interface OutcomeTarget {
  /** The endpoint id the worker's number names; undefined for an endpoint removed meanwhile. */
  endpointId(index: number): string | undefined;
  /** The job an outcome names, or undefined when it has already settled (evicted meanwhile, for example). */
  reference(host: EngineHost, endpointId: string, seq: number, attempts: number): JobReference | undefined;
  /** The job settled: crashes of workers that held it no longer count. */
  settled(seq: number): void;
}

/**
 * Turns one batch of the worker's outcomes (a flat array of primitives, see `protocol.ts`) into the host's calls,
 * in order. An unknown kind is a protocol error: reported, and the rest of the batch is not trusted.
 */
export function applyOutcomes(outcomes: readonly unknown[], host: EngineHost, target: OutcomeTarget): void {
  let at = 0;
  while (at < outcomes.length) {
    const kind = outcomes[at] as number;
    if (kind === Outcome.disabled) {
      const endpointId = target.endpointId(outcomes[at + 1] as number);
      if (endpointId !== undefined) host.endpointDisabled(endpointId, readError(outcomes, at + 2));
      at += 5;
      continue;
    }
    if (kind === Outcome.circuit) {
      const endpointId = target.endpointId(outcomes[at + 1] as number);
      const state = outcomes[at + 2] === 1 ? 'open' : 'closed';
      if (endpointId !== undefined) host.circuit(endpointId, state, outcomes[at + 3] as number);
      at += 4;
      continue;
    }
    if (kind === Outcome.problem) {
      const code = outcomes[at + 1];
      host.problem({
        code: isErrorReportCode(code) ? code : 'ENGINE_ERROR',
        message: outcomes[at + 2] as string,
        source: outcomes[at + 3] as string,
        severity: outcomes[at + 4] as 'error' | 'warning',
      });
      at += 5;
      continue;
    }
    const endpointId = target.endpointId(outcomes[at + 1] as number) ?? '';
    const seq = outcomes[at + 2] as number;
    const reference = target.reference(host, endpointId, seq, outcomes[at + 3] as number);
    switch (kind) {
      case Outcome.started:
        if (reference) host.started(reference);
        at += 4;
        break;
      case Outcome.delivered:
        if (reference) {
          target.settled(seq);
          host.delivered(reference, outcomes[at + 4] as number, outcomes[at + 5] as number);
        }
        at += 6;
        break;
      case Outcome.retrying:
        if (reference) {
          host.retrying(
            reference,
            readError(outcomes, at + 4),
            outcomes[at + 7] as number,
            outcomes[at + 8] as number,
          );
        }
        at += 9;
        break;
      case Outcome.failed:
        if (reference) {
          target.settled(seq);
          host.failed(reference, readError(outcomes, at + 4), outcomes[at + 7] as number);
        }
        at += 8;
        break;
      case Outcome.dropped:
        if (reference) {
          target.settled(seq);
          host.dropped(reference, outcomes[at + 4] as DropReason, outcomes[at + 5] as string);
        }
        at += 6;
        break;
      default:
        host.problem({
          code: 'WORKER_PROTOCOL',
          message: `unknown outcome kind ${String(kind)} from the delivery worker`,
          source: 'thread-engine',
        });
        return;
    }
  }
}
