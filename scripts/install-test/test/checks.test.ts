import { describe, expect, it } from 'vitest';
import {
  entryProblems,
  exportMismatches,
  loadedFileProblems,
  type ReceivedWebhook,
  webhookProblems,
} from '../lib/checks';
import { subjectOfEntry } from '../lib/consumers';

function webhook(type: string, text: string, overrides: Partial<ReceivedWebhook> = {}): ReceivedWebhook {
  return {
    path: '/telegraf',
    headers: { 'user-agent': 'bothooks/0.4.0 (+https://github.com/bothooks/bothooks)' },
    body: JSON.stringify({ type, data: { platform: 'telegram', message: { text } } }),
    verified: true,
    ...overrides,
  };
}

const expected = [
  { type: 'message.received', platform: 'telegram', text: 'hello' },
  { type: 'message.sent', platform: 'telegram', text: 'You said: hello' },
];

describe('webhookProblems', () => {
  it('passes when every expected webhook arrived, verified, from bothooks of that version', () => {
    const requests = [webhook('message.received', 'hello'), webhook('message.sent', 'You said: hello')];
    expect(webhookProblems(requests, expected, '0.4.0')).toEqual([]);
  });

  it('says which webhook is missing and what arrived instead', () => {
    const requests = [webhook('message.received', 'hello'), webhook('message.sent', 'You sad: hello')];
    expect(webhookProblems(requests, expected, '0.4.0')).toEqual([
      'no message.sent webhook with text "You said: hello" arrived (received: message.received "hello", message.sent "You sad: hello")',
    ]);
    expect(webhookProblems([], expected.slice(0, 1), '0.4.0')).toEqual([
      'no message.received webhook with text "hello" arrived (received: none arrived)',
    ]);
  });

  it('refuses a webhook that does not verify, names another platform or another version', () => {
    const requests = [
      webhook('message.received', 'hello', { verified: false, verifyError: 'No matching signature found' }),
      webhook('message.sent', 'You said: hello', {
        body: JSON.stringify({
          type: 'message.sent',
          data: { platform: 'discord', message: { text: 'You said: hello' } },
        }),
        headers: { 'user-agent': 'bothooks/0.0.0 (+https://github.com/bothooks/bothooks)' },
      }),
    ];
    expect(webhookProblems(requests, expected, '0.4.0')).toEqual([
      'the message.sent webhook with text "You said: hello" says platform "discord", not "telegram"',
      'the message.received webhook "hello" does not verify: No matching signature found',
      'the message.sent webhook "You said: hello" came with user-agent "bothooks/0.0.0 (+https://github.com/bothooks/bothooks)", not bothooks/0.4.0',
    ]);
  });

  it('does not take bothooks/0.4.01 for bothooks/0.4.0', () => {
    const requests = [webhook('message.received', 'hello', { headers: { 'user-agent': 'bothooks/0.4.01' } })];
    expect(webhookProblems(requests, expected.slice(0, 1), '0.4.0')).toHaveLength(1);
  });
});

describe('loadedFileProblems', () => {
  const project = '/tmp/install-test/node-24.0.0';
  const built = [
    'node:fs',
    `${project}/consumer.mjs`,
    `${project}/node_modules/@bothooks/core/dist/index.js`,
    `${project}/node_modules/@bothooks/telegraf/dist/index.js`,
    `${project}/node_modules/telegraf/lib/index.js`,
  ];

  it('passes a consumer that loaded only built JavaScript from its own project', () => {
    expect(loadedFileProblems(built, project, ['@bothooks/core', '@bothooks/telegraf'])).toEqual([]);
  });

  it('catches a TypeScript source, a file from outside the project and a bothooks file outside dist', () => {
    const files = [
      ...built,
      `${project}/node_modules/@bothooks/core/src/index.ts`,
      '/work/bothooks/node_modules/undici/index.js',
      `${project}/node_modules/@bothooks/core/lib/helper.js`,
      `${project}/node_modules/@bothooks/core/dist/index.d.ts`,
    ];
    expect(loadedFileProblems(files, project, ['@bothooks/core'])).toEqual([
      `loaded ${project}/node_modules/@bothooks/core/src/index.ts, a TypeScript source: consumers must only ever load the built JavaScript`,
      "loaded /work/bothooks/node_modules/undici/index.js, which is outside the consumer's project",
      `loaded ${project}/node_modules/@bothooks/core/lib/helper.js, which is not in the package's dist`,
    ]);
  });

  it('catches a package the consumer never loaded from the project', () => {
    expect(loadedFileProblems(built, project, ['@bothooks/core', '@bothooks/discordjs'])).toEqual([
      `never loaded anything from ${project}/node_modules/@bothooks/discordjs/: @bothooks/discordjs did not come from the installed tarball`,
    ]);
  });
});

describe('entry points', () => {
  it('reports an entry point that fails to load or exports nothing', () => {
    const report = {
      '@bothooks/core': { names: ['createWebhooks'] },
      '@bothooks/core/engine': { names: [] },
      '@bothooks/telegraf': { error: "Error: Cannot find module 'telegraf'" },
    };
    expect(entryProblems(report, 'require')).toEqual([
      "require('@bothooks/core/engine') exports nothing",
      "require('@bothooks/telegraf') failed:\nError: Cannot find module 'telegraf'",
    ]);
  });

  it('reports names only one of the two builds exports', () => {
    const commonjs = { '@bothooks/core': { names: ['createWebhooks', 'verifyWebhook'] } };
    const esm = { '@bothooks/core': { names: ['createWebhooks', 'threadEngine'] } };
    expect(exportMismatches(commonjs, esm)).toEqual([
      '@bothooks/core exports different names to require() and import: only require() has [verifyWebhook], only import has [threadEngine]',
    ]);
    expect(exportMismatches(commonjs, commonjs)).toEqual([]);
  });

  it('are blamed on the package a problem names first', () => {
    const packages = ['@bothooks/core', '@bothooks/core-extras', '@bothooks/telegraf'];
    expect(subjectOfEntry("import('@bothooks/telegraf') failed: needs @bothooks/core", packages)).toBe(
      '@bothooks/telegraf',
    );
    expect(subjectOfEntry("require('@bothooks/core-extras') exports nothing", packages)).toBe(
      '@bothooks/core-extras',
    );
    expect(subjectOfEntry('the consumer exited with 1', packages)).toBe('all packages');
  });
});
