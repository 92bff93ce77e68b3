import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the host answered to one posted activity. */
export interface BotHostAnswer {
  status: number;
  body: string;
}

/** A POSTed activity, parsed, as both SDKs' `process()` take it. */
export interface ActivityRequest {
  method: string;
  headers: IncomingHttpHeaders;
  body?: Record<string, unknown>;
}

/** An HTTP server on 127.0.0.1 that hands every activity POSTed to `/api/messages` to an SDK's adapter. */
export interface ActivityServer {
  /** `http://127.0.0.1:<port>/api/messages` */
  readonly url: string;
  /** POSTs an activity as a channel would; resolves with the adapter's answer. */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<BotHostAnswer>;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Serves `POST /api/messages` on 127.0.0.1, port 0: a body that is not JSON gets 400 (the SDK never sees it), other
 * paths 404, and everything else goes to `handle`, which answers through `response`.
 */
export async function serveActivities(
  handle: (request: ActivityRequest, response: ServerResponse) => Promise<void>,
): Promise<ActivityServer> {
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const respond = async (): Promise<void> => {
      if ((request.url ?? '').split('?')[0] !== '/api/messages') {
        response.writeHead(404);
        response.end();
        return;
      }
      const raw = await readBody(request);
      let body: Record<string, unknown> | undefined;
      try {
        body = raw === '' ? undefined : (JSON.parse(raw) as Record<string, unknown>);
      } catch {
        response.writeHead(400);
        response.end('the body is not JSON');
        return;
      }
      await handle(
        { method: request.method ?? 'GET', headers: request.headers, ...(body !== undefined && { body }) },
        response,
      );
    };
    respond().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  return {
    url,
    post: async (activity, headers = {}) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      return { status: response.status, body: await response.text() };
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
