import { createTsupConfig } from '../../tsup.config.base.ts';

// The library entry is dual like every other package; the bin is one ES module file next to it. The first
// build's clean spares the bin, which the second build writes at the same time. `shims` gives the CommonJS
// build an `import.meta.url`, which locates the inspector's page (ui/) next to dist/.
export default [
  createTsupConfig({ shims: true, clean: ['!bin.js', '!bin.js.map'] }),
  createTsupConfig({
    entry: ['src/bin.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    external: ['./index.js'],
  }),
];
