import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A Discord on 127.0.0.1 with just what this example's bot uses, so you can try it without a bot account: a
 * gateway (HELLO, IDENTIFY → READY and one server with `#general`, heartbeats, JSON without compression) and
 * the REST calls of sending, editing and deleting messages, replying to slash commands (deferred too) and
 * updating a message from a button. One user, `ada`. A stand-in for trying the bot, not a Discord emulator.
 */
export interface LocalDiscord {
  /** A token accepted by this server alone. */
  readonly token: string;
  /** What to give discord.js as `rest.api` (`DISCORD_API_URL`). */
  readonly api: string;
  /** Ada writes `text` in `#general`. */
  userSends(text: string): void;
  /** Ada writes `text` to the bot in a direct message. */
  userSendsDm(text: string): void;
  /** Ada runs `/name` with string options. */
  slashCommand(name: string, options?: Record<string, string>): void;
  /** Ada presses the button `customId` on the bot's last message with buttons. */
  pressButton(customId: string): void;
  /** Calls `listener` with what the bot writes or changes, as the local Discord stores it. */
  onBotMessage(listener: (what: 'sent' | 'edited' | 'deleted', content: string) => void): void;
  /** Resolves once the bot's gateway session is ready. */
  waitForSession(): Promise<void>;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

const TOKEN = 'local-example-token.discord.bothooks';
const APPLICATION = '1100000000000000001';
const GUILD = '1100000000000000002';
const CHANNEL = '1100000000000000003';
const DM_CHANNEL = '1100000000000000004';
const BOT = {
  id: APPLICATION,
  username: 'shop-bot',
  global_name: 'Shop Bot',
  discriminator: '0',
  avatar: null,
  bot: true,
};
const ADA = {
  id: '1100000000000000005',
  username: 'ada',
  global_name: 'Ada',
  discriminator: '0',
  avatar: null,
};
const MEMBER = {
  roles: [],
  joined_at: new Date(0).toISOString(),
  deaf: false,
  mute: false,
  flags: 0,
  nick: null,
};

let sequenceOfIds = 0;
/** A snowflake of now, so discord.js sorts and ages messages as it would Discord's. */
function snowflake(): string {
  sequenceOfIds = (sequenceOfIds + 1) % 4096;
  return String(((BigInt(Date.now()) - 1420070400000n) << 22n) | BigInt(sequenceOfIds));
}

function readJson(request: IncomingMessage): Promise<Json> {
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

/** Starts the local Discord: REST and gateway on free ports. */
export async function startLocalDiscord(): Promise<LocalDiscord> {
  const sockets = new Set<{ socket: WebSocket; sequence: number }>();
  const messages = new Map<string, Json>();
  const originals = new Map<string, string>();
  const listeners: ((what: 'sent' | 'edited' | 'deleted', content: string) => void)[] = [];
  const readyWaiters: (() => void)[] = [];
  let ready = false;
  let lastWithButtons: Json | undefined;

  const dispatch = (event: string, data: Json): void => {
    for (const session of sockets)
      session.socket.send(JSON.stringify({ op: 0, t: event, s: ++session.sequence, d: data }));
  };
  const message = (channelId: string, author: Json, fields: Json): Json => ({
    id: snowflake(),
    channel_id: channelId,
    // discord.js needs the channel type to build a DM channel it has never seen.
    channel_type: channelId === CHANNEL ? 0 : 1,
    ...(channelId === CHANNEL && { guild_id: GUILD, member: MEMBER }),
    author,
    content: '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
    ...fields,
  });
  const tell = (what: 'sent' | 'edited' | 'deleted', stored: Json): void => {
    for (const listener of listeners) listener(what, String(stored.content ?? ''));
  };
  const botSends = (channelId: string, body: Json): Json => {
    const sent = message(channelId, BOT, {
      content: typeof body.content === 'string' ? body.content : '',
      components: Array.isArray(body.components) ? body.components : [],
      ...(typeof body.flags === 'number' && { flags: body.flags }),
    });
    messages.set(String(sent.id), sent);
    if ((sent.components as unknown[]).length > 0) lastWithButtons = sent;
    dispatch('MESSAGE_CREATE', sent);
    tell('sent', sent);
    return sent;
  };
  const botEdits = (id: string, body: Json): Json | undefined => {
    const stored = messages.get(id);
    if (!stored) return undefined;
    if (typeof body.content === 'string') stored.content = body.content;
    if (Array.isArray(body.components)) stored.components = body.components;
    stored.flags = 0;
    stored.edited_timestamp = new Date().toISOString();
    dispatch('MESSAGE_UPDATE', stored);
    tell('edited', stored);
    return stored;
  };
  const botDeletes = (id: string): void => {
    const stored = messages.get(id);
    messages.delete(id);
    if (stored) {
      dispatch('MESSAGE_DELETE', { id, channel_id: stored.channel_id, guild_id: stored.guild_id });
      tell('deleted', stored);
    }
  };

  const gateway = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => gateway.once('listening', resolve));
  const gatewayUrl = `ws://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  gateway.on('connection', (socket) => {
    const session = { socket, sequence: 0 };
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op?: number; d?: Json };
      if (payload.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (payload.op !== 2) return;
      if (payload.d?.token !== TOKEN && payload.d?.token !== `Bot ${TOKEN}`) {
        socket.close(4004, 'Authentication failed.');
        return;
      }
      const ready = { v: 10, user: BOT, guilds: [{ id: GUILD, unavailable: true }], session_id: snowflake() };
      const send = (t: string, d: Json) =>
        socket.send(JSON.stringify({ op: 0, t, s: ++session.sequence, d }));
      send('READY', {
        ...ready,
        resume_gateway_url: gatewayUrl,
        shard: [0, 1],
        application: { id: APPLICATION, flags: 0 },
      });
      send('GUILD_CREATE', {
        id: GUILD,
        name: 'Local shop',
        owner_id: ADA.id,
        unavailable: false,
        member_count: 2,
        joined_at: new Date(0).toISOString(),
        roles: [{ id: GUILD, name: '@everyone', permissions: '2248473465835073', position: 0, color: 0 }],
        channels: [{ id: CHANNEL, type: 0, name: 'general', position: 0, permission_overwrites: [] }],
        members: [],
        threads: [],
        emojis: [],
        stickers: [],
        features: [],
      });
      sockets.add(session);
      markReady();
    });
    socket.on('close', () => sockets.delete(session));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
  });
  function markReady(): void {
    ready = true;
    for (const wake of readyWaiters.splice(0)) wake();
  }

  const interaction = (type: number, data: Json, extra: Json = {}): void => {
    const token = `interaction-${snowflake()}`;
    dispatch('INTERACTION_CREATE', {
      id: snowflake(),
      application_id: APPLICATION,
      type,
      data,
      guild_id: GUILD,
      channel_id: CHANNEL,
      channel: { id: CHANNEL, type: 0, name: 'general', guild_id: GUILD },
      member: { ...MEMBER, user: ADA, permissions: '2248473465835073' },
      token,
      version: 1,
      locale: 'en-US',
      app_permissions: '2248473465835073',
      entitlements: [],
      authorizing_integration_owners: { '0': GUILD },
      context: 0,
      ...extra,
    });
  };

  type Answer = [number, unknown];
  const unknownMessage: Answer = [404, { code: 10008, message: 'Unknown Message' }];
  const edit = (id: string | undefined, body: Json): Answer => {
    const edited = botEdits(id ?? '', body);
    return edited ? [200, edited] : unknownMessage;
  };
  // Method, route, and what to do with the route's captures and the JSON body.
  const routes: [string, RegExp, (captures: string[], body: Json) => Answer][] = [
    [
      'GET',
      /^\/gateway\/bot$/,
      () => [
        200,
        {
          url: gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
        },
      ],
    ],
    [
      'PUT',
      /^\/applications\/\d+\/commands$/,
      (_captures, body) => [
        200,
        (Array.isArray(body) ? body : []).map((command: Json) => ({
          ...command,
          id: snowflake(),
          application_id: APPLICATION,
        })),
      ],
    ],
    ['POST', /^\/channels\/\d+\/typing$/, () => [204, undefined]],
    [
      'POST',
      /^\/channels\/(\d+)\/messages$/,
      ([channelId], body) => [200, botSends(channelId ?? CHANNEL, body)],
    ],
    ['PATCH', /^\/channels\/\d+\/messages\/(\d+)$/, ([id], body) => edit(id, body)],
    ['DELETE', /^\/channels\/\d+\/messages\/(\d+)$/, ([id]) => [204, botDeletes(id ?? '')]],
    [
      'POST',
      /^\/interactions\/\d+\/([^/]+)\/callback$/,
      ([token], body) => {
        const data = (body.data ?? {}) as Json;
        // 4: a reply; 5: "thinking…" until the first edit; 7: the button's message changes.
        if (body.type === 4 || body.type === 5) {
          const sent = botSends(CHANNEL, body.type === 5 ? { flags: 1 << 7 } : data);
          originals.set(token ?? '', String(sent.id));
        }
        if (body.type === 7 && lastWithButtons) botEdits(String(lastWithButtons.id), data);
        return [204, undefined];
      },
    ],
    [
      'PATCH',
      /^\/webhooks\/\d+\/([^/]+)\/messages\/([^/]+)$/,
      ([token, id], body) => edit(id === '@original' ? originals.get(token ?? '') : id, body),
    ],
    [
      'DELETE',
      /^\/webhooks\/\d+\/([^/]+)\/messages\/([^/]+)$/,
      ([token, id]) => [204, botDeletes((id === '@original' ? originals.get(token ?? '') : id) ?? '')],
    ],
    ['POST', /^\/webhooks\/\d+\/[^/]+$/, (_captures, body) => [200, botSends(CHANNEL, body)]],
  ];
  const route = (method: string, path: string, body: Json): Answer => {
    for (const [routeMethod, pattern, handle] of routes) {
      const match = pattern.exec(path);
      if (match && routeMethod === method) return handle(match.slice(1), body);
    }
    return [404, { code: 0, message: `the local Discord does not know ${method} ${path}` }];
  };

  const rest = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = decodeURIComponent((request.url ?? '').split('?')[0] ?? '').replace(/^\/api\/v\d+/, '');
    // Interaction and webhook routes carry their own token; everything else needs the bot's.
    const byToken = path.startsWith('/interactions/') || path.startsWith('/webhooks/');
    void readJson(request).then((body) => {
      if (request.headers.authorization !== `Bot ${TOKEN}` && !byToken) {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ code: 0, message: '401: Unauthorized' }));
        return;
      }
      const [status, answer] = route(request.method ?? 'GET', path, body);
      response.writeHead(status, answer === undefined ? {} : { 'content-type': 'application/json' });
      response.end(answer === undefined ? undefined : JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => rest.listen(0, '127.0.0.1', resolve));

  return {
    token: TOKEN,
    api: `http://127.0.0.1:${(rest.address() as AddressInfo).port}/api`,
    userSends: (text) => dispatch('MESSAGE_CREATE', message(CHANNEL, ADA, { content: text })),
    userSendsDm: (text) => dispatch('MESSAGE_CREATE', message(DM_CHANNEL, ADA, { content: text })),
    slashCommand: (name, options = {}) =>
      interaction(2, {
        id: snowflake(),
        name,
        type: 1,
        options: Object.entries(options).map(([option, value]) => ({ name: option, type: 3, value })),
      }),
    pressButton: (customId) => {
      if (lastWithButtons)
        interaction(3, { custom_id: customId, component_type: 2 }, { message: lastWithButtons });
    },
    onBotMessage: (listener) => {
      listeners.push(listener);
    },
    waitForSession: () => (ready ? Promise.resolve() : new Promise((resolve) => readyWaiters.push(resolve))),
    close: async () => {
      for (const session of sockets) session.socket.terminate();
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
      rest.closeAllConnections();
      await new Promise<void>((resolve) => rest.close(() => resolve()));
    },
  };
}
