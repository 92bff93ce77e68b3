import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { kindOf } from './signing';
import type { SocketDelivery } from './types';

interface Pending {
  resolve: (delivery: SocketDelivery) => void;
  reject: (error: Error) => void;
  type: SocketDelivery['type'];
  timer: NodeJS.Timeout;
}

/**
 * Slack's Socket Mode endpoint: a ticket from `apps.connections.open` opens a WebSocket, which gets `hello`,
 * then envelopes (`events_api`, `slash_commands`, `interactive`) that the app acknowledges with
 * `{ envelope_id, payload }` (https://docs.slack.dev/apis/events-api/using-socket-mode).
 */
export class FakeSocketMode {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, Pending>();
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly origin: () => string,
    private readonly appId: string,
  ) {}

  /** A one-time `ws://` URL, as `apps.connections.open` answers. */
  openTicket(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${this.origin().replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  /** Takes over an HTTP upgrade to `/link/`; refuses unknown tickets, as Slack does. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(request, socket, head, (websocket) => this.accept(websocket));
  }

  get connections(): number {
    return this.sockets.size;
  }

  waitForConnection(timeoutMs = 10_000): Promise<void> {
    if (this.sockets.size > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error('fake Slack: no Socket Mode connection'));
      }, timeoutMs);
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
    });
  }

  /** Sends `body` in an envelope to the first connection; resolves with the app's acknowledgement. */
  send(
    body: Record<string, unknown>,
    options: { retryAttempt?: number; retryReason?: string; timeoutMs?: number } = {},
  ): Promise<SocketDelivery> {
    const socket = [...this.sockets][0];
    if (!socket) return Promise.reject(new Error('fake Slack: no Socket Mode connection'));
    const type = kindOf(body);
    const envelopeId = randomUUID();
    const envelope = {
      envelope_id: envelopeId,
      payload: body,
      type,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api' && {
        retry_attempt: options.retryAttempt ?? 0,
        retry_reason: options.retryReason ?? '',
      }),
    };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`fake Slack: envelope ${envelopeId} was not acknowledged`));
      }, options.timeoutMs ?? 10_000);
      this.pending.set(envelopeId, { resolve, reject, type, timer });
      socket.send(JSON.stringify(envelope));
    });
  }

  async close(): Promise<void> {
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(new Error('fake Slack closed'));
    }
    this.pending.clear();
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.terminate());
    socket.on('message', (raw) => {
      let message: { envelope_id?: unknown; payload?: unknown };
      try {
        message = JSON.parse(String(raw)) as typeof message;
      } catch {
        return;
      }
      const id = typeof message.envelope_id === 'string' ? message.envelope_id : '';
      const entry = this.pending.get(id);
      if (!entry) return;
      this.pending.delete(id);
      clearTimeout(entry.timer);
      const payload =
        typeof message.payload === 'object' && message.payload !== null
          ? (message.payload as Record<string, unknown>)
          : {};
      entry.resolve({ envelopeId: id, type: entry.type, ack: payload });
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    for (const wake of [...this.waiters]) wake();
  }
}
