import type { IncomingMessage, ServerResponse } from 'node:http';

/** Server-sent events to every open page, with a heartbeat so idle proxies and browsers keep the stream. */
export class EventStream {
  readonly #clients = new Set<ServerResponse>();
  readonly #heartbeat = setInterval(() => {
    for (const client of this.#clients) client.write(': keep-alive\n\n');
  }, 15_000).unref();

  open(request: IncomingMessage, response: ServerResponse, headers: Record<string, string>): void {
    response.writeHead(200, { ...headers, 'content-type': 'text/event-stream', connection: 'keep-alive' });
    // Flushes the headers now, so the page's EventSource opens before the first delivery.
    response.write(': connected\n\n');
    this.#clients.add(response);
    request.on('close', () => this.#clients.delete(response));
  }

  /** One event; JSON has no raw newlines, so each event is one `data:` line. */
  send(response: ServerResponse, name: string, value: unknown): void {
    response.write(`event: ${name}\ndata: ${JSON.stringify(value)}\n\n`);
  }

  broadcast(name: string, value: unknown): void {
    for (const client of this.#clients) this.send(client, name, value);
  }

  close(): void {
    clearInterval(this.#heartbeat);
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }
}
