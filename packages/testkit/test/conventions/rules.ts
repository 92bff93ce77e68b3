import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder, type Json, ROOT, readJson, readText, type WorkspacePackage } from './workspace';

// The file roles of an adapter: reading one adapter teaches all of them.
const REQUIRED_SOURCES = ['index.ts', 'attach.ts', 'options.ts', 'hooks.ts', 'interaction.ts'];
/** Roles that exist exactly when the adapter exports what they implement. */
const OPTIONAL_ROLES: Record<string, string> = {
  'middleware.ts': 'webhookMiddleware',
  'json-api.ts': 'jsonApi',
};
const REQUIRED_TESTS = [
  'contract.test.ts',
  'inbound.test.ts',
  'outbound.test.ts',
  'interaction.test.ts',
  'options.test.ts',
  'detach.test.ts',
  'non-blocking.test.ts',
];
const REQUIRED_FILES = [
  'README.md',
  'LICENSE',
  'package.json',
  'tsconfig.json',
  'tsup.config.ts',
  'vitest.config.ts',
];
/** The README's sections, in this order; others (a JSON API section) may come between them. */
export const README_SECTIONS = [
  'Install',
  'Usage',
  'Options',
  'Events',
  'Behaviour',
  'Compatibility',
  'License',
];
const README_SUBSECTIONS = ['Per-interaction webhooks', 'Not reported, and why'];

/** The names `src/index.ts` exports, by kind, and where from. */
export function indexExports(pkg: WorkspacePackage): {
  values: Map<string, string>;
  types: Map<string, string>;
} {
  const source = readText(join(pkg.directory, 'src/index.ts'));
  const values = new Map<string, string>();
  const types = new Map<string, string>();
  for (const match of source.matchAll(/export\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
    const [, isType, names = '', from = ''] = match;
    for (const name of names
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)) {
      (isType ? types : values).set(name.replace(/^type\s+/, ''), from);
    }
  }
  return { values, types };
}

/** Which optional roles the adapter has, from what it exports. */
export function rolesOf(pkg: WorkspacePackage): { middleware: boolean; jsonApi: boolean } {
  const { values } = indexExports(pkg);
  return { middleware: values.has('webhookMiddleware'), jsonApi: values.has('jsonApi') };
}

export function fileRoleProblems(pkg: WorkspacePackage): string[] {
  const problems: string[] = [];
  const files = filesUnder(pkg.directory);
  const has = (path: string) => files.includes(path);
  for (const file of REQUIRED_FILES) if (!has(file)) problems.push(`missing ${file}`);
  for (const file of REQUIRED_SOURCES) if (!has(`src/${file}`)) problems.push(`missing src/${file}`);
  const { values } = indexExports(pkg);
  for (const [file, name] of Object.entries(OPTIONAL_ROLES)) {
    if (has(`src/${file}`) !== values.has(name)) {
      problems.push(`src/${file} must exist exactly when src/index.ts exports ${name}`);
    }
    const test = `test/${file.replace('.ts', '.test.ts')}`;
    if (values.has(name) && !has(test)) problems.push(`missing ${test}`);
  }
  if (values.has('jsonApi') && !has('src/mapping/reply.ts')) {
    problems.push('missing src/mapping/reply.ts (the pure renderer of jsonApi)');
  }
  const roles = new Set([...REQUIRED_SOURCES, ...Object.keys(OPTIONAL_ROLES)]);
  for (const file of files.filter((path) => path.startsWith('src/'))) {
    const inside = file.slice('src/'.length);
    if (inside.startsWith('mapping/') || inside.startsWith('hooks/') || roles.has(inside)) continue;
    problems.push(`${file} has no role: put framework hooks in src/hooks/ and pure mapping in src/mapping/`);
  }
  const mapping = files.filter((path) => path.startsWith('src/mapping/'));
  if (!mapping.some((path) => !path.endsWith('.test.ts'))) problems.push('src/mapping/ has no mapping');
  if (!mapping.some((path) => path.endsWith('.test.ts'))) problems.push('src/mapping/ has no tests');
  if (!has('test/fixtures/README.md'))
    problems.push('missing test/fixtures/README.md (where the recordings come from)');
  if (!files.some((path) => path.startsWith('test/fixtures/') && path.endsWith('.json'))) {
    problems.push('test/fixtures/ holds no recorded payload');
  }
  for (const test of REQUIRED_TESTS) if (!has(`test/${test}`)) problems.push(`missing test/${test}`);
  if (!has('test/harness.ts')) problems.push('missing test/harness.ts');
  if (!readText(join(pkg.directory, 'test/contract.test.ts')).includes('adapterContract(')) {
    problems.push('test/contract.test.ts does not run adapterContract');
  }
  return problems;
}

