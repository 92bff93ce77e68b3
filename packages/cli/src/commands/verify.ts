import { ConfigError, createWebhooks, type VerifyResult } from '@bothooks/core';
import { EXIT, type ExitCode, usageError } from '../errors';
import { assertSecret } from '../secret';
import { colorsFor, type Output, printable } from '../terminal';
import { displayUrl, parseHttpUrl } from '../url';

export interface VerifyCommandOptions {
  secret?: string;
  timeout: number;
}

const NO_ANSWER = new Set([
  'TIMEOUT',
  'CONNECTION_REFUSED',
  'CONNECTION_RESET',
  'DNS_FAILURE',
  'TLS_FAILURE',
  'NETWORK_ERROR',
]);

function hint(result: VerifyResult, signed: boolean): string | undefined {
  switch (result.error?.code) {
    case 'CONNECTION_REFUSED':
      return 'is the receiver running, on that port?';
    case 'TIMEOUT':
      return 'the receiver must answer within the timeout (--timeout)';
    case 'REDIRECT':
      return 'redirects are not followed: verify the final URL';
    case 'CHALLENGE_MISMATCH':
      return 'a receiver that answers JSON must echo data.challenge as { "challenge": "..." }';
    case 'HTTP_STATUS':
      if (result.status === 401 || result.status === 403) {
        return signed
          ? "the receiver refused the signature: is --secret the endpoint's secret?"
          : 'the receiver wants signed requests: pass --secret';
      }
      return 'the receiver must answer 2xx to a webhook.verify ping';
    default:
      return undefined;
  }
}

/** `bothooks verify <url>`: core's Verify check, with a verdict and an exit code scripts can use. */
export async function verifyCommand(
  target: string,
  options: VerifyCommandOptions,
  output: Output,
): Promise<ExitCode> {
  const url = parseHttpUrl(target, 'the URL');
  if (options.secret !== undefined) assertSecret(options.secret);
  let hooks: ReturnType<typeof createWebhooks>;
  try {
    hooks = createWebhooks({
      endpoints: [
        {
          id: 'target',
          url: url.href,
          ...(options.secret === undefined ? { unsigned: true } : { secret: options.secret }),
          events: [],
        },
      ],
      timeoutMs: options.timeout,
      logger: false,
    });
  } catch (error) {
    if (error instanceof ConfigError) throw usageError(`the endpoint is not usable: ${error.message}`);
    throw error;
  }
  const colors = colorsFor(output.stdout, output.env);
  try {
    const result = await hooks.verify('target');
    const answered =
      result.status === undefined
        ? `${result.latencyMs} ms`
        : `answered ${result.status} in ${result.latencyMs} ms`;
    if (result.ok) {
      output.stdout.write(`${colors.green('✓ verified')} ${displayUrl(url)}  ${colors.dim(answered)}\n`);
      return EXIT.OK;
    }
    const reason = `${result.error?.code}: ${printable(result.error?.message ?? '', 200)}`;
    output.stdout.write(
      `${colors.red('✗ not verified')} ${displayUrl(url)}  ${reason} ${colors.dim(`(${answered})`)}\n`,
    );
    const advice = hint(result, options.secret !== undefined);
    if (advice !== undefined) output.stdout.write(colors.dim(`  hint: ${advice}\n`));
    return NO_ANSWER.has(result.error?.code ?? '') ? EXIT.UNREACHABLE : EXIT.FAILED;
  } finally {
    await hooks.close();
  }
}
