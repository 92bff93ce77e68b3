import { randomBytes } from 'node:crypto';
import type { SlackState } from './state';
import type { ResponsePost } from './types';

/** What a `response_url` acts on: the channel of the command or interaction, and the message it was on. */
export interface ResponseTarget {
  channel: string;
  messageTs?: string;
}

/**
 * The `response_url`s the fake hands out in commands and interactions, and what Slack does with a POST to one
 * (https://docs.slack.dev/interactivity/handling-user-interaction#message_responses): a new message, the original
 * replaced (`replace_original`) or deleted (`delete_original`). Every POST is recorded.
 */
export class ResponseUrls {
  readonly posts: ResponsePost[] = [];
  private readonly targets = new Map<string, ResponseTarget>();
  private readonly failures: { status: number; times: number }[] = [];

  constructor(
    private readonly state: SlackState,
    private readonly origin: () => string,
  ) {}

  /** A fresh `response_url` acting on `target`. */
  url(target: ResponseTarget): string {
    const id = randomBytes(12).toString('hex');
    this.targets.set(id, target);
    return `${this.origin()}/response/${id}`;
  }

  /** Makes the next `times` POSTs answer `status`. */
  fail(status: number, times: number): void {
    this.failures.push({ status, times });
  }

  /** Answers the POST of `body` to the URL with `id`: the status and JSON Slack answers. */
  answer(id: string, body: Buffer): { status: number; body: Record<string, unknown> } {
    const target = this.targets.get(id);
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      // Recorded as an empty body: Slack answers such a post with `invalid_payload`.
    }
    const failure = this.failures[0];
    let status = target ? 200 : 404;
    let ts: string | undefined;
    if (failure) {
      status = failure.status;
      failure.times -= 1;
      if (failure.times <= 0) this.failures.shift();
    } else if (target) {
      ts = this.apply(target, parsed);
    }
    this.posts.push({ id, body: parsed, status, ...(ts !== undefined && { ts }) });
    return { status, body: status === 200 ? { ok: true } : { ok: false, error: 'expired_url' } };
  }

  /** What the post does to the conversation; the `ts` of the message it posted, replaced or deleted. */
  private apply(target: ResponseTarget, body: Record<string, unknown>): string | undefined {
    const { state } = this;
    if (body.delete_original === true && target.messageTs) {
      state.remove(target.channel, target.messageTs);
      return target.messageTs;
    }
    if (body.replace_original === true && target.messageTs) {
      const existing = state.find(target.channel, target.messageTs);
      if (existing) state.save({ ...existing, text: body.text ?? '', blocks: body.blocks });
      return target.messageTs;
    }
    if (body.response_type !== 'in_channel') return undefined;
    const ts = state.nextTs();
    state.save({ channel: target.channel, ts, type: 'message', user: state.bot.userId, ...body });
    return ts;
  }
}
