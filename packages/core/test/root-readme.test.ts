import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { message, receiver, SECRET, webhooks } from './helpers';

const rootReadme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

// The root README's "What a webhook looks like" is a real request: its user-agent must be the one core sends,
// version included, so the sample can never drift from what receivers see (`changeset version` bumps the
// version: update the sample in the same commit).
it("shows, in the root README's sample request, the user-agent core sends", async () => {
  const target = await receiver();
  const { hooks } = webhooks({ endpoints: [{ url: target.url(), secret: SECRET }] });
  hooks.publish(message('hello'));
  const [request] = await target.waitFor(1);
  const shown = /^user-agent: (.+)$/m.exec(rootReadme)?.[1];
  expect(shown, 'the README sample has a user-agent line').toBeDefined();
  expect(shown).toBe(request?.headers['user-agent']);
});
