import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudAdapter, Response } from 'botbuilder';
import type { ShopBot } from './bot';

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined);
      }
    });
    request.on('error', () => resolve(undefined));
  });
}

/** CloudAdapter expects an express/restify-style response; this is the whole of it over node:http. */
function adapterResponse(response: ServerResponse): Response {
  let body: string | undefined;
  return {
    socket: response.socket,
    status: (code: number) => {
      response.statusCode = code;
    },
    header: (name: string, value: unknown) => {
      response.setHeader(name, String(value));
    },
    send: (value: unknown) => {
      if (value === undefined) return;
      if (typeof value !== 'string') response.setHeader('content-type', 'application/json');
      body = typeof value === 'string' ? value : JSON.stringify(value);
    },
    end: () => {
      if (!response.writableEnded) response.end(body);
    },
  };
}

/**
 * Serves the bot on `POST /api/messages` (where channels and the Emulator post activities) and
 * `POST /api/notify` (sends a proactive message to every conversation the bot has seen).
 */
export async function startServer(options: {
  adapter: CloudAdapter;
  bot: ShopBot;
  port: number;
  /** The bot's MicrosoftAppId ('' without authentication), which proactive sends are made as. */
  appId: string;
}): Promise<RunningServer> {
  const { adapter, bot } = options;
  const server = createServer((request, response) => {
    const handle = async (): Promise<void> => {
      const path = (request.url ?? '/').split('?')[0];
      if (path === '/api/messages') {
        const body = await readJson(request);
        await adapter.process(
          { method: request.method, headers: request.headers, ...(body !== undefined && { body }) },
          adapterResponse(response),
          (context) => bot.run(context),
        );
        return;
      }
      if (path === '/api/notify' && request.method === 'POST') {
        for (const reference of bot.references.values()) {
          await adapter.continueConversationAsync(options.appId, reference, async (context) => {
            await context.sendActivity('Reminder: your parcel arrives on Friday.');
          });
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ notified: bot.references.size }));
        return;
      }
      response.writeHead(404);
      response.end();
    };
    handle().catch((error: unknown) => {
      console.error('request failed:', error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
