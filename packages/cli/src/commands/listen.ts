import { EXIT, type ExitCode } from '../errors';
import { type Inspector, startInspector } from '../inspector/server';
import type { Delivery } from '../listener/delivery';
import { type Listener, startListener } from '../listener/listener';
import { CLI_VERSION } from '../package-files';
import { colorsFor, type Output } from '../terminal';
import { parseHttpUrl } from '../url';
import { deliveryJson, deliveryLines, forwardText, resendJson } from './delivery-line';

export interface ListenCommandOptions {
  port: number;
  host: string;
  secret?: string;
  json?: boolean;
  forwardTo?: string;
  reply?: string;
  ui?: boolean;
  uiPort: number;
}

/** Resolves on the first SIGINT or SIGTERM: how a developer stops the listener. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function banner(
  listener: Listener,
  inspector: Inspector | undefined,
  options: ListenCommandOptions,
  output: Output,
) {
  const colors = colorsFor(output.stderr, output.env);
  const row = (label: string, value: string) => `  ${label.padEnd(14)}${value}\n`;
  let text = `${colors.bold('bothooks listen')} ${colors.dim(`v${CLI_VERSION}`)}\n`;
  text += row('Receiving on', `${colors.cyan(listener.url)} ${colors.dim('(any path)')}`);
  text += row(
    'Signatures',
    options.secret === undefined
      ? colors.yellow('not checked: pass --secret (or set BOTHOOKS_SECRET) to check them')
      : listener.forwardTo === undefined
        ? 'checked; anything not validly signed is refused with 401'
        : 'checked and shown; the forward target decides the answer',
  );
  if (listener.forwardTo !== undefined) {
    text += row('Forwarding to', `${listener.forwardTo.href} ${colors.dim('(its answers are relayed)')}`);
  }
  text += row(
    'JSON API',
    options.reply === undefined
      ? 'answered 204 (pass --reply FILE to answer)'
      : `answered with ${options.reply}`,
  );
  if (inspector !== undefined) text += row('Inspector', colors.cyan(inspector.url));
  text += colors.dim('Waiting for deliveries; Ctrl-C stops.\n');
  output.stderr.write(text);
}

/** `bothooks listen`: receive, check, answer and print every delivery until stopped. */
export async function listenCommand(options: ListenCommandOptions, output: Output): Promise<ExitCode> {
  if (options.forwardTo !== undefined) parseHttpUrl(options.forwardTo, '--forward-to');
  const listener = await startListener({
    port: options.port,
    host: options.host,
    secret: options.secret,
    forwardTo: options.forwardTo,
    reply: options.reply,
  });
  let inspector: Inspector | undefined;
  try {
    inspector = options.ui ? await startInspector(listener, { port: options.uiPort }) : undefined;
  } catch (error) {
    await listener.close();
    throw error;
  }

  const colors = colorsFor(output.stdout, output.env);
  listener.on('delivery', (delivery: Delivery) => {
    output.stdout.write(options.json ? deliveryJson(delivery) : deliveryLines(delivery, colors));
  });
  listener.on('update', (delivery: Delivery) => {
    const attempt = delivery.forwards.at(-1);
    if (attempt === undefined) return;
    output.stdout.write(
      options.json
        ? resendJson(delivery, attempt)
        : `          #${delivery.id} ${forwardText(attempt, colors)}\n`,
    );
  });
  banner(listener, inspector, options, output);

  await untilStopped();
  await inspector?.close();
  await listener.close();
  output.stderr.write('Stopped.\n');
  return EXIT.OK;
}
