import { randomBytes } from 'node:crypto';
import { JsonApiError, parseBotReply, signWebhook, VERSION } from '@bothooks/core';
import { EXIT, type ExitCode, usageError } from '../errors';
import { ExchangeError, type ExchangeResult, exchange } from '../http-client';
import { createSampleEvent, type SampleEventType } from '../samples/events';
import type { SamplePlatform } from '../samples/platforms';
import { eventQuery } from '../samples/query';
import { assertSecret } from '../secret';
import { type Colors, colorsFor, type Output, printable } from '../terminal';
import { displayUrl, parseHttpUrl } from '../url';

export interface SendCommandOptions {
  secret?: string;
  type: SampleEventType;
  platform: SamplePlatform;
  text?: string;
  method: 'POST' | 'GET';
  timeout: number;
}

const EXCERPT_LINES = 20;
const EXCERPT_CHARACTERS = 1200;

/** The start of an answer's body, pretty-printed when it is JSON, safe to print. */
export function bodyExcerpt(body: Buffer): string {
  const text = body.toString('utf8');
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {}
  const lines = pretty.slice(0, EXCERPT_CHARACTERS).split('\n').slice(0, EXCERPT_LINES);
  const cut = pretty.length > EXCERPT_CHARACTERS || pretty.split('\n').length > EXCERPT_LINES;
  return `${lines.map((line) => `  ${printable(line)}`).join('\n')}${cut ? '\n  …' : ''}\n`;
}

/** For a JSON API request: whether the answer is a reply the bot could show, as core would read it. */
function replyVerdict(result: ExchangeResult, colors: Colors): { ok: boolean; text: string } {
  if (result.status === 204 || result.body.length === 0)
    return { ok: true, text: colors.green('✓ an empty reply') };
  try {
    const reply = parseBotReply(JSON.parse(result.body.toString('utf8')));
    const count = reply.messages.length;
    return { ok: true, text: colors.green(`✓ a valid BotReply: ${count} message${count === 1 ? '' : 's'}`) };
  } catch (error) {
    const reason = error instanceof JsonApiError ? error.message : 'the answer is not JSON';
    return { ok: false, text: colors.red(`✗ not a usable BotReply: ${printable(reason, 200)}`) };
  }
}

function statusHint(result: ExchangeResult, signed: boolean): string | undefined {
  if (result.status >= 300 && result.status < 400) {
    const location = result.headers.location;
    return `redirects are not followed; send to the final URL${location ? ` (location: ${printable(String(location), 200)})` : ''}`;
  }
  if (result.status === 401 || result.status === 403) {
    return signed
      ? "the receiver refused it: is --secret the endpoint's secret?"
      : 'the receiver wants a signed request: pass --secret';
  }
  return undefined;
}

/** `bothooks send <url>`: one realistic, signed sample event; prints status, latency and a body excerpt. */
export async function sendCommand(
  target: string,
  options: SendCommandOptions,
  output: Output,
): Promise<ExitCode> {
  const url = parseHttpUrl(target, 'the URL');
  if (options.secret !== undefined) assertSecret(options.secret);
  if (options.method === 'GET' && options.type !== 'jsonapi.request') {
    throw usageError(
      '--method GET is only for --type jsonapi.request',
      'GET is how JSON API requests can be sent',
    );
  }
  const colors = colorsFor(output.stdout, output.env);
  const event = createSampleEvent(options.type, options.platform, { text: options.text });
  // A GET carries the event in its query, after any parameters the URL already has; all of it is signed.
  const query =
    options.method === 'GET' ? [url.search.slice(1), eventQuery(event)].filter(Boolean).join('&') : undefined;
  const body = options.method === 'POST' ? JSON.stringify(event) : '';
  const id = `msg_${randomBytes(18).toString('base64url')}`;
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = [
    'user-agent',
    `bothooks/${VERSION} (+https://github.com/bothooks/bothooks)`,
    'webhook-id',
    id,
    'webhook-timestamp',
    String(timestamp),
  ];
  if (options.method === 'POST') headers.push('content-type', 'application/json');
  if (options.type === 'jsonapi.request') headers.push('accept', 'application/json');
  if (options.secret !== undefined) {
    // A GET has no body: it is signed over its query string instead.
    const signature = signWebhook({ id, timestamp, payload: query ?? body, secret: options.secret });
    headers.push('webhook-signature', signature);
  }

  const what = `${event.type} · ${event.data.platform} · ${options.secret === undefined ? colors.yellow('unsigned') : 'signed'}`;
  output.stdout.write(`→ ${options.method} ${displayUrl(url)}  ${what}\n`);
  let result: ExchangeResult;
  try {
    result = await exchange({
      url,
      // Exactly the signed query string, not a re-encoding of it.
      ...(query !== undefined && { path: `${url.pathname}?${query}` }),
      method: options.method,
      headers,
      body,
      timeoutMs: options.timeout,
      maxResponseBytes: 1024 * 1024,
    });
  } catch (error) {
    if (!(error instanceof ExchangeError)) throw error;
    output.stdout.write(
      `${colors.red(`✗ no answer: ${error.message}`)} ${colors.dim(`(${error.code}, ${error.latencyMs} ms)`)}\n`,
    );
    return EXIT.UNREACHABLE;
  }

  const ok = result.status >= 200 && result.status < 300;
  const status = `${result.status} ${printable(result.statusText, 100)}`.trim();
  output.stdout.write(`← ${ok ? colors.green(status) : colors.red(status)}  ${result.latencyMs} ms\n`);
  if (result.body.length > 0) output.stdout.write(bodyExcerpt(result.body));
  if (!ok) {
    const hint = statusHint(result, options.secret !== undefined);
    if (hint !== undefined) output.stdout.write(colors.dim(`  hint: ${hint}\n`));
    return EXIT.FAILED;
  }
  if (options.type !== 'jsonapi.request') return EXIT.OK;
  const verdict = replyVerdict(result, colors);
  output.stdout.write(`${verdict.text}\n`);
  return verdict.ok ? EXIT.OK : EXIT.FAILED;
}
