// A worker process: delivers, from Redis, what any bot process published. Run as many as you like, anywhere that
// reaches Redis and the endpoints.
import { bullmqEngine } from '@bothooks/bullmq';
import { createWebhooks } from '@bothooks/core';
import { readConfig } from './config';

const name = process.env.WORKER_NAME ?? `worker-${process.pid}`;
const { redisUrl, endpoints } = readConfig(process.env);
const engine = bullmqEngine({
  connection: redisUrl,
  // Small, so that the demo's killed worker's jobs are picked up in about 3 s instead of about a minute, and a
  // conversation whose next job it was to wake goes on within 2 s instead of 30.
  lockDurationMs: 2_000,
  stalledIntervalMs: 1_000,
  orderingRecheckMs: 2_000,
});
const hooks = createWebhooks({ endpoints, engine });
hooks.on('delivered', (event) => {
  console.log(`${name}: delivered ${event.type} ${event.messageId} (${event.status})`);
  process.send?.({ delivered: event.messageId });
});
hooks.on('failed', (event) => console.warn(`${name}: ${event.messageId} failed: ${event.error.message}`));
hooks.on('error', (report) => console.warn(`${name}: ${report.code}: ${report.message}`));

// SIGTERM (a deploy, `docker stop`): finish the deliveries in flight, then exit. No duplicates.
process.once('SIGTERM', async () => {
  await hooks.close();
  process.exit(0);
});
await engine.ready();
process.send?.('ready');
