import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { listenCommand } from './commands/listen';
import { secretCommand } from './commands/secret';
import { sendCommand } from './commands/send';
import { verifyCommand } from './commands/verify';
import { CliError, EXIT, type ExitCode } from './errors';
import { CLI_VERSION } from './package-files';
import { SAMPLE_EVENT_TYPES, type SampleEventType } from './samples/events';
import { SAMPLE_PLATFORMS, type SamplePlatform } from './samples/platforms';
import { colorsFor, type Output } from './terminal';

function integer(name: string, minimum: number, maximum: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < minimum || parsed > maximum) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${minimum} to ${maximum}.`);
    }
    return parsed;
  };
}

// Never an argParser: commander would repeat a rejected value, and this one is a secret.
const secretOption = () =>
  new Option('--secret <whsec>', 'the Standard Webhooks secret (whsec_...) the endpoint uses').env(
    'BOTHOOKS_SECRET',
  );
const timeoutOption = () =>
  new Option('--timeout <ms>', 'how long to wait for the answer')
    .default(15_000)
    .argParser(integer('--timeout', 1, 600_000));

const EXIT_CODES_HELP = `
Exit codes:
  0  done: the endpoint answered as required
  1  the endpoint answered, but not as required (non-2xx, redirect, wrong challenge, unusable reply)
  2  usage: unknown option, bad value, invalid secret, unusable --reply file
  3  no answer (refused, DNS, timeout), or listen could not open its port`;

function buildProgram(output: Output, finish: (code: ExitCode) => void): Command {
  const program = new Command('bothooks')
    .description(
      'See what your bot sends: a local webhook receiver with a live inspector, signed sample events, the Verify check.',
    )
    .version(CLI_VERSION, '-v, --version')
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError()
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.stdout.write(text),
      writeErr: (text) => output.stderr.write(text),
      outputError: (text, write) => write(colorsFor(output.stderr, output.env).red(text)),
    });

  program
    .command('listen')
    .description(
      'receive webhooks locally: check each signature, answer, print it, optionally relay it and show it in a web page',
    )
    .addOption(
      new Option('-p, --port <port>', 'port to receive on (0: any free port)')
        .default(4800)
        .argParser(integer('--port', 0, 65_535)),
    )
    .addOption(
      new Option('--host <address>', 'address to bind; anything but loopback exposes the listener').default(
        '127.0.0.1',
      ),
    )
    .addOption(secretOption())
    .option('--json', 'print one JSON object per delivery, for piping')
    .option('--forward-to <url>', 'relay every request unchanged to this URL and answer with its answer')
    .option(
      '--reply <file>',
      'answer JSON API requests (jsonapi.request, GET) with the BotReply in this JSON file',
    )
    .option('--ui', 'serve the live inspector page on 127.0.0.1')
    .addOption(
      new Option('--ui-port <port>', 'port of the inspector page (0: any free port)')
        .default(4801)
        .argParser(integer('--ui-port', 0, 65_535)),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ bothooks listen --ui\n  $ bothooks listen --secret "$WEBHOOK_SECRET" --forward-to http://localhost:3000/bot-events\n  $ bothooks listen --reply reply.json --json | jq .text',
    )
    .action(async (options) => finish(await listenCommand(options, output)));

  program
    .command('send')
    .description('send one realistic, signed sample event and show the answer')
    .argument('<url>', 'where to send it')
    .addOption(secretOption())
    .addOption(
      new Option('-t, --type <type>', 'event type')
        .choices(SAMPLE_EVENT_TYPES)
        .default('message.received' satisfies SampleEventType),
    )
    .addOption(
      new Option('-p, --platform <platform>', 'platform')
        .choices(SAMPLE_PLATFORMS)
        .default('telegram' satisfies SamplePlatform),
    )
    .option('--text <text>', 'the message text (default: one that fits the type; message.deleted has none)')
    .addOption(
      new Option('--method <method>', 'GET sends a JSON API request as query parameters')
        .choices(['POST', 'GET'])
        .default('POST'),
    )
    .addOption(timeoutOption())
    .addHelpText(
      'after',
      '\nExamples:\n  $ bothooks send http://127.0.0.1:4800 --secret "$WEBHOOK_SECRET"\n  $ bothooks send http://localhost:3000/quotes -t jsonapi.request -p discord --text "/quote"',
    )
    .action(async (url: string, options) => finish(await sendCommand(url, options, output)));

  program
    .command('verify')
    .description('run the Verify check: a signed webhook.verify ping whose challenge must come back')
    .argument('<url>', 'the endpoint to check')
    .addOption(secretOption())
    .addOption(timeoutOption())
    .action(async (url: string, options) => finish(await verifyCommand(url, options, output)));

  program
    .command('secret')
    .description('print a fresh whsec_ secret')
    .action(() => finish(secretCommand(output)));

  return program;
}

/**
 * Runs the CLI with `argv` (as in `process.argv`) and resolves with the exit code. `listen` resolves once it is
 * stopped (SIGINT or SIGTERM).
 */
export async function run(argv: readonly string[], output: Output): Promise<ExitCode> {
  let code: ExitCode = EXIT.OK;
  const program = buildProgram(output, (exitCode) => {
    code = exitCode;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end this way too, with their own 0.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (error instanceof CliError) {
      const colors = colorsFor(output.stderr, output.env);
      output.stderr.write(colors.red(`error: ${error.message}\n`));
      if (error.hint !== undefined) output.stderr.write(colors.dim(`hint: ${error.hint}\n`));
      return error.exitCode;
    }
    throw error;
  }
}
