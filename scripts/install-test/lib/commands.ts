import { createReceiver } from '@bothooks/testkit';
import { webhookProblems } from './checks';
import { newSecret, waitForWebhooks } from './consumers';
import { commandFailure, run } from './exec';
import type { Failure } from './report';
import type { Scenario } from './scenario';

export interface CommandScenario {
  folder: string;
  subject: string;
  /** The packed version of the package, which its bin's `user-agent` names. */
  version: string;
  scenario: Scenario;
}

/** Runs every scenario's commands in the project, each against a verifying receiver when it sends webhooks. */
export async function runCommands(options: {
  project: string;
  nodeVersion: string;
  env: NodeJS.ProcessEnv;
  scenarios: readonly CommandScenario[];
}): Promise<{ failures: Failure[]; durationMs: number }> {
  const started = performance.now();
  const failures: Failure[] = [];
  const secret = newSecret();
  const receiver = await createReceiver({ secret });
  try {
    for (const { folder, subject, version, scenario } of options.scenarios) {
      const path = `/${folder}`;
      const label = `npx on Node ${options.nodeVersion}`;
      const checks = scenario.commands?.({ endpoint: receiver.url(path), label, secret }) ?? [];
      for (const check of checks) {
        const [file, ...args] = check.args;
        const before = receiver.requests.length;
        const result = await run(file, args, {
          cwd: options.project,
          env: { ...options.env, ...check.env },
          timeoutMs: 60_000,
        });
        const fail = (message: string): void => {
          failures.push({ subject, node: options.nodeVersion, stage: 'command', message, result });
        };
        const failure = commandFailure(result);
        if (failure) {
          fail(`the command ${failure}`);
          continue;
        }
        const output = `${result.stdout}${result.stderr}`;
        const missing = (check.output ?? []).filter((text) => !output.includes(text));
        if (missing.length > 0) fail(`its output lacks ${missing.map((text) => `"${text}"`).join(', ')}`);
        if (check.expected) {
          await waitForWebhooks(receiver, path, check.expected);
          const requests = receiver.requests.slice(before).filter((request) => request.path === path);
          for (const message of webhookProblems(requests, check.expected, version)) fail(message);
        }
      }
    }
  } finally {
    await receiver.close();
  }
  return { failures, durationMs: performance.now() - started };
}
