import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestProblems } from './conventions/manifest';
import {
  changesetProblems,
  exampleProblems,
  fileRoleProblems,
  indexExports,
  layeringProblems,
  readmeProblems,
  rolesOf,
} from './conventions/rules';
import {
  ADAPTER_KEYWORD,
  adapterPackages,
  keywords,
  usesKit,
  workspacePackages,
} from './conventions/workspace';

// What every @bothooks adapter shares, checked for each package found under packages/ (as vercel/chat's
// consistency check does): a new adapter is held to the same shape as the first three from its first commit.
const adapters = adapterPackages();

describe('adapter conventions', () => {
  it('finds every adapter, and every package built on the kit is one', () => {
    expect(adapters.map((pkg) => pkg.folder)).toEqual(
      expect.arrayContaining(['botbuilder', 'discordjs', 'telegraf']),
    );
    const unmarked = workspacePackages().filter(
      (pkg) => pkg.folder !== 'core' && usesKit(pkg) && !keywords(pkg.manifest).includes(ADAPTER_KEYWORD),
    );
    expect(unmarked.map((pkg) => pkg.folder)).toEqual([]);
  });

  describe.each(adapters.map((pkg) => [pkg.folder, pkg] as const))('@bothooks/%s', (_folder, pkg) => {
    it('has the file roles and the test layout', () => {
      expect(fileRoleProblems(pkg)).toEqual([]);
    });

    it('opens its attachment in hooks.ts and keeps its mapping pure', () => {
      expect(layeringProblems(pkg)).toEqual([]);
    });

    it('exports the adapter API from a curated index', async () => {
      const { values, types } = indexExports(pkg);
      const module = (await import(join(pkg.directory, 'src/index.ts'))) as Record<string, unknown>;
      expect(typeof module.attachWebhooks).toBe('function');
      expect((module.attachWebhooks as (...args: unknown[]) => unknown).length).toBeGreaterThanOrEqual(2);
      const tag = module.tagInteraction ?? module.interaction;
      expect(typeof tag).toBe('function');
      // One tagging semantics: outside any turn nothing is tagged, and every adapter says so with a boolean.
      if (typeof module.tagInteraction === 'function') expect(module.tagInteraction({}, 'order')).toBe(false);
      if (rolesOf(pkg).middleware) expect(typeof module.webhookMiddleware).toBe('function');
      if (rolesOf(pkg).jsonApi) expect(typeof module.jsonApi).toBe('function');
      expect([...types.keys()].some((name) => /^[A-Z]\w*WebhooksOptions$/.test(name))).toBe(true);
      expect(module.default).toBeUndefined();
      const roleFiles = ['./attach', './interaction', './middleware', './json-api', './options'];
      const stray = [...values, ...types].filter(
        ([, from]) => !roleFiles.includes(from) && !from.startsWith('./mapping/'),
      );
      expect(stray.map(([name, from]) => `${name} from ${from}`)).toEqual([]);
    });

    it('has the package.json shape', () => {
      expect(manifestProblems(pkg)).toEqual([]);
    });

    it('has the README sections', () => {
      expect(readmeProblems(pkg)).toEqual([]);
    });

    it('is released, or named by a changeset', () => {
      expect(changesetProblems(pkg)).toEqual([]);
    });

    it('has an example that runs on published packages alone', () => {
      expect(exampleProblems(pkg)).toEqual([]);
    });
  });

  it('names what a package that ignores the conventions lacks', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bothooks-convention-'));
    try {
      mkdirSync(join(directory, 'src'));
      writeFileSync(join(directory, 'src/index.ts'), "export { attachWebhooks } from './everything';\n");
      writeFileSync(
        join(directory, 'src/everything.ts'),
        "import { createAdapterAttachment } from '@bothooks/core/adapter';\nexport const opened = createAdapterAttachment(settings);\n",
      );
      writeFileSync(join(directory, 'README.md'), '# something else\n\n## Usage\n');
      const manifest = { name: 'bothooks-sloppy', peerDependencies: { a: '1', b: '2' } };
      const pkg = { folder: 'sloppy', directory, manifest };
      expect(fileRoleProblems(pkg)).toEqual(
        expect.arrayContaining([
          'missing src/hooks.ts',
          'src/everything.ts has no role: put framework hooks in src/hooks/ and pure mapping in src/mapping/',
          'missing test/contract.test.ts',
        ]),
      );
      expect(layeringProblems(pkg)).toEqual([
        'src/everything.ts opens an attachment: only src/hooks.ts does',
      ]);
      expect(manifestProblems(pkg)).toEqual(
        expect.arrayContaining([
          "name must be @bothooks/sloppy (the folder's name)",
          'peer on exactly one framework',
        ]),
      );
      expect(readmeProblems(pkg)).toEqual(
        expect.arrayContaining([
          'README.md must start with "# @bothooks/sloppy"',
          'README.md never mentions ALREADY_ATTACHED',
        ]),
      );
      // The fixed group is `@bothooks/*`, so every package is in it; a changeset is still owed.
      expect(changesetProblems(pkg)).toEqual(['no changeset names @bothooks/sloppy']);
      expect(exampleProblems(pkg)).toEqual(['missing examples/sloppy']);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
