import type { ServerResponse } from 'node:http';
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
import { type BotHostAnswer, serveActivities } from './activity-server';

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
  const server = await serveActivities(async (request, response) => {
    const webRequest: Request = {
      method: request.method,
      headers: request.headers as Record<string, string | string[] | undefined>,
      ...(request.body !== undefined && { body: request.body }),
    };
    const web = toWebResponse(response);
    let authorized = false;
    await authorize(webRequest, web, () => {
      authorized = true;
    });
    if (authorized) await adapter.process(webRequest, web, logic);
    else web.end();
  });
  return { adapter, url: server.url, post: server.post, close: server.close };
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
