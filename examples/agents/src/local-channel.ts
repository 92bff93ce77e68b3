import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a Bot Framework channel, so you can try the bot without Azure: a bot answers by POSTing to the
 * `serviceUrl` of the activity it received, and this server takes those calls (replies, updates, deletes) and
 * answers with ids, as a channel would. A stand-in for trying the bot, not a Bot Connector.
 */
export interface LocalChannel {
  /** Use it as the `serviceUrl` of the activities you post to the bot. */
  readonly serviceUrl: string;
  /** Calls `listener` with each call the bot makes: the HTTP method, the activity id, the text. */
  onActivity(listener: (method: string, id: string, text: string | undefined) => void): void;
  close(): Promise<void>;
}

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        resolve(chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve({});
      }
    });
  });
}

/** Starts the local channel on `port` (0: a free one). */
export async function startLocalChannel(port = 0): Promise<LocalChannel> {
  const listeners: ((method: string, id: string, text: string | undefined) => void)[] = [];
  let next = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void readJson(request).then((body) => {
      // An edit keeps the id of the message it changes; a new message gets a new one.
      const id =
        request.method === 'POST'
          ? `reply-${++next}`
          : decodeURIComponent(request.url?.split('/').pop() ?? '');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(request.method === 'DELETE' ? undefined : JSON.stringify({ id }));
      const text = typeof body.text === 'string' ? body.text : undefined;
      for (const listener of listeners) listener(request.method ?? 'POST', id, text);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    onActivity: (listener) => {
      listeners.push(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
