import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestProblems, platformManifestProblems } from './conventions/manifest';
import {
  changesetProblems,
  exampleProblems,
  fileRoleProblems,
  indexExports,
  layeringProblems,
  platformFileProblems,
  platformPurityProblems,
  platformReadmeProblems,
  readmeProblems,
  rolesOf,
} from './conventions/rules';
import {
  ADAPTER_KEYWORD,
  adapterPackages,
  isPlatform,
  keywords,
  platformPackages,
  platformsOf,
  usesKit,
  workspacePackages,
} from './conventions/workspace';

// What every @bothooks adapter shares, checked for each package found under packages/ (as vercel/chat's
// consistency check does): a new adapter is held to the same shape as the first three from its first commit.
const adapters = adapterPackages();
// A platform package is the mapping of one platform, shared by the adapters of its frameworks (telegraf and
// grammY speak the same Bot API): pure, with no framework of its own.
const platforms = platformPackages();

describe('adapter conventions', () => {
  it('finds every adapter and platform package, and every package built on the kit is one of them', () => {
    expect(adapters.map((pkg) => pkg.folder)).toEqual(
      expect.arrayContaining(['botbuilder', 'discordjs', 'telegraf', 'grammy']),
    );
    expect(platforms.map((pkg) => pkg.folder)).toEqual(expect.arrayContaining(['platform-telegram']));
    const unmarked = workspacePackages().filter(
      (pkg) =>
        pkg.folder !== 'core' &&
        usesKit(pkg) &&
        !keywords(pkg.manifest).includes(ADAPTER_KEYWORD) &&
        !isPlatform(pkg),
    );
    expect(unmarked.map((pkg) => pkg.folder)).toEqual([]);
  });

  it('takes the Telegram mapping from one place for both Telegram adapters', () => {
    for (const folder of ['telegraf', 'grammy']) {
      const adapter = adapters.find((pkg) => pkg.folder === folder);
      expect(adapter && platformsOf(adapter).map((pkg) => pkg.folder)).toEqual(['platform-telegram']);
    }
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
      // What the adapter re-exports of its platform package's mapping counts as its own mapping.
      const platforms = platformsOf(pkg).map((platform) => `@bothooks/${platform.folder}`);
      const stray = [...values, ...types].filter(
        ([, from]) =>
          !roleFiles.includes(from) && !from.startsWith('./mapping/') && !platforms.includes(from),
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

  describe.each(platforms.map((pkg) => [pkg.folder, pkg] as const))(
    '@bothooks/%s (platform)',
    (_folder, pkg) => {
      it('is an index and pure mapping, tested on recordings, that an adapter uses', () => {
        expect(platformFileProblems(pkg)).toEqual([]);
      });

      it('knows no framework: it imports core and itself alone, and installs no hooks', () => {
        expect(platformPurityProblems(pkg)).toEqual([]);
      });

      it('has the package.json shape, with no peer and no dependency but core', () => {
        expect(platformManifestProblems(pkg)).toEqual([]);
      });

      it('says in its README who uses it, and that nobody installs it directly', () => {
        expect(platformReadmeProblems(pkg)).toEqual([]);
      });

      it('is released, or named by a changeset', () => {
        expect(changesetProblems(pkg)).toEqual([]);
      });
    },
  );

  it('names what a platform package that knows a framework lacks', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bothooks-convention-'));
    try {
      mkdirSync(join(directory, 'src/mapping'), { recursive: true });
      writeFileSync(join(directory, 'src/index.ts'), "export { hooks } from './hooks';\n");
      writeFileSync(
        join(directory, 'src/hooks.ts'),
        "import { patchMethod } from '@bothooks/core/adapter';\nimport { Telegraf } from 'telegraf';\nexport const hooks = patchMethod(Telegraf.prototype, 'launch', (launch) => launch);\n",
      );
      writeFileSync(join(directory, 'src/mapping/update.ts'), "import { readFileSync } from 'node:fs';\n");
      writeFileSync(join(directory, 'README.md'), '# @bothooks/platform-sloppy\n');
      const manifest = {
        name: '@bothooks/platform-sloppy',
        keywords: ['bothooks-platform'],
        dependencies: { '@bothooks/core': '^0.0.0', telegraf: '^4.16.3' },
        peerDependencies: { telegraf: '^4.15.0' },
      };
      const pkg = { folder: 'platform-sloppy', directory, manifest };
      expect(platformFileProblems(pkg)).toEqual(
        expect.arrayContaining([
          'src/hooks.ts has no role: a platform package is src/index.ts and src/mapping/',
          'src/mapping/ has no tests',
          'src/index.ts exports hooks from ./hooks, not from the mapping',
          'no adapter depends on it',
        ]),
      );
      expect(platformPurityProblems(pkg)).toEqual([
        'src/hooks.ts imports telegraf: a platform package imports core and itself alone',
        'src/hooks.ts calls patchMethod: hooks belong to adapters',
        'src/mapping/update.ts imports node:fs: a platform package imports core and itself alone',
      ]);
      expect(platformManifestProblems(pkg)).toEqual(
        expect.arrayContaining([
          'a platform package has no peer: it serves every framework of its platform',
          'a platform package depends on @bothooks/core alone (found @bothooks/core, telegraf)',
        ]),
      );
      expect(platformReadmeProblems(pkg)).toEqual([
        'README.md must say that nobody installs it directly (the adapters depend on it)',
        'README.md has no "## License"',
      ]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
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
      // In the `@bothooks/*` fixed group by its name, but no release note names it.
      expect(changesetProblems(pkg)).toEqual(['no changeset names @bothooks/sloppy']);
      expect(exampleProblems(pkg)).toEqual(['missing examples/sloppy']);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
