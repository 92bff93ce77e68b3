'use strict';
// What both consumers do, given how they load a package: `require` for the CommonJS consumer, `import()` for
// the ES module one. It loads every public entry point and reports its export names, starts each bot of the
// plan with the modules it asks for, tells the install test when each bot is up, stops it when told to, and
// finally reports every file the process loaded. The install test drives the platforms and checks the webhooks.

const LOADED_FILES = Symbol.for('bothooks.install-test.loaded-files');

function describe(error) {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

function exportNames(namespace) {
  return Object.keys(namespace)
    .filter((name) => name !== 'default' && name !== '__esModule')
    .sort();
}

// Promise.withResolvers() is Node 22+; this runs on 20 too.
function deferred() {
  let resolve;
  const promise = new Promise((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function send(message) {
  return new Promise((resolve) => process.send(message, () => resolve()));
}

async function run(load, env) {
  const plan = JSON.parse(env.BOTHOOKS_INSTALL_TEST_PLAN);
  const stopRequests = new Map(plan.bots.map((name) => [name, deferred()]));
  process.on('message', (message) => {
    if (message.type === 'stop') stopRequests.get(message.bot)?.resolve();
  });

  const entries = {};
  for (const entry of plan.entryPoints) {
    try {
      entries[entry] = { names: exportNames(await load(entry)) };
    } catch (error) {
      entries[entry] = { error: describe(error) };
    }
  }
  await send({ type: 'entry-points', entries, node: process.versions.node });

  await Promise.all(
    plan.bots.map(async (name) => {
      try {
        const bot = require(`./bots/${name}.cjs`);
        const modules = {};
        for (const module of bot.modules) modules[module] = await load(module);
        const running = await bot.start(modules, env);
        await send({ type: 'ready', bot: name, info: running.info ?? {} });
        await stopRequests.get(name).promise;
        await running.stop();
        await send({ type: 'stopped', bot: name });
      } catch (error) {
        await send({ type: 'error', bot: name, error: describe(error) });
      }
    }),
  );

  await send({ type: 'loaded', files: globalThis[LOADED_FILES]?.() ?? [] });
  // Nothing else keeps the process alive once the bots are stopped: the install test checks it exits by itself.
  process.disconnect();
}

module.exports = { run };
