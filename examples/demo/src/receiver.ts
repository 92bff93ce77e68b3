import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, type WebhookEvent, WebhookVerificationError } from '@bothooks/core';
import { createEndpoint } from 'example-json-api-endpoint';

/** One request the demo receiver got: the verified event, or why it was refused. */
export interface Received {
  path: string;
  id: string;
  attempt: number;
  event?: WebhookEvent;
  refused?: string;
}

export interface DemoReceiver {
  origin: string;
  server: Server;
  received: Received[];
}

/**
 * The receiving side, as a user would write it: read the raw body, verify it with `verifyWebhook`, answer 204
 * (401 when the signature does not verify). `/quotes` is the JSON API endpoint of examples/json-api-endpoint.
 * The first attempt of a message whose text is in `failFirst` gets a 503, to show a retry.
 */
export async function startReceiver(options: {
  secret: string;
  failFirst: readonly string[];
}): Promise<DemoReceiver> {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const quotes = createEndpoint({ secret: options.secret });
  const server = createServer((request, response) => {
    // The JSON API endpoint verifies its requests itself and answers with the reply the bot shows.
    if ((request.url ?? '').startsWith('/quotes')) {
      quotes(request, response);
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      const id = String(request.headers['webhook-id'] ?? '');
      // The same message goes to several endpoints under one webhook-id; count attempts per endpoint.
      const attempt = (attempts.get(`${path} ${id}`) ?? 0) + 1;
      attempts.set(`${path} ${id}`, attempt);
      try {
        const event = verifyWebhook({
          payload: Buffer.concat(chunks),
          headers: request.headers,
          secret: options.secret,
        });
        received.push({ path, id, attempt, event });
        if (event.type === 'webhook.verify') {
          const { challenge } = event.data;
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge }));
          return;
        }
        if (attempt === 1 && options.failFirst.includes(event.data.message.text ?? '')) {
          response.writeHead(503).end();
          return;
        }
        response.writeHead(204).end();
      } catch (error) {
        received.push({
          path,
          id,
          attempt,
          refused: error instanceof WebhookVerificationError ? error.code : String(error),
        });
        response.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, server, received };
}
