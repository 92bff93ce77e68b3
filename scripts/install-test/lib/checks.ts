import { isAbsolute, relative, sep } from 'node:path';
import type { ExpectedWebhook } from './scenario';

/** What the install test's receiver recorded of one request (testkit's `RecordedRequest` has these). */
export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  verified?: boolean;
  verifyError?: string;
}

interface Envelope {
  type?: string;
  data?: { platform?: string; message?: { text?: string } };
}

function envelope(request: ReceivedWebhook): Envelope {
  try {
    return JSON.parse(request.body) as Envelope;
  } catch {
    return {};
  }
}

/** Whether a received request is the expected webhook: same type and message text (platform checked apart). */
export function isExpected(request: ReceivedWebhook, expected: ExpectedWebhook): boolean {
  const event = envelope(request);
  return event.type === expected.type && event.data?.message?.text === expected.text;
}

function describe(expected: ExpectedWebhook): string {
  return `${expected.type} webhook with text "${expected.text}"`;
}

/** The webhooks that did arrive, for a report: `message.received "hello"`. */
export function describeReceived(requests: readonly ReceivedWebhook[]): string {
  if (requests.length === 0) return 'none arrived';
  return requests
    .map((request) => {
      const event = envelope(request);
      return `${event.type ?? '(not an event)'} "${event.data?.message?.text ?? ''}"${request.verified ? '' : ' (not verified)'}`;
    })
    .join(', ');
}

/**
 * What is wrong with the webhooks that arrived on one path: an expected one missing, or one that does not
 * verify, names another platform, or does not carry `user-agent: bothooks/<version>`.
 */
export function webhookProblems(
  requests: readonly ReceivedWebhook[],
  expected: readonly ExpectedWebhook[],
  version: string,
): string[] {
  const problems: string[] = [];
  for (const wanted of expected) {
    const found = requests.find((request) => isExpected(request, wanted));
    if (!found) {
      problems.push(`no ${describe(wanted)} arrived (received: ${describeReceived(requests)})`);
      continue;
    }
    const platform = envelope(found).data?.platform;
    if (wanted.platform !== undefined && platform !== wanted.platform) {
      problems.push(`the ${describe(wanted)} says platform "${platform}", not "${wanted.platform}"`);
    }
  }
  for (const request of requests) {
    const event = envelope(request);
    const what = `the ${event.type ?? 'request'} webhook "${event.data?.message?.text ?? ''}"`;
    if (request.verified !== true) {
      problems.push(`${what} does not verify: ${request.verifyError ?? 'no signature was checked'}`);
    }
    const userAgent = String(request.headers['user-agent'] ?? '');
    if (!new RegExp(`^bothooks/${version.replaceAll('.', '\\.')}( |$)`).test(userAgent)) {
      problems.push(`${what} came with user-agent "${userAgent}", not bothooks/${version}`);
    }
  }
  return problems;
}

/**
 * What is wrong with the files a consumer loaded: a TypeScript source (the source-only export condition or a
 * `.ts` target resolved), anything from outside the project (a dependency that resolves only in the
 * workspace), or a bothooks module from outside its package's `dist`.
 */
export function loadedFileProblems(
  files: readonly string[],
  project: string,
  packages: readonly string[],
): string[] {
  const problems: string[] = [];
  const inside = (file: string): boolean => {
    const path = relative(project, file);
    return path !== '' && !path.startsWith('..') && !isAbsolute(path);
  };
  for (const file of files) {
    if (!isAbsolute(file)) continue; // node: built-ins
    const bothooks = relative(project, file).split(sep);
    if (/\.[cm]?tsx?$/.test(file) && !/\.d\.[cm]?ts$/.test(file)) {
      problems.push(
        `loaded ${file}, a TypeScript source: consumers must only ever load the built JavaScript`,
      );
    } else if (!inside(file)) {
      problems.push(`loaded ${file}, which is outside the consumer's project`);
    } else if (bothooks[0] === 'node_modules' && bothooks[1] === '@bothooks' && bothooks[3] !== 'dist') {
      problems.push(`loaded ${file}, which is not in the package's dist`);
    }
  }
  for (const name of packages) {
    const directory = `${project}${sep}node_modules${sep}${name.split('/').join(sep)}${sep}`;
    if (!files.some((file) => file.startsWith(directory))) {
      problems.push(
        `never loaded anything from ${directory}: ${name} did not come from the installed tarball`,
      );
    }
  }
  return problems;
}

/** Export names per entry point, as a consumer reported them. */
export type EntryReport = Record<string, { names?: string[]; error?: string }>;

/** An entry point that failed to load or exports nothing. */
export function entryProblems(report: EntryReport, loadedWith: string): string[] {
  const problems: string[] = [];
  for (const [entry, outcome] of Object.entries(report)) {
    if (outcome.error) problems.push(`${loadedWith}('${entry}') failed:\n${outcome.error}`);
    else if ((outcome.names ?? []).length === 0) problems.push(`${loadedWith}('${entry}') exports nothing`);
  }
  return problems;
}

/** Entry points whose CommonJS and ES module builds export different names. */
export function exportMismatches(commonjs: EntryReport, esm: EntryReport): string[] {
  const problems: string[] = [];
  for (const [entry, required] of Object.entries(commonjs)) {
    const imported = esm[entry];
    if (!required.names || !imported?.names) continue;
    const onlyRequired = required.names.filter((name) => !imported.names?.includes(name));
    const onlyImported = imported.names.filter((name) => !required.names?.includes(name));
    if (onlyRequired.length > 0 || onlyImported.length > 0) {
      problems.push(
        `${entry} exports different names to require() and import: only require() has [${onlyRequired.join(', ')}], only import has [${onlyImported.join(', ')}]`,
      );
    }
  }
  return problems;
}
