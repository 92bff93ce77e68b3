import { join } from 'node:path';
import type * as esbuild from 'esbuild';

/**
 * Bundles the delivery worker into one self-contained CommonJS script, run with `new Worker(code, { eval: true })`.
 * Shipping the worker as code rather than as a file is what survives a user bundling their bot into one file:
 * a worker file path does not exist after bundling (pino needs `__bundlerPathsOverrides` for this; we need
 * nothing from the user). undici comes along, trimmed to its `Agent`: the worker sends, it never fetches.
 *
 * Used at build time by tsup (packages/core/tsup.config.ts) and, in the monorepo, at run time when the sources
 * are used directly (tests, the demo, the benchmarks).
 */
export function buildWorkerSource(build: typeof esbuild, coreDirectory: string, version: string): string {
  const result = build.buildSync({
    entryPoints: [join(coreDirectory, 'src/thread-engine/worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    write: false,
    absWorkingDir: coreDirectory,
    define: { __BOTHOOKS_VERSION__: JSON.stringify(version) },
    // Maps exactly `undici` (not its deep paths, which the shim itself uses) to the Agent-only shim. A path
    // mapping rather than a plugin, because the monorepo builds this synchronously (buildSync takes no plugins).
    tsconfigRaw: {
      compilerOptions: {
        baseUrl: '.',
        paths: { undici: ['./src/thread-engine/undici-agent.cjs'] },
      },
    },
  });
  const output = result.outputFiles?.[0];
  if (!output) throw new Error('esbuild produced no worker bundle');
  return output.text;
}