/** Where each kit piece belongs: the attachment is opened in hooks.ts, and mapping stays pure. */
export function layeringProblems(pkg: WorkspacePackage): string[] {
  const problems: string[] = [];
  const sources = filesUnder(join(pkg.directory, 'src')).filter((file) => !file.endsWith('.test.ts'));
  for (const file of sources) {
    const text = readText(join(pkg.directory, 'src', file));
    if (text.includes('createAdapterAttachment(') && file !== 'hooks.ts') {
      problems.push(`src/${file} opens an attachment: only src/hooks.ts does`);
    }
    if (/from '@bothooks\/core\/(?!adapter')/.test(text))
      problems.push(`src/${file} imports core's internals`);
    if (file.startsWith('mapping/')) {
      for (const match of text.matchAll(/from '([^']+)'/g)) {
        const target = match[1] ?? '';
        // Other mapping, core, the framework's types and constants, and path arithmetic: nothing that does I/O.
        const allowed =
          target.startsWith('./') ||
          target === 'node:path' ||
          !(target.startsWith('.') || target.startsWith('node:'));
        if (!allowed)
          problems.push(
            `src/${file} imports ${target}: mapping is pure (other mapping, core, the framework)`,
          );
      }
    }
  }
  return problems;
}

export function readmeProblems(pkg: WorkspacePackage): string[] {
  const problems: string[] = [];
  const readme = readText(join(pkg.directory, 'README.md'));
  if (!readme.startsWith(`# @bothooks/${pkg.folder}\n`))
    problems.push(`README.md must start with "# @bothooks/${pkg.folder}"`);
  const sections = [...readme.matchAll(/^## (.+)$/gm)].map((match) => match[1]?.trim() ?? '');
  const found = sections.filter((section) => README_SECTIONS.includes(section));
  if (JSON.stringify(found) !== JSON.stringify(README_SECTIONS)) {
    problems.push(
      `README.md sections must include, in order: ${README_SECTIONS.join(', ')} (found ${sections.join(', ')})`,
    );
  }
  const subsections = [...readme.matchAll(/^### (.+)$/gm)].map((match) => match[1]?.trim() ?? '');
  for (const subsection of README_SUBSECTIONS) {
    if (!subsections.includes(subsection)) problems.push(`README.md has no "### ${subsection}"`);
  }
  for (const term of ['attachWebhooks', 'includeText', 'message.failed', 'ALREADY_ATTACHED', 'detach()']) {
    if (!readme.includes(term)) problems.push(`README.md never mentions ${term}`);
  }
  if (rolesOf(pkg).middleware && !readme.includes('webhookMiddleware'))
    problems.push('README.md never mentions webhookMiddleware');
  return problems;
}

/** A released package has a CHANGELOG; until then a changeset names it, and it is in the fixed group. */
export function changesetProblems(pkg: WorkspacePackage): string[] {
  const problems: string[] = [];
  const name = `@bothooks/${pkg.folder}`;
  const config = readJson(join(ROOT, '.changeset/config.json'));
  const fixed = Array.isArray(config.fixed) ? config.fixed.flat().map(String) : [];
  // Changesets matches the group's entries as globs: `@bothooks/*` names every package.
  const inFixed = fixed.some((entry) =>
    entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : entry === name,
  );
  if (!inFixed) problems.push(`${name} must be in the fixed group of .changeset/config.json`);
  const changesets = filesUnder(join(ROOT, '.changeset')).filter(
    (file) => file.endsWith('.md') && file !== 'README.md',
  );
  const named = changesets.some((file) => {
    const text = readText(join(ROOT, '.changeset', file));
    const frontmatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    return frontmatter.includes(`'${name}'`) || frontmatter.includes(`"${name}"`);
  });
  if (!named && !existsSync(join(pkg.directory, 'CHANGELOG.md'))) problems.push(`no changeset names ${name}`);
  return problems;
}

/** An example users can copy: it runs on published packages alone. */
export function exampleProblems(pkg: WorkspacePackage): string[] {
  const problems: string[] = [];
  const directory = join(ROOT, 'examples', pkg.folder);
  if (!existsSync(join(directory, 'package.json'))) return [`missing examples/${pkg.folder}`];
  const manifest = readJson(join(directory, 'package.json'));
  if (manifest.name !== `example-${pkg.folder}` || manifest.private !== true) {
    problems.push(`examples/${pkg.folder} must be the private package example-${pkg.folder}`);
  }
  const dependencies = Object.keys((manifest.dependencies as Json | undefined) ?? {});
  if (!dependencies.includes(`@bothooks/${pkg.folder}`))
    problems.push(`the example must depend on @bothooks/${pkg.folder}`);
  if (dependencies.includes('@bothooks/testkit'))
    problems.push('the example must not depend on @bothooks/testkit at runtime');
  const files = filesUnder(join(directory, 'src'));
  for (const file of files.filter((path) => !path.endsWith('.test.ts'))) {
    if (readText(join(directory, 'src', file)).includes('@bothooks/testkit')) {
      problems.push(
        `examples/${pkg.folder}/src/${file} imports @bothooks/testkit: users copying it cannot resolve it`,
      );
    }
  }
  if (!files.some((path) => path.endsWith('.test.ts'))) problems.push('the example has no test');
  if (!existsSync(join(directory, 'README.md'))) problems.push('the example has no README.md');
  const rootReadme = readText(join(ROOT, 'README.md'));
  if (!rootReadme.includes(`[\`@bothooks/${pkg.folder}\`](packages/${pkg.folder})`)) {
    problems.push("the root README's package table does not list it");
  }
  return problems;
}
