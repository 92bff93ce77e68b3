import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildWorkerSource } from './worker-build';

// The published build replaces this module with the worker bundle inlined as a string (see tsup.config.ts), so
// nothing here runs for users. Inside the monorepo, where the TypeScript sources are used directly, the worker
// is bundled on first use with the esbuild that the build tools bring.
let source: string | undefined;

/** The delivery worker's code, for `new Worker(code, { eval: true })`. */
export function loadWorkerSource(): string {
  if (source === undefined) {
    const require = createRequire(import.meta.url);
    const coreDirectory = fileURLToPath(new URL('../..', import.meta.url));
    const { version } = JSON.parse(readFileSync(`${coreDirectory}/package.json`, 'utf8')) as {
      version: string;
    };
    source = buildWorkerSource(require('esbuild'), coreDirectory, version);
  }
  return source;
}
