import { readFileSync } from 'node:fs';
import { JsonApiError, parseBotReply } from '@bothooks/core';
import { usageError } from '../errors';

/** The `--reply` file: read again for every request, so an edit shows in the next answer without a restart. */
export interface ReplyFile {
  readonly path: string;
  /** The file's JSON as written (current or legacy shape), and how many messages the bot would show. */
  read(): { ok: true; body: string; messages: number } | { ok: false; error: string };
}

function load(path: string): { ok: true; body: string; messages: number } | { ok: false; error: string } {
  let body: string;
  try {
    body = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      error: code === 'ENOENT' ? `${path} does not exist` : `${path} cannot be read (${code})`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return { ok: false, error: `${path} is not JSON: ${(error as Error).message}` };
  }
  try {
    return { ok: true, body, messages: parseBotReply(parsed).messages.length };
  } catch (error) {
    if (error instanceof JsonApiError)
      return { ok: false, error: `${path} is not a BotReply: ${error.message}` };
    throw error;
  }
}

/**
 * Opens the `--reply` file and checks it once up front, so a typo fails at start rather than at the first request.
 *
 * @throws {CliError} a usage error naming the problem.
 */
export function openReplyFile(path: string): ReplyFile {
  const first = load(path);
  if (!first.ok) {
    throw usageError(
      first.error,
      'the reply is a BotReply: { "messages": [{ "text": "...", "quickReplies": ["..."] }] }',
    );
  }
  return { path, read: () => load(path) };
}
