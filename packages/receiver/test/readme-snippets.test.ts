import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The README snippets are type-checked the way users compile them: against the package as published (built
// here into a private node_modules, ESM and CommonJS declarations both), with `strict` on, in an ES module
// project and in a CommonJS one (where top-level await is an error), with real express, fastify and hono types.
// Next.js route handlers and fetch handlers only use the standard Request and Response.

const root = fileURLToPath(new URL('..', import.meta.url));
const repository = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);
const FRAMEWORKS = ['node-http', 'express', 'fastify', 'hono', 'nextjs'];

/** The `<!-- snippet: name -->` fenced blocks of a markdown file. */
function snippetsOf(path: string): Map<string, string> {
  const snippets = new Map<string, string>();
  const pattern = /<!-- snippet: ([a-z-]+) -->\n```ts\n([\s\S]*?)\n```/g;
  for (const match of readFileSync(path, 'utf8').matchAll(pattern))
    snippets.set(match[1] as string, match[2] as string);
  return snippets;
}

const readmes = {
  '@bothooks/receiver': join(root, 'README.md'),
  '@bothooks/core': join(repository, 'packages/core/README.md'),
};

let workspace: string;

beforeAll(async () => {
  // Inside node_modules, so the snippets resolve express, fastify, hono and @types/node from the repository.
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  workspace = mkdtempSync(join(root, 'node_modules/.cache/snippets-'));
  const installed = join(workspace, 'node_modules/@bothooks/receiver');
  await build({
    entry: { index: join(root, 'src/index.ts') },
    format: ['esm', 'cjs'],
    dts: true,
    outDir: join(installed, 'dist'),
    tsconfig: join(root, 'tsconfig.json'),
    silent: true,
    clean: true,
  });
  cpSync(join(root, 'package.json'), join(installed, 'package.json'));
}, 120_000);

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

function typecheck(kind: 'module' | 'commonjs', snippets: Map<string, string>): string {
  const directory = mkdtempSync(join(workspace, `${kind}-`));
  writeFileSync(join(directory, 'package.json'), JSON.stringify({ type: kind }));
  writeFileSync(
    join(directory, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        esModuleInterop: true,
        types: ['node'],
        skipLibCheck: true,
        noEmit: true,
      },
      include: ['*.ts'],
    }),
  );
  for (const [name, code] of snippets) writeFileSync(join(directory, `${name}.ts`), code);
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', directory], {
      encoding: 'utf8',
    });
    return '';
  } catch (error) {
    return (error as { stdout?: string }).stdout ?? String(error);
  }
}

describe.each(Object.entries(readmes))('the %s README', (_name, path) => {
  const snippets = snippetsOf(path);

  it('shows receiving in node:http, Express, Fastify, Hono and Next.js', () => {
    expect([...snippets.keys()]).toEqual(expect.arrayContaining(FRAMEWORKS));
  });

  it.each(['module', 'commonjs'] as const)(
    'has snippets that compile under strict in a %s project',
    (kind) => {
      expect(typecheck(kind, snippets)).toBe('');
    },
    120_000,
  );
});

describe('the check itself', () => {
  it('fails on what breaks users: process.env where a string is required, top-level await in CommonJS', () => {
    const broken = new Map([
      [
        'env',
        "import { verifyWebhook } from '@bothooks/receiver';\nverifyWebhook({ payload: '', headers: {}, secret: process.env.SECRET });",
      ],
      [
        'await',
        "import { verifyRequest } from '@bothooks/receiver';\nawait verifyRequest(new Request('http://x'), { secret: 's' });\nexport {};",
      ],
    ]);
    const output = typecheck('commonjs', broken);
    expect(output).toMatch(/env\.ts\(2,\d+\): error TS2322: Type 'string \| undefined' is not assignable/);
    expect(output).toMatch(/await\.ts\(2,1\): error TS1309|await\.ts\(2,1\): error TS1378/);
  }, 120_000);
});
