import { join } from 'node:path';
import { impureImports } from './rules';
import { adapterPackages, filesUnder, platformsOf, readText, type WorkspacePackage } from './workspace';

/** The adapters that take their mapping from `platform`. */
export function adaptersOf(platform: WorkspacePackage): WorkspacePackage[] {
  return adapterPackages().filter((adapter) =>
    platformsOf(adapter).some((used) => used.folder === platform.folder),
  );
}

/**
 * A platform package is the pure mapping of one platform, shared by its adapters: every source is mapping (no
 * attachment, no publishing, no I/O), tested on recorded payloads, and its README says who uses it.
 */
export function platformProblems(pkg: WorkspacePackage): string[] {
  const problems: string[] = [];
  const sources = filesUnder(join(pkg.directory, 'src'));
  if (!sources.includes('index.ts')) problems.push('missing src/index.ts');
  for (const file of sources.filter((path) => !path.endsWith('.test.ts'))) {
    const text = readText(join(pkg.directory, 'src', file));
    problems.push(...impureImports(`src/${file}`, text));
    if (/from '@bothooks\/core\/(?!adapter')/.test(text))
      problems.push(`src/${file} imports core's internals`);
    if (text.includes('createAdapterAttachment(')) {
      problems.push(`src/${file} opens an attachment: a platform package only maps`);
    }
  }
  if (!sources.some((path) => path.endsWith('.test.ts'))) problems.push('src/ has no tests of the mapping');
  const fixtures = filesUnder(join(pkg.directory, 'test/fixtures'));
  if (!fixtures.includes('README.md'))
    problems.push('missing test/fixtures/README.md (where the recordings come from)');
  if (!fixtures.some((path) => path.endsWith('.json')))
    problems.push('test/fixtures/ holds no recorded payload');
  const readme = readText(join(pkg.directory, 'README.md'));
  if (!readme.startsWith(`# @bothooks/${pkg.folder}\n`))
    problems.push(`README.md must start with "# @bothooks/${pkg.folder}"`);
  const users = adaptersOf(pkg);
  if (users.length === 0) problems.push('no adapter depends on it');
  for (const adapter of users) {
    if (!readme.includes(`@bothooks/${adapter.folder}`))
      problems.push(`README.md never names @bothooks/${adapter.folder}, which uses it`);
  }
  return problems;
}
