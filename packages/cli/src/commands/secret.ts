import { generateSecret } from '@bothooks/core';
import { EXIT, type ExitCode } from '../errors';
import type { Output } from '../terminal';

/** `bothooks secret`: a fresh `whsec_` secret (32 random bytes), alone on its line for `$(bothooks secret)`. */
export function secretCommand(output: Output): ExitCode {
  output.stdout.write(`${generateSecret()}\n`);
  return EXIT.OK;
}
