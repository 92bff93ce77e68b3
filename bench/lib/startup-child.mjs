// One cold start of a bot process on the built package: how long createWebhooks() blocks the bot's thread, how
// long until the first webhook is delivered, and whether the process exits by itself afterwards.
import { performance } from 'node:perf_hooks';

const [engineName, url, coreEntry] = process.argv.slice(2);
const importStarted = performance.now();
const core = await import(coreEntry);
const imported = performance.now();
const hooks = core.createWebhooks({
  endpoints: [{ url, unsigned: true }],
  engine: engineName === 'thread' ? core.threadEngine() : core.inlineEngine(),
  logger: false,
});
const created = performance.now();
const delivered = new Promise((resolve) => hooks.once('delivered', () => resolve(performance.now())));
hooks.publish({
  type: 'message.received',
  data: {
    platform: 'telegram',
    direction: 'inbound',
    bot: { id: '1' },
    conversation: { id: '1' },
    message: { text: 'hi', attachments: [] },
  },
});
const firstDelivery = await delivered;
process.send?.({
  importMs: imported - importStarted,
  createMs: created - imported,
  firstDeliveryMs: firstDelivery - created,
});
// Nothing is closed: a finished bot must exit by itself.
