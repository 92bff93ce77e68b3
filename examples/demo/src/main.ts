import { createMessageEvent, createWebhooks, generateSecret } from '@bothooks/core';
import { type Received, startReceiver } from './receiver';

// Everything here is local: a receiver on 127.0.0.1, generated secrets, no tokens, no network.
const secret = generateSecret();
const received: Received[] = [];
const receiver = await startReceiver({
  secret,
  failFirst: ['show me a retry'],
  onReceived: (entry) => {
    received.push(entry);
    if (!entry.ok) {
      console.log(`  ✗ refused ${entry.id}: ${entry.reason}`);
      return;
    }
    const { event, attempt } = entry;
    const text = event.data.message?.text;
    const retry = attempt > 1 ? `  (attempt ${attempt}, after a 503)` : '';
    console.log(
      `  ← ${event.type.padEnd(16)} ${String(event.data.platform ?? '').padEnd(9)} signature ✔${text ? `  "${text}"` : ''}${retry}`,
    );
  },
});

const hooks = createWebhooks({
  endpoints: [{ id: 'local', url: receiver.url, secret, ordering: 'conversation' }],
  retry: { delays: [200, 1_000] },
});
const outcome = { delivered: 0, failed: 0, dropped: 0 };
hooks.on('delivered', () => {
  outcome.delivered += 1;
});
hooks.on('failed', (event) => {
  outcome.failed += 1;
  console.log(`  ! failed ${event.messageId}: ${event.error.code}`);
});
hooks.on('dropped', (event) => {
  outcome.dropped += 1;
  console.log(`  ! dropped ${event.messageId}: ${event.reason}`);
});

console.log('bothooks demo: signed webhooks to a local receiver (no tokens, no network)\n');
const check = await hooks.verify('local');
console.log(
  `Verify ${receiver.url}: ${check.ok ? 'ok' : 'failed'} (status ${check.status}, ${check.latencyMs} ms)\n`,
);

const conversation = { id: '42', type: 'private' };
const user = { id: '42', name: 'Ada Lovelace' };
const bot = { id: '1000', name: 'shopbot' };
const messages = [
  ['message.received', 'inbound', 'hello'],
  ['message.sent', 'outbound', 'Hi Ada! How can I help?'],
  ['message.received', 'inbound', 'show me a retry'],
  ['message.sent', 'outbound', 'This one arrives in order, after the retry above.'],
] as const;
console.log('core: publishing 4 message events');
for (const [type, direction, text] of messages) {
  hooks.publish(
    createMessageEvent(type, {
      platform: 'telegram',
      direction,
      bot,
      conversation,
      user,
      message: { id: String(received.length + 1), text, attachments: [] },
    }),
  );
}
await hooks.flush({ timeoutMs: 10_000 });

const result = await hooks.close();
receiver.server.close();
console.log(
  `\n${outcome.delivered} delivered, ${outcome.failed} failed, ${outcome.dropped} dropped, ${result.undelivered.length} undelivered at close.`,
);
if (outcome.failed + outcome.dropped + result.undelivered.length > 0 || received.some((entry) => !entry.ok)) {
  process.exitCode = 1;
}
