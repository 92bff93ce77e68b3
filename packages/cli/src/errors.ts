import { BothooksError } from '@bothooks/core';

/** The exit codes of every command; the README's table documents them. */
export const EXIT = {
  /** Done: the listener stopped normally, the endpoint answered as required, the secret was printed. */
  OK: 0,
  /** The endpoint answered, but not as required: a non-2xx status, a redirect, a wrong challenge, an invalid reply. */
  FAILED: 1,
  /** The command line is wrong: an unknown option, a bad value, an invalid secret, an unusable reply file. */
  USAGE: 2,
  /** Nothing answered: connection refused, DNS failure, timeout; or `listen` could not open its port. */
  UNREACHABLE: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A failure the CLI explains and exits on. `hint` says what to try next; neither ever contains a secret.
 */
export class CliError extends BothooksError {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(
    code: string,
    message: string,
    options: { exitCode: ExitCode; hint?: string; cause?: unknown },
  ) {
    super(code, message, { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = options.exitCode;
    this.hint = options.hint;
  }
}

/** A usage error: exit code 2. */
export function usageError(message: string, hint?: string): CliError {
  return new CliError('USAGE', message, { exitCode: EXIT.USAGE, hint });
}
