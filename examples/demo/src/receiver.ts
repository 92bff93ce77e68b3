import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type MessageEventData,
  verifyWebhook,
  type WebhookEvent,
  WebhookVerificationError,
} from '@bothooks/core';

/** What the demo receiver saw: the verified event, or why it refused the request. */
export type Received =
  | { ok: true; id: string; attempt: number; event: WebhookEvent<MessageEventData> }
  | { ok: false; id: string; reason: string };

/**
 * The receiving side, as a user would write it: read the raw body, verify it with `verifyWebhook`,
 * answer 204 (or 401 when the signature does not verify). `failFirst` answers 503 to the first attempt of
 * each of those message texts, to show retries.
 */
export async function startReceiver(options: {
  secret: string;
  failFirst?: readonly string[];
  onReceived: (received: Received) => void;
}): Promise<{ url: string; server: Server }> {
  const attempts = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const id = String(request.headers['webhook-id'] ?? '');
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      try {
        const event = verifyWebhook<WebhookEvent<MessageEventData>>({
          payload: Buffer.concat(chunks),
          headers: request.headers,
          secret: options.secret,
        });
        if (attempt === 1 && options.failFirst?.includes(event.data.message?.text ?? '')) {
          response.writeHead(503).end();
          return;
        }
        options.onReceived({ ok: true, id, attempt, event });
        if (event.type === 'webhook.verify') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({ challenge: (event.data as unknown as { challenge: string }).challenge }),
          );
          return;
        }
        response.writeHead(204).end();
      } catch (error) {
        const reason = error instanceof WebhookVerificationError ? error.code : String(error);
        options.onReceived({ ok: false, id, reason });
        response.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/bot-events`, server };
}
