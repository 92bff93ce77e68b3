import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { createTsupConfig } from '../../tsup.config.base.ts';
import { buildWorkerSource } from './src/thread-engine/worker-build.ts';

const coreDirectory = fileURLToPath(new URL('.', import.meta.url));
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default createTsupConfig({
  entry: { index: 'src/index.ts', engine: 'src/engine-kit.ts' },
  // One copy of each module across the entries, in CommonJS too: an engine's DeliveryError must be core's.
  splitting: true,
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
