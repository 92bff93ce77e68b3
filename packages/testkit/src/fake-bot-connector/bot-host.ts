import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Request,
  type Response,
  type TurnContext,
} from 'botbuilder';

/** What the host answered to one posted activity. */
export interface BotHostAnswer {
  status: number;
  body: string;
}

/** A real `CloudAdapter` behind `node:http` on 127.0.0.1, the way a bot is hosted in production. */
export interface BotHost {
  /** The adapter that processes every request (attach middleware or hooks to it). */
  readonly adapter: CloudAdapter;
  /** `http://127.0.0.1:<port>/api/messages` */
  readonly url: string;
  /**
   * POSTs an activity as a channel would. Resolves once the adapter answered, which is after the bot's whole
   * turn (its handler, its replies and `onTurnError`) is over. Recorded payloads (timestamps as strings) work too.
   */
  post(
    activity: Partial<Activity> | Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<BotHostAnswer>;
  close(): Promise<void>;
}

export interface BotHostOptions {
  /**
   * The adapter to host. Defaults to a `CloudAdapter` with authentication disabled (no `MicrosoftAppId`): it
   * accepts requests without an `Authorization` header and sends replies without a token, so no Azure
   * credentials and no network beyond the `serviceUrl` are needed.
   */
  adapter?: CloudAdapter;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The express-style response `CloudAdapter.process` expects, over a plain `ServerResponse`. */
function toAdapterResponse(response: ServerResponse): Response {
  let body: string | undefined;
  return {
    socket: response.socket,
    status(code: number) {
      response.statusCode = code;
      return this;
    },
    header(name: string, value: unknown) {
      response.setHeader(name, String(value));
      return this;
    },
    send(value: unknown) {
      if (value === undefined) return this;
      if (typeof value === 'string') {
        body = value;
      } else {
        response.setHeader('content-type', 'application/json');
        body = JSON.stringify(value);
      }
      return this;
    },
    end() {
      if (!response.writableEnded) response.end(body);
      return this;
    },
  };
}

/**
 * Hosts a real botbuilder `CloudAdapter` behind `node:http` on 127.0.0.1, port 0, running `logic` for every
 * activity POSTed to `/api/messages`. With the default adapter (authentication disabled) the bot's replies go,
 * without a token, to the `serviceUrl` of each posted activity — point it at a {@link createFakeBotConnector}.
 *
 * @example
 * ```ts
 * const connector = await createFakeBotConnector();
 * const host = await startBotHost(async (context) => { await context.sendActivity(`echo: ${context.activity.text}`); });
 * const answer = await host.post(createUserActivity(connector.serviceUrl, { text: 'hi' }));
 * answer.status; // 200
 * ```
 */
export async function startBotHost(
  logic: (context: TurnContext) => Promise<void>,
  options: BotHostOptions = {},
): Promise<BotHost> {
  const adapter = options.adapter ?? new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
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
      const adapterRequest: Request = {
        method: request.method,
        headers: request.headers as Record<string, string | string[] | undefined>,
        ...(body !== undefined && { body }),
      };
      await adapter.process(adapterRequest, toAdapterResponse(response), logic);
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
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/api/messages`;

  return {
    adapter,
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
