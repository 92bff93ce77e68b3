// An ES module bot project: every package comes from import, as in
// `import { attachWebhooks } from '@bothooks/telegraf'`.
import driver from './driver.cjs';

await driver.run((name) => import(name), process.env);
