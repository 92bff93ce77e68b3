import { ConfigError, signWebhook } from '@bothooks/core';
import { usageError } from './errors';

/**
 * Checks a `--secret` the way core checks an endpoint's: `whsec_` and base64 of 24 to 64 bytes. The error names
 * what is wrong and never repeats the value.
 *
 * @throws {CliError} a usage error.
 */
export function assertSecret(secret: string): void {
  try {
    // Signing once is core's own validation of a secret, with its own reasons.
    signWebhook({ id: 'msg_check', timestamp: 0, payload: '', secret });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const reason = error.message.slice(error.field.length + 2);
    throw usageError(
      `the secret ${reason}`,
      "run `bothooks secret` for a new one, or copy the endpoint's secret",
    );
  }
}
