import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ConversationReference } from '@microsoft/agents-activity';
import {
  type AuthConfiguration,
  authorizeJWT,
  CloudAdapter,
  type Request,
  type TurnContext,
  type WebResponse,
} from '@microsoft/agents-hosting';
import {
  createUserActivity as createChannelActivity,
  DEFAULT_BOT,
  DEFAULT_CONVERSATION_ID,
  DEFAULT_USER,
} from './activities';
import type { BotHostAnswer } from './bot-host';

/** A real Agents SDK `CloudAdapter` behind `node:http` on 127.0.0.1, the way an agent is hosted. */
export interface AgentsHost {
  /** The adapter that processes every request (attach bothooks or middleware to it). */
  readonly adapter: CloudAdapter;
  /** `http://127.0.0.1:<port>/api/messages` */
  readonly url: string;
  /**
   * POSTs an activity as a channel would. Resolves once the adapter answered, which is after the agent's whole
   * turn (its handler, its replies and `onTurnError`) is over; `body` holds the replies of an `expectReplies` turn.
   */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<BotHostAnswer>;
  close(): Promise<void>;
}

export interface AgentsHostOptions {
  /**
   * The adapter to host, e.g. an `AgentApplication`'s `app.adapter`. Defaults to a `CloudAdapter` in the SDK's
   * anonymous development mode (no `clientId`): requests without an `Authorization` header are accepted, and
   * replies go to the `serviceUrl` without a token, so no Azure credentials are needed.
   */
  adapter?: CloudAdapter;
  /** The configuration `authorizeJWT` checks requests with. @default {} (anonymous) */
  authConfig?: AuthConfiguration;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The express-style response the SDK's `authorizeJWT` and `CloudAdapter.process` write to. */
function toWebResponse(response: ServerResponse): WebResponse {
  let body: string | undefined;
  const web = {
    get headersSent() {
      return response.headersSent;
    },
    get writableEnded() {
      return response.writableEnded;
    },
    status(code: number) {
      response.statusCode = code;
      return web;
    },
    setHeader(name: string, value: string) {
      response.setHeader(name, value);
      return web;
    },
    send(value?: unknown) {
      if (value === undefined) return web;
      if (typeof value === 'string') {
        body = value;
      } else {
        if (!response.hasHeader('content-type')) response.setHeader('content-type', 'application/json');
        body = JSON.stringify(value);
      }
      // authorizeJWT answers a refusal with send() alone.
      if (response.statusCode >= 400 && !response.writableEnded) response.end(body);
      return web;
    },
    end() {
      if (!response.writableEnded) response.end(body);
      return web;
    },
  };
  return web;
}

/**
 * Hosts a real Agents SDK `CloudAdapter` behind `node:http` on 127.0.0.1, port 0, the way the SDK's own express
 * host does (`authorizeJWT`, then `adapter.process`), running `logic` for every activity POSTed to
 * `/api/messages`. The agent's replies go to the `serviceUrl` of each posted activity: point it at a
 * {@link createFakeBotConnector}. (The SDK's `startServer()` listens on every interface, which tests must not.)
 *
 * @example
 * ```ts
 * const app = new AgentApplication();
 * app.onMessage('hi', async (context) => { await context.sendActivity('hello'); });
 * const host = await startAgentsHost((context) => app.run(context), { adapter: app.adapter });
 * await host.post(createUserActivity(connector.serviceUrl, { text: 'hi' }));
 * ```
 */
export async function startAgentsHost(
  logic: (context: TurnContext) => Promise<void>,
  options: AgentsHostOptions = {},
): Promise<AgentsHost> {
  const adapter = options.adapter ?? new CloudAdapter();
  const authorize = authorizeJWT(options.authConfig ?? {});
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
      const webRequest: Request = {
        method: request.method ?? 'GET',
        headers: request.headers as Record<string, string | string[] | undefined>,
        ...(body !== undefined && { body }),
      };
      const web = toWebResponse(response);
      const authorized = await new Promise<boolean>((resolve, reject) => {
        authorize(webRequest, web, () => resolve(true))
          .then(() => resolve(false))
          .catch(reject);
      });
      if (!authorized) {
        web.end();
        return;
      }
      await adapter.process(webRequest, web, logic);
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

/**
 * The reference an agent keeps to write to a conversation later (`adapter.continueConversation`): the Agents SDK
 * names the bot's account `agent`, where botbuilder says `bot`.
 */
export function createAgentConversationReference(
  serviceUrl: string,
  overrides: Partial<ConversationReference> = {},
): ConversationReference {
  return {
    channelId: 'webchat',
    serviceUrl,
    user: { ...DEFAULT_USER },
    agent: { ...DEFAULT_BOT },
    conversation: { ...DEFAULT_CONVERSATION },
    locale: 'en-US',
    ...overrides,
  };
}

// The Agents SDK validates every activity it parses and refuses empty strings (`conversation.name: ''`, which
// botbuilder's default activities carry) with a 500.
const DEFAULT_CONVERSATION = { id: DEFAULT_CONVERSATION_ID, isGroup: false, conversationType: 'personal' };

/**
 * {@link createChannelActivity}'s activity, with no empty strings: what a channel POSTs to an agent when a user
 * writes (a `message` on `webchat`, replies going to `serviceUrl`).
 */
export function createUserActivity(
  serviceUrl: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...createChannelActivity(serviceUrl), conversation: { ...DEFAULT_CONVERSATION }, ...overrides };
}
