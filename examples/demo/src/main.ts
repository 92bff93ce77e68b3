import { createWebhooks, generateSecret, type MessageEventData } from '@bothooks/core';
import { DEMO_BOTS, type DemoBot } from './bots/index';
import { type Received, startReceiver } from './receiver';

// Everything here is local: fake platforms and a receiver on 127.0.0.1, generated secrets, no tokens, no network.
const secret = generateSecret();
const RETRY_TEXT = 'show me a retry';
const receiver = await startReceiver({ secret, failFirst: [RETRY_TEXT] });

const hooks = createWebhooks({
  endpoints: [
    // The "entire bot" webhook: every message, each conversation in order.
    { id: 'all', url: `${receiver.origin}/bot-events`, secret, ordering: 'conversation' },
    // A webhook for one interaction only: the turns a handler tagged `order`.
    { id: 'orders', url: `${receiver.origin}/orders`, secret, interactions: ['order'] },
    // A JSON API interaction: called on demand, its JSON reply shown in the conversation.
    { id: 'quotes', url: `${receiver.origin}/quotes`, secret, events: [] },
  ],
  retry: { delays: [300, 1_000] },
});
const outcome = { delivered: 0, retried: 0, failed: 0, dropped: 0 };
hooks.on('delivered', () => {
  outcome.delivered += 1;
});
hooks.on('retrying', () => {
  outcome.retried += 1;
});
hooks.on('failed', (event) => {
  outcome.failed += 1;
  console.log(`  ! failed ${event.messageId} to ${event.endpointId}: ${event.error.code}`);
});
hooks.on('dropped', (event) => {
  outcome.dropped += 1;
  console.log(`  ! dropped ${event.messageId}: ${event.reason}`);
});

let shown = 0;
/** Prints what the receiver verified since the last call. */
function showReceived(): void {
  const fresh: Received[] = receiver.received.slice(shown);
  shown = receiver.received.length;
  for (const entry of fresh) {
    if (entry.refused || !entry.event) {
      console.log(`  ✗ ${entry.path} refused ${entry.id}: ${entry.refused}`);
      continue;
    }
    const { type } = entry.event;
    const data: Partial<MessageEventData> = entry.event.type === 'webhook.verify' ? {} : entry.event.data;
    // One line per webhook: a caption's line breaks shown as " / ".
    const text = data.message?.text?.replaceAll('\n', ' / ');
    // Cards, photos and buttons the bot rendered: what the webhook says of them, never their contents.
    const parts = (data.message?.attachments ?? []).map((attachment) =>
      attachment.title ? `${attachment.type} "${attachment.title}"` : attachment.type,
    );
    const notes = [
      parts.length > 0 ? `with ${parts.join(', ')}` : '',
      entry.path === '/orders' ? `interaction "${data.interaction}" endpoint` : '',
      entry.attempt > 1
        ? `attempt ${entry.attempt}, retried after a 503`
        : entry.path !== '/orders' && RETRY_TEXT === text
          ? 'answered 503'
          : '',
    ].filter(Boolean);
    console.log(
      `  ← ${type.padEnd(16)} ${String(data.platform ?? '').padEnd(12)} id ${String(data.message?.id ?? '-')
        .slice(0, 20)
        .padEnd(20)} ✔ signed${text ? `  "${text}"` : ''}${notes.length ? `  (${notes.join('; ')})` : ''}`,
    );
  }
}

console.log(
  `bothooks demo: ${DEMO_BOTS.length} real bots, one per framework, whose every message becomes a signed webhook.`,
);
console.log(
  'Everything runs here: local fake platforms, a local receiver verifying each signature, no tokens, no network.\n',
);

const check = await hooks.verify('all');
console.log(
  `Verify ${receiver.origin}/bot-events: ${check.ok ? 'ok' : 'failed'} (status ${check.status}, ${check.latencyMs} ms)`,
);
showReceived();

for (const start of DEMO_BOTS) {
  const bot: DemoBot = await start(hooks);
  console.log(`\n${bot.title}`);
  // `quote` is the JSON API: the bot calls the shop's endpoint and shows its reply natively (see the sends below).
  for (const text of ['hello', 'order', 'status', 'quote', RETRY_TEXT]) {
    console.log(`  user: ${text}`);
    await bot.say(text);
  }
  await hooks.flush({ timeoutMs: 10_000 });
  showReceived();
  await bot.stop();
}

const result = await hooks.close();
receiver.server.close();
const refused = receiver.received.filter((entry) => entry.refused).length;
console.log(
  `\n${outcome.delivered} delivered (${outcome.retried} after a retry), ${outcome.failed} failed, ${outcome.dropped} dropped, ` +
    `${result.undelivered.length} undelivered at close; ${receiver.received.length - refused} requests verified, ${refused} refused.`,
);
if (outcome.failed + outcome.dropped + result.undelivered.length + refused > 0) process.exitCode = 1;
