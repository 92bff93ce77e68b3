import type { CommandResult } from './exec';

/** One thing that went wrong, with what a reader needs to reproduce it. */
export interface Failure {
  /** The package concerned (`@bothooks/telegraf`), or `all packages`. */
  subject: string;
  /** The Node.js version it happened on, when it depends on one. */
  node?: string;
  /** Where: `pack`, `tarball contents`, `install`, `CommonJS consumer`, `ES module consumer`, `command`. */
  stage: string;
  message: string;
  /** The command that failed or whose run showed the problem, with its output. */
  result?: CommandResult;
}

const OUTPUT_LINES = 120;

function indent(text: string, prefix: string): string {
  const lines = text.trimEnd().split('\n');
  const shown = lines.length > OUTPUT_LINES ? lines.slice(-OUTPUT_LINES) : lines;
  const cut =
    lines.length > OUTPUT_LINES ? [`${prefix}… ${lines.length - OUTPUT_LINES} earlier lines cut`] : [];
  return [...cut, ...shown.map((line) => `${prefix}${line}`)].join('\n');
}

function formatResult(result: CommandResult): string[] {
  const ending = result.timedOut
    ? 'timed out'
    : result.signal
      ? `killed by ${result.signal}`
      : `exit code ${result.exitCode}`;
  const lines = [`  command: (cd ${result.cwd} && ${result.command})`];
  lines.push(`  ${ending} after ${(result.durationMs / 1000).toFixed(1)} s`);
  if (result.stdout.trim()) lines.push('  stdout:', indent(result.stdout, '  | '));
  if (result.stderr.trim()) lines.push('  stderr:', indent(result.stderr, '  | '));
  if (!result.stdout.trim() && !result.stderr.trim()) lines.push('  (no output)');
  return lines;
}

/**
 * Failures as the blocks the runner prints, one per run (a consumer, a command, an install): where it ran,
 * what failed for which package, then the command and its output, once.
 */
export function formatFailures(failures: readonly Failure[]): string {
  const groups = new Map<string, Failure[]>();
  const runIds = new Map<CommandResult, number>();
  for (const failure of failures) {
    if (failure.result && !runIds.has(failure.result)) runIds.set(failure.result, runIds.size);
    const key = `${failure.node ?? ''}|${failure.stage}|${failure.result ? runIds.get(failure.result) : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), failure]);
  }
  const blocks: string[] = [];
  for (const group of groups.values()) {
    const [first] = group as [Failure, ...Failure[]];
    const lines = [`✗ ${[first.node && `Node ${first.node}`, first.stage].filter(Boolean).join(' · ')}`];
    const subjects = [...new Set(group.map((failure) => failure.subject))];
    for (const subject of subjects) {
      lines.push(`  ${subject}:`);
      for (const failure of group.filter((item) => item.subject === subject)) {
        lines.push(indent(`- ${failure.message}`, '    '));
      }
    }
    if (first.result) lines.push(...formatResult(first.result));
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}
