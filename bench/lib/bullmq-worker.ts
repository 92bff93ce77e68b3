// A delivery worker process on the durable engine, for the durable scenario: it delivers what the bench's bot
// process stores in Redis, says `ready` once connected, then how many it has delivered, every 20 ms while that
// changes. It runs until killed.
import { bullmqEngine } from '@bothooks/bullmq';
import { createWebhooks, type EndpointConfig } from '@bothooks/core';

const { redis, endpoints, concurrency } = JSON.parse(process.argv[2] ?? '{}') as {
  redis: string;
  endpoints: EndpointConfig[];
  concurrency: number;
};
const engine = bullmqEngine({ connection: redis, concurrency });
const hooks = createWebhooks({ endpoints, engine, logger: false });
let delivered = 0;
let reported = 0;
hooks.on('delivered', () => {
  delivered += 1;
});
await engine.ready();
process.send?.('ready');
setInterval(() => {
  if (delivered === reported) return;
  reported = delivered;
  process.send?.({ delivered });
}, 20);
process.once('SIGTERM', async () => {
  await hooks.close();
  process.exit(0);
});
