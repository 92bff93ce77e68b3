'use strict';
// The webhooks every bot of the install test sets up, as a bot developer would: one endpoint, signed, with
// delivery problems printed (they show in the install test's report when a webhook does not arrive).

function createHooks(core, env, url, options = {}) {
  const hooks = core.createWebhooks({ endpoints: [{ url, secret: env.WEBHOOK_SECRET }], ...options });
  for (const event of ['failed', 'dropped', 'error']) {
    hooks.on(event, (details) => console.error(`webhooks ${event}:`, details));
  }
  return hooks;
}

/** Closes the webhooks the way the README says to on shutdown, and fails loudly if anything stayed undelivered. */
async function closeHooks(hooks) {
  const { undelivered } = await hooks.close();
  if (undelivered.length > 0) throw new Error(`${undelivered.length} webhook(s) undelivered at close`);
}

module.exports = { createHooks, closeHooks };
