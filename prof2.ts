import { createWebhooks, threadEngine, inlineEngine } from '@bothooks/core';
import { mainThreadCpuMicros } from './bench/lib/cpu';
import { sampleEvent, SECRET } from './bench/lib/event';
import { startReceiver } from './bench/lib/receiver';
const receiver = await startReceiver();
const url = receiver.urls[0]!;
for (const name of ['thread', 'inline', 'thread', 'inline']) {
const hooks = createWebhooks({ endpoints: [{ url, secret: SECRET }], queue: { maxSize: 100000 }, logger: false, engine: name === 'thread' ? threadEngine() : inlineEngine() });
await hooks.flush();
const event = sampleEvent();
for (let r = 0; r < 3; r++) {
  const N = 20000;
  const c0 = mainThreadCpuMicros(); const t0 = performance.now();
  for (let i = 0; i < N; i++) hooks.publish(event);
  const c1 = mainThreadCpuMicros();
  await hooks.flush();
  const c2 = mainThreadCpuMicros(); const t2 = performance.now();
  console.log(name, 'publish µs/ev', ((c1 - c0) / N).toFixed(2), 'after µs/ev', ((c2 - c1) / N).toFixed(2), 'ev/s', Math.round(N / (t2 - t0) * 1000));
}
await hooks.close();
}
await receiver.close();
