import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { createTsupConfig } from '../../tsup.config.base.ts';
import { buildWorkerSource } from './src/thread-engine/worker-build.ts';

const coreDirectory = fileURLToPath(new URL('.', import.meta.url));
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

// Three entries: `@bothooks/core`, `@bothooks/core/adapter` (the kit adapters are built from) and
// `@bothooks/core/engine` (what delivery engines are built from). Splitting puts the modules they share in one
// chunk, in the CommonJS build too, so every entry sees the same classes (`ConfigError` thrown through the kit
// is `instanceof` the one users import, an engine's `DeliveryError` is core's) and the same registries.
export default createTsupConfig({
  entry: { index: 'src/index.ts', adapter: 'src/adapter/index.ts', engine: 'src/engine-kit.ts' },
  splitting: true,
  // `import.meta.url` in the CommonJS build too: telemetry resolves the optional `@opentelemetry/api` from here.
  shims: true,
  esbuildPlugins: [
    {
      // The thread engine's worker ships inside the bundle as code (see src/thread-engine/worker-build.ts):
      // the module that builds it on the fly in the monorepo is replaced by the finished bundle, as a string.
      name: 'inline-delivery-worker',
      setup(build) {
        build.onLoad({ filter: /thread-engine[\\/]worker-source\.ts$/ }, () => {
          const source = buildWorkerSource(esbuild, coreDirectory, version);
          return {
            contents: `export function loadWorkerSource() { return ${JSON.stringify(source)}; }`,
            loader: 'js',
          };
        });
      },
    },
  ],
});
