import { createServer } from 'node:http';
import { createEndpoint } from './endpoint';

// `WEBHOOK_SECRET=whsec_... npm start`, then point a bot's jsonApi endpoint at http://127.0.0.1:4900/quotes.
const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error('Set WEBHOOK_SECRET to the endpoint secret your bot signs with (bothooks secret makes one).');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 4900);
createServer(createEndpoint({ secret })).listen(port, '127.0.0.1', () => {
  console.log(`JSON API endpoint on http://127.0.0.1:${port}/quotes`);
});
