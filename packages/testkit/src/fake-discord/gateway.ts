import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Dispatch } from './world';

/** Gateway intents the fake honours, as numbered by the Discord API. */
export const Intent = {
  Guilds: 1 << 0,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

/** Close code Discord uses for a bad token. */
const AUTHENTICATION_FAILED = 4004;

/** One IDENTIFY the gateway received. The token is checked, never recorded. */
export interface IdentifyRecord {
  intents: number;
  shard: [number, number] | undefined;
  compress: boolean;
}

interface Session {
  socket: WebSocket;
  sequence: number;
  intents: number;
  ready: boolean;
  id: string;
}

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  /** The `d` of READY, without the per-session fields. */
  ready: () => Record<string, unknown>;
  /** The GUILD_CREATE payloads sent right after READY. */
  guilds: () => Record<string, unknown>[];
}

/**
 * A Discord gateway on `ws`: HELLO, IDENTIFY → READY and GUILD_CREATE, heartbeats and their ACKs, then
 * dispatches filtered by each session's intents, with message content hidden when MESSAGE_CONTENT is missing.
 * Speaks JSON without compression, which is what discord.js uses when `zlib-sync` is not installed.
 */
export class FakeGateway {
  readonly identifies: IdentifyRecord[] = [];
  /** Heartbeats received (each was acknowledged). */
  heartbeats = 0;
  private readonly sessions = new Set<Session>();
  private readonly readyWaiters = new Set<() => void>();
  private server: WebSocketServer | undefined;
  private address = '';

  constructor(private readonly options: GatewayOptions) {}

  /** `ws://127.0.0.1:<port>` */
  get url(): string {
    return this.address;
  }

  async start(): Promise<void> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    this.server = server;
    this.address = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('connection', (socket) => this.accept(socket));
  }

  /** Sessions that are identified and ready. */
  get readySessions(): number {
    return [...this.sessions].filter((session) => session.ready).length;
  }

  /** Resolves once at least one session is ready. */
  waitForSession(): Promise<void> {
    if (this.readySessions > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        this.readyWaiters.delete(wake);
        resolve();
      };
      this.readyWaiters.add(wake);
    });
  }

  /** Sends an event to every ready session whose intents allow it. */
  dispatch(dispatch: Dispatch): void {
    for (const session of this.sessions) {
      if (!session.ready) continue;
      const data = this.visibleTo(session, dispatch);
      if (data) this.send(session, { op: Op.Dispatch, t: dispatch.event, s: ++session.sequence, d: data });
    }
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.socket.terminate();
    this.sessions.clear();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private visibleTo(session: Session, dispatch: Dispatch): Record<string, unknown> | undefined {
    const message = dispatch.message;
    if (!message) return dispatch.data;
    const needed = message.inGuild ? Intent.GuildMessages : Intent.DirectMessages;
    if ((session.intents & needed) === 0) return undefined;
    if (!message.contentHidden || session.intents & Intent.MessageContent) return dispatch.data;
    // What Discord sends to an app without the privileged MESSAGE_CONTENT intent.
    const { poll: _hidden, ...rest } = dispatch.data;
    return { ...rest, content: '', embeds: [], attachments: [], components: [] };
  }

  private accept(socket: WebSocket): void {
    const session: Session = { socket, sequence: 0, intents: 0, ready: false, id: randomUUID() };
    this.sessions.add(session);
    socket.on('close', () => this.sessions.delete(session));
    socket.on('error', () => socket.terminate());
    socket.on('message', (raw) => {
      let payload: { op?: number; d?: unknown };
      try {
        payload = JSON.parse(String(raw)) as { op?: number; d?: unknown };
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      this.receive(session, payload);
    });
    this.send(session, { op: Op.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  private receive(session: Session, payload: { op?: number; d?: unknown }): void {
    switch (payload.op) {
      case Op.Heartbeat:
        this.heartbeats += 1;
        this.send(session, { op: Op.HeartbeatAck });
        return;
      case Op.Identify:
        this.identify(session, (payload.d ?? {}) as Record<string, unknown>);
        return;
      case Op.Resume:
        // Sessions are not kept across connections: make the client identify again.
        this.send(session, { op: Op.InvalidSession, d: false });
        return;
      default:
        return;
    }
  }

  private identify(session: Session, identify: Record<string, unknown>): void {
    if (identify.token !== this.options.token && identify.token !== `Bot ${this.options.token}`) {
      session.socket.close(AUTHENTICATION_FAILED, 'Authentication failed.');
      return;
    }
    session.intents = typeof identify.intents === 'number' ? identify.intents : 0;
    const shard = Array.isArray(identify.shard) ? (identify.shard as [number, number]) : undefined;
    this.identifies.push({ intents: session.intents, shard, compress: identify.compress === true });
    this.send(session, {
      op: Op.Dispatch,
      t: 'READY',
      s: ++session.sequence,
      d: {
        ...this.options.ready(),
        session_id: session.id,
        resume_gateway_url: this.address,
        shard: shard ?? [0, 1],
      },
    });
    for (const guild of this.options.guilds()) {
      this.send(session, { op: Op.Dispatch, t: 'GUILD_CREATE', s: ++session.sequence, d: guild });
    }
    session.ready = true;
    for (const wake of [...this.readyWaiters]) wake();
  }

  private send(session: Session, payload: Record<string, unknown>): void {
    if (session.socket.readyState === session.socket.OPEN) session.socket.send(JSON.stringify(payload));
  }
}
