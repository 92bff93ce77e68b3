/**
 * The install test: packs every public package, installs the tarballs with the real frameworks into a fresh
 * project outside the workspace on each Node.js version, and runs a CommonJS and an ES module consumer there
 * (one bot per framework against fake platforms in this process, every webhook verified) and each package's
 * commands. See README.md beside this file.
 */
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { tarballProblems } from './lib/contents';
import { registryDependencies } from './lib/frameworks';
import {
  NodeUnavailable,
  nodeCacheDirectory,
  publishedVersions,
  resolveNode,
  wantedNodeVersions,
} from './lib/node-binaries';
import { type NodeTimings, projectDirectory, runOnNode } from './lib/node-run';
import { packPackages } from './lib/pack';
import { type Failure, formatFailures } from './lib/report';
import { loadScenarios } from './lib/scenarios';
import { lockedVersion, workspacePackages, workspaceRoot } from './lib/workspace';

const keep = process.argv.includes('--keep');
const wanted = wantedNodeVersions(process.env);
const started = performance.now();
const failures: Failure[] = [];
const seconds = (ms: number | undefined): string => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`);

const everyPackage = workspacePackages();
const published = everyPackage.filter((workspacePackage) => workspacePackage.manifest.private !== true);
const privateNames = new Set(
  everyPackage.filter((item) => item.manifest.private === true).map((item) => item.manifest.name),
);
const workspaceNames = new Set(everyPackage.map((item) => item.manifest.name));
console.log(`::: install test of ${published.map((item) => item.manifest.name).join(', ')}`);

const { scenarios, failures: scenarioFailures } = await loadScenarios(published);
failures.push(...scenarioFailures);

const { dependencies: frameworks, failures: frameworkFailures } = registryDependencies(
  published,
  scenarios,
  workspaceNames,
  (name) => lockedVersion(name),
);
failures.push(...frameworkFailures);
console.log(
  `::: frameworks: ${Object.entries(frameworks)
    .map(([name, version]) => `${name}@${version}`)
    .join(', ')}`,
);

const root = realpathSync(mkdtempSync(join(tmpdir(), 'bothooks-install-test-')));
if (!relative(workspaceRoot, root).startsWith('..')) throw new Error(`${root} is inside the workspace`);
const packed = await packPackages(workspaceRoot, published, root);
const timings: NodeTimings[] = [];

if ('error' in packed) {
  failures.push({ subject: 'all packages', stage: 'pack', message: packed.error, result: packed.result });
} else {
  for (const tarball of packed.tarballs) {
    const workspacePackage = published.find((item) => item.manifest.name === tarball.name);
    if (!workspacePackage) continue;
    const readmePath = join(workspacePackage.directory, 'README.md');
    const problems = tarballProblems({
      manifest: workspacePackage.manifest,
      files: tarball.files,
      readme: tarball.files.includes('README.md') ? readFileSync(readmePath, 'utf8') : undefined,
      privateNames,
    });
    for (const message of problems)
      failures.push({ subject: tarball.name, stage: 'tarball contents', message });
  }
  console.log(`::: packed ${packed.tarballs.map((tarball) => tarball.path.split('/').at(-1)).join(', ')}`);

  const cache = nodeCacheDirectory();
  const context = { cache, env: process.env, published: publishedVersions(process.env) };
  const manifests = new Map(published.map((item) => [item.manifest.name, item.manifest]));
  for (const line of wanted) {
    let node: Awaited<ReturnType<typeof resolveNode>>;
    const resolving = performance.now();
    try {
      node = await resolveNode(line, context);
    } catch (error) {
      const result = error instanceof NodeUnavailable ? error.result : undefined;
      failures.push({ subject: 'all packages', node: line, stage: 'node', message: String(error), result });
      continue;
    }
    const binaryMs = performance.now() - resolving;
    console.log(
      `::: Node ${node.version} (${node.source === 'download' ? `downloaded to ${cache}` : node.source})`,
    );
    const outcome = await runOnNode({
      node,
      directory: projectDirectory(root, node),
      tarballs: packed.tarballs,
      manifests,
      frameworks,
      scenarios,
    });
    failures.push(...outcome.failures);
    timings.push({ ...outcome.timings, binary: binaryMs, total: binaryMs + outcome.timings.total });
    const own = outcome.failures.length;
    console.log(
      `    install ${seconds(outcome.timings.install)}, CommonJS consumer ${seconds(outcome.timings.commonjs)}, ES module consumer ${seconds(outcome.timings.esm)}, commands ${seconds(outcome.timings.commands)}: ${own === 0 ? 'ok' : `${own} failure(s)`}${outcome.timings.excluded.length > 0 ? ` (left out, engines.node excludes this version: ${outcome.timings.excluded.join(', ')})` : ''}`,
    );
  }
}

console.log('\n::: install test summary');
console.log('| Node | from | binary | install | CommonJS consumer | ES module consumer | commands | total |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const timing of timings) {
  console.log(
    `| ${timing.node.version} | ${timing.node.source} | ${seconds(timing.binary)} | ${seconds(timing.install)} | ${seconds(timing.commonjs)} | ${seconds(timing.esm)} | ${seconds(timing.commands)} | ${seconds(timing.total)} |`,
  );
}
if (failures.length > 0) console.log(`\n${formatFailures(failures)}`);
const elapsed = seconds(performance.now() - started);
if (failures.length === 0) {
  if (!keep) rmSync(root, { recursive: true, force: true });
  console.log(
    `\ninstall test passed on Node ${timings.map((timing) => timing.node.version).join(', ')} in ${elapsed}`,
  );
} else {
  console.log(
    `\ninstall test: ${failures.length} failure(s) in ${elapsed}; the projects are kept in ${root}`,
  );
  process.exitCode = 1;
}
if (keep && failures.length === 0) console.log(`the projects are kept in ${root}`);
