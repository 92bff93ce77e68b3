import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  authorizeJWT,
  loadAuthConfigFromEnv,
  type Request,
  type WebResponse,
} from '@microsoft/agents-hosting';
import type { ShopAgent } from './agent';

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

/** The SDK's `authorizeJWT` and `CloudAdapter.process` expect an express-style response; this is all of it. */
function webResponse(response: ServerResponse): WebResponse {
  let body: string | undefined;
  const web: WebResponse = {
    get headersSent() {
      return response.headersSent;
    },
    get writableEnded() {
      return response.writableEnded;
    },
    status: (code: number) => {
      response.statusCode = code;
      return web;
    },
    setHeader: (name: string, value: string) => {
      response.setHeader(name, value);
      return web;
    },
    send: (value?: unknown) => {
      if (value !== undefined) {
        if (typeof value !== 'string') response.setHeader('content-type', 'application/json');
        body = typeof value === 'string' ? value : JSON.stringify(value);
      }
      // authorizeJWT answers a refusal with send() alone.
      if (response.statusCode >= 400) web.end();
      return web;
    },
    end: () => {
      if (!response.writableEnded) response.end(body);
      return web;
    },
  };
  return web;
}

/**
 * Serves the agent on `POST /api/messages` (where channels post activities, checked by the SDK's `authorizeJWT`)
 * and `POST /api/notify` (sends a proactive message to every conversation the agent has seen). The SDK's
 * `startServer()` does the first with express; this is the same on node:http.
 */
export async function startServer(options: { agent: ShopAgent; port: number }): Promise<RunningServer> {
  const { agent } = options;
  const authConfig = loadAuthConfigFromEnv();
  const authorize = authorizeJWT(authConfig);
  const server = createServer((request, response) => {
    const handle = async (): Promise<void> => {
      const path = (request.url ?? '/').split('?')[0];
      if (path === '/api/messages') {
        const body = await readJson(request);
        const agentRequest: Request = {
          method: request.method ?? 'POST',
          headers: request.headers as Request['headers'],
          ...(body !== undefined && { body }),
        };
        const web = webResponse(response);
        let authorized = false;
        await authorize(agentRequest, web, () => {
          authorized = true;
        });
        if (authorized) await agent.adapter.process(agentRequest, web, (context) => agent.run(context));
        return;
      }
      if (path === '/api/notify' && request.method === 'POST') {
        for (const reference of agent.references.values()) {
          await agent.adapter.continueConversation(
            authConfig.clientId ?? 'local-agent',
            reference,
            async (context) => {
              await context.sendActivity('Reminder: your parcel arrives on Friday.');
            },
          );
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ notified: agent.references.size }));
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
