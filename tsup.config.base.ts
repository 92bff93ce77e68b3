import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/**
 * Shared build settings, so every published @bothooks package ships the same shape:
 * ESM and CommonJS side by side (botbuilder, telegraf and discord.js are CommonJS, and so are many bots),
 * each with its own declaration file.
 */
export function createTsupConfig(overrides: Options = {}): ReturnType<typeof defineConfig> {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    define: { __BOTHOOKS_VERSION__: JSON.stringify(manifest.version) },
    ...overrides,
  });
}
