import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { exportMismatches } from './checks';
import { runCommands } from './commands';
import { runConsumer, subjectOfEntry } from './consumers';
import { entryPoints } from './contents';
import { projectEnvironment } from './environment';
import { commandFailure } from './exec';
import type { NodeBinary } from './node-binaries';
import { createProject, installProject, provenanceProblems, type Tarball } from './project';
import type { Failure } from './report';
import type { LoadedScenario } from './scenarios';
import type { Manifest } from './workspace';

/** How long each step took on one Node version, in ms; undefined for a step that did not run. */
export interface NodeTimings {
  node: NodeBinary;
  /** Finding the binary: a download when it was not cached yet. */
  binary?: number;
  install?: number;
  commonjs?: number;
  esm?: number;
  commands?: number;
  total: number;
  /** Packages left out on this version because their engines.node excludes it. */
  excluded: string[];
}

const CONSUMERS = {
  commonjs: { file: 'consumer.cjs', stage: 'CommonJS consumer', loadedWith: 'require' },
  esm: { file: 'consumer.mjs', stage: 'ES module consumer', loadedWith: 'import' },
} as const;

export interface NodeRunInput {
  node: NodeBinary;
  /** Where this version's project goes. */
  directory: string;
  tarballs: readonly Tarball[];
  manifests: ReadonlyMap<string, Manifest>;
  frameworks: Readonly<Record<string, string>>;
  scenarios: readonly LoadedScenario[];
}

/**
 * On one Node version: one project with every admitted tarball and the frameworks, installed once, then the
 * CommonJS consumer, the ES module consumer and the packages' commands, all in that project.
 */
export async function runOnNode(input: NodeRunInput): Promise<{ failures: Failure[]; timings: NodeTimings }> {
  const started = performance.now();
  const { node } = input;
  const failures: Failure[] = [];
  const admits = (name: string): boolean => {
    const range = input.manifests.get(name)?.engines?.node;
    return !range || !semver.validRange(range) || semver.satisfies(node.version, range);
  };
  const tarballs = input.tarballs.filter((tarball) => admits(tarball.name));
  const excluded = input.tarballs.filter((tarball) => !admits(tarball.name)).map((tarball) => tarball.name);
  const timings: NodeTimings = { node, total: 0, excluded };
  const scenarios = input.scenarios.filter((scenario) => admits(scenario.subject));
  const bots = scenarios.filter((scenario) => scenario.scenario.world);
  const env = projectEnvironment(node);

  mkdirSync(input.directory, { recursive: true });
  createProject(
    input.directory,
    tarballs,
    input.frameworks,
    bots.map((bot) => bot.folder),
  );
  const installed = await installProject(input.directory, env);
  timings.install = installed.durationMs;
  const installFailure = commandFailure(installed);
  if (installFailure) {
    failures.push({
      subject: 'all packages',
      node: node.version,
      stage: 'install',
      message: `npm install ${installFailure}`,
      result: installed,
    });
    timings.total = performance.now() - started;
    return { failures, timings };
  }
  for (const message of provenanceProblems(input.directory, tarballs)) {
    failures.push({
      subject: 'all packages',
      node: node.version,
      stage: 'install',
      message,
      result: installed,
    });
  }

  const manifestOf = (name: string): Manifest => input.manifests.get(name) as Manifest;
  const consumer = {
    nodePath: node.path,
    nodeVersion: node.version,
    project: input.directory,
    env,
    bots,
    entryPoints: tarballs.flatMap((tarball) => entryPoints(manifestOf(tarball.name))),
    packages: tarballs.map((tarball) => tarball.name),
    coreVersion: tarballs.find((tarball) => tarball.name === '@bothooks/core')?.version ?? '',
  };
  // One after the other: each has the machine's two cores to itself, and its own fakes and receiver.
  const commonjs = await runConsumer({ ...consumer, ...CONSUMERS.commonjs });
  timings.commonjs = commonjs.durationMs;
  const esm = await runConsumer({ ...consumer, ...CONSUMERS.esm });
  timings.esm = esm.durationMs;
  failures.push(...commonjs.failures, ...esm.failures);
  if (commonjs.entries && esm.entries) {
    for (const message of exportMismatches(commonjs.entries, esm.entries)) {
      const subject = subjectOfEntry(message, consumer.packages);
      failures.push({ subject, node: node.version, stage: 'CommonJS and ES module consumers', message });
    }
  }

  const commandScenarios = scenarios
    .filter((scenario) => scenario.scenario.commands)
    .map((scenario) => ({
      ...scenario,
      version: tarballs.find((tarball) => tarball.name === scenario.subject)?.version ?? '',
    }));
  const commands = await runCommands({
    project: input.directory,
    nodeVersion: node.version,
    env,
    scenarios: commandScenarios,
  });
  timings.commands = commands.durationMs;
  failures.push(...commands.failures);
  timings.total = performance.now() - started;
  return { failures, timings };
}

/** The project folder of one Node version under the run's temporary root. */
export function projectDirectory(root: string, node: NodeBinary): string {
  return join(root, `node-${node.version}`);
}
