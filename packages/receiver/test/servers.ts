import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';
import { messageEvent, signedHeaders } from './signing';

/** Starts a real HTTP server on 127.0.0.1, port 0, closed when the test finishes. Returns its origin. */
export async function listen(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** POSTs a signed event as the sender does (JSON content type); `tamper` changes the body after signing. */
export function postSigned(
  url: string,
  options: { event?: unknown; secret?: string; id?: string; tamper?: (body: string) => string } = {},
): Promise<Response> {
  const payload = JSON.stringify(options.event ?? messageEvent());
  return fetch(url, {
    method: 'POST',
    body: options.tamper ? options.tamper(payload) : payload,
    headers: {
      ...signedHeaders(payload, {
        ...(options.secret && { secret: options.secret }),
        ...(options.id && { id: options.id }),
      }),
      'content-type': 'application/json',
    },
  });
}
