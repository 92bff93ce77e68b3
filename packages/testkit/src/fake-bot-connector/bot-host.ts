import type { ServerResponse } from 'node:http';
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Request,
  type Response,
  type TurnContext,
} from 'botbuilder';
import { type BotHostAnswer, serveActivities } from './activity-server';

export type { BotHostAnswer } from './activity-server';

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
  const server = await serveActivities(async (request, response) => {
    const adapterRequest: Request = {
      method: request.method,
      headers: request.headers as Record<string, string | string[] | undefined>,
      ...(request.body !== undefined && { body: request.body }),
    };
    await adapter.process(adapterRequest, toAdapterResponse(response), logic);
  });
  return {
    adapter,
    url: server.url,
    post: (activity, headers) => server.post(activity as Record<string, unknown>, headers),
    close: () => server.close(),
  };
}
