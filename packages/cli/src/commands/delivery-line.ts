import type { Answer, Delivery, ForwardAttempt } from '../listener/delivery';
import type { Verdict } from '../listener/signature-check';
import { type Colors, printable } from '../terminal';

function verdictText(delivery: Delivery, colors: Colors): string {
  const paint: Record<Verdict, (text: string) => string> = {
    valid: colors.green,
    invalid: colors.red,
    unsigned: colors.yellow,
    unchecked: colors.dim,
  };
  const { verdict, message } = delivery.signature;
  const reason = verdict === 'invalid' && message !== undefined ? ` (${printable(message, 80)})` : '';
  return paint[verdict](`${verdict}${reason}`);
}

function answerText(answer: Answer, colors: Colors): string {
  const status =
    answer.status >= 400 ? colors.red(String(answer.status)) : colors.bold(String(answer.status));
  const detail = answer.detail === undefined ? '' : ` ${printable(answer.detail, 100)}`;
  return `→ ${status}${detail}`;
}

/** `↪ http://localhost:3000/hooks  200 OK  12 ms`, or why the relay got no answer. */
export function forwardText(attempt: ForwardAttempt, colors: Colors): string {
  const target = `${attempt.resend ? 'resent to' : '↪'} ${attempt.url}`;
  if (attempt.status === undefined) {
    return `${target}  ${colors.red(`failed: ${attempt.error?.message ?? 'no answer'}`)} ${colors.dim(`(${attempt.error?.code}, ${attempt.latencyMs} ms)`)}`;
  }
  const status = `${attempt.status} ${attempt.statusText ?? ''}`.trim();
  const painted = attempt.status >= 200 && attempt.status < 300 ? colors.green(status) : colors.red(status);
  return `${target}  ${painted}  ${attempt.latencyMs} ms`;
}

/**
 * One delivery as a terminal line: time, type, platform, conversation and user, the text, the signature verdict
 * and the answer; a second line for the relay when forwarding. Everything from the request is made printable.
 */
export function deliveryLines(delivery: Delivery, colors: Colors): string {
  const time = colors.dim(delivery.receivedAt.slice(11, 19));
  const type =
    delivery.type === undefined
      ? `${delivery.method} ${printable(delivery.url, 40)}`
      : printable(delivery.type, 40);
  const who = [delivery.conversation, delivery.user]
    .filter((part) => part !== undefined)
    .map((part) => printable(part as string, 30))
    .join(' / ');
  const path = delivery.url.split('?')[0] as string;
  const parts = [
    time,
    colors.dim(printable(path, 30)),
    colors.cyan(type.padEnd(16)),
    (delivery.platform === undefined ? '' : printable(delivery.platform, 20)).padEnd(12),
    who,
    delivery.text === undefined ? '' : `"${printable(delivery.text, 60)}"`,
    verdictText(delivery, colors),
    answerText(delivery.answer, colors),
  ].filter((part) => part.trim() !== '');
  const lines = [parts.join('  ')];
  for (const attempt of delivery.forwards) lines.push(`          ${forwardText(attempt, colors)}`);
  return `${lines.join('\n')}\n`;
}

/** One delivery as one JSON object, for `--json`. */
export function deliveryJson(delivery: Delivery): string {
  const { headers: _headers, body: _body, forwards, receivedAt, ...fields } = delivery;
  return `${JSON.stringify({ time: receivedAt, ...fields, forward: forwards[0] })}\n`;
}

/** A resend from the inspector, for `--json`: `{ "resend": { "delivery": 3, ...attempt } }`. */
export function resendJson(delivery: Delivery, attempt: ForwardAttempt): string {
  return `${JSON.stringify({ resend: { delivery: delivery.id, ...attempt } })}\n`;
}
