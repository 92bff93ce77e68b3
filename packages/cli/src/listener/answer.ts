import type { ExchangeResult } from '../http-client';
import type { Answer, ForwardAttempt } from './delivery';
import { endToEndHeaders } from './forward';
import type { ReplyFile } from './reply-file';
import type { SignatureCheck } from './signature-check';
import type { RequestSummary } from './summary';

/** What goes back to the sender, and how it is described. */
export interface Response {
  status: number;
  /** Header names and values in order. */
  headers: string[];
  body: string | Buffer;
  answer: Answer;
}

const JSON_TYPE = ['content-type', 'application/json'];

function json(status: number, value: unknown, answer: Answer): Response {
  return { status, headers: JSON_TYPE, body: JSON.stringify(value), answer };
}

const EMPTY: Omit<Response, 'answer'> = { status: 204, headers: [], body: '' };

function replyAnswer(reply: ReplyFile | undefined): Response {
  if (reply === undefined) {
    return {
      ...EMPTY,
      answer: { status: 204, kind: 'accepted', detail: 'an empty reply (no --reply file)' },
    };
  }
  const read = reply.read();
  if (!read.ok) return json(500, { error: read.error }, { status: 500, kind: 'error', detail: read.error });
  const detail = `${read.messages} message${read.messages === 1 ? '' : 's'} from ${reply.path}`;
  return { status: 200, headers: JSON_TYPE, body: read.body, answer: { status: 200, kind: 'reply', detail } };
}

/**
 * The listener's own answer, as a careful receiver gives it: with a secret, anything not validly signed is
 * refused; a verify ping gets its challenge back; a JSON API request gets the `--reply` file; the rest a 204.
 */
export function localAnswer(context: {
  summary: RequestSummary;
  signature: SignatureCheck;
  secret: boolean;
  jsonApi: boolean;
  reply: ReplyFile | undefined;
}): Response {
  const { signature, summary } = context;
  if (context.secret && signature.verdict !== 'valid') {
    const status = signature.code === 'INVALID_PAYLOAD' ? 400 : 401;
    const error = signature.message ?? signature.verdict;
    // The signature check already says why; the answer only says what was done about it.
    return json(status, { error, code: signature.code }, { status, kind: 'refused', detail: 'refused' });
  }
  if (summary.type === 'webhook.verify' && summary.challenge !== undefined) {
    return json(
      200,
      { challenge: summary.challenge },
      { status: 200, kind: 'challenge', detail: 'challenge echoed' },
    );
  }
  if (context.jsonApi) return replyAnswer(context.reply);
  return { ...EMPTY, answer: { status: 204, kind: 'accepted' } };
}

// The relayed answer gets its own length from the body actually sent.
const NOT_RELAYED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'trailer',
  'upgrade',
]);

/**
 * The answer when forwarding: a JSON API request with `--reply` gets the file (the target's answer is shown,
 * not used); otherwise the target's own answer is relayed, or a 502 when it gave none.
 */
export function forwardedAnswer(context: {
  jsonApi: boolean;
  reply: ReplyFile | undefined;
  attempt: ForwardAttempt;
  result: ExchangeResult | undefined;
}): Response {
  if (context.jsonApi && context.reply !== undefined) return replyAnswer(context.reply);
  const { result, attempt } = context;
  if (result === undefined || result.truncated) {
    const detail =
      result === undefined
        ? `forward failed: ${attempt.error?.message}`
        : 'the target answered more than 1 MiB';
    return json(502, { error: detail }, { status: 502, kind: 'error', detail });
  }
  return {
    status: result.status,
    headers: endToEndHeaders(result.rawHeaders, NOT_RELAYED),
    body: result.body,
    answer: { status: result.status, kind: 'forwarded', detail: 'the forward target answered' },
  };
}
