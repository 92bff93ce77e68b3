import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError, EXIT } from '../errors';
import type { Delivery } from '../listener/delivery';
import type { Listener } from '../listener/listener';
import { CLI_VERSION, UI_DIRECTORY } from '../package-files';
import { SAMPLE_EVENT_TYPES } from '../samples/events';
import { SAMPLE_PLATFORMS } from '../samples/platforms';
import { EventStream } from './event-stream';

/** A running inspector page. */
export interface Inspector {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  close(): Promise<void>;
}

/** What the page shows about the listener itself: the first event of every stream. */
interface InspectorInfo {
  listenUrl: string;
  forwardTo?: string;
  secret: boolean;
  reply?: string;
  version: string;
  /** What the filters offer before any delivery has shown them. */
  types: string[];
  platforms: string[];
}

/** Options of {@link startInspector}. */
export interface InspectorOptions {
  /** The port of the page; 0 picks a free one. It is always bound to 127.0.0.1. @default 4801 */
  port?: number;
}

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

// The page runs only its own script and talks only to this server; request data never becomes markup.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function loadAssets(): Map<string, { body: Buffer; type: string }> {
  const loaded = new Map<string, { body: Buffer; type: string }>();
  for (const [path, asset] of Object.entries(ASSETS)) {
    loaded.set(path, { body: readFileSync(new URL(asset.file, UI_DIRECTORY)), type: asset.type });
  }
  return loaded;
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json', JSON.stringify(value));
}

/**
 * Serves the inspector of a listener on 127.0.0.1 only: the page, a server-sent event stream of the listener's deliveries,
 * and the resend action. Requests naming another host (DNS rebinding) or, for the action, coming from another
 * origin (a web page the developer happens to have open) are refused.
 */
export async function startInspector(listener: Listener, options: InspectorOptions = {}): Promise<Inspector> {
  const assets = loadAssets();
  const info: InspectorInfo = {
    listenUrl: listener.url,
    ...(listener.forwardTo !== undefined && { forwardTo: listener.forwardTo.href }),
    secret: listener.checksSignatures,
    ...(listener.replyFile !== undefined && { reply: listener.replyFile }),
    version: CLI_VERSION,
    types: [...SAMPLE_EVENT_TYPES, 'webhook.verify'],
    platforms: [...SAMPLE_PLATFORMS],
  };
  const stream = new EventStream();
  let allowedHosts = new Set<string>();

  const onDelivery = (delivery: Delivery) => stream.broadcast('delivery', delivery);
  const onUpdate = (delivery: Delivery) => stream.broadcast('update', delivery);
  listener.on('delivery', onDelivery);
  listener.on('update', onUpdate);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: String(error) });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts.has(request.headers.host ?? '')) {
      return sendJson(response, 421, { error: 'the inspector answers on 127.0.0.1 and localhost only' });
    }
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const asset = assets.get(path);
    if (request.method === 'GET' && asset !== undefined) return send(response, 200, asset.type, asset.body);
    if (request.method === 'GET' && path === '/events') {
      stream.open(request, response, SECURITY_HEADERS);
      stream.send(response, 'info', info);
      for (const delivery of listener.deliveries()) stream.send(response, 'delivery', delivery);
      return;
    }
    const resend = /^\/deliveries\/(\d+)\/resend$/.exec(path);
    if (request.method === 'POST' && resend !== null) {
      const origin = request.headers.origin;
      if (origin === undefined || !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
        return sendJson(response, 403, { error: 'resend only from the inspector page' });
      }
      try {
        return sendJson(response, 200, await listener.resend(Number(resend[1])));
      } catch (error) {
        if (error instanceof CliError)
          return sendJson(response, 409, { error: error.message, code: error.code });
        throw error;
      }
    }
    sendJson(response, 404, { error: 'not found' });
  }

  const port = options.port ?? 4801;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    listener.off('delivery', onDelivery);
    listener.off('update', onUpdate);
    throw new CliError(
      error.code === 'EADDRINUSE' ? 'PORT_IN_USE' : 'LISTEN_FAILED',
      `the inspector cannot listen on 127.0.0.1:${port}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : error.message}`,
      {
        exitCode: EXIT.UNREACHABLE,
        hint: 'pass another --ui-port, or --ui-port 0 for any free port',
        cause: error,
      },
    );
  });
  const { port: boundPort } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${boundPort}`, `localhost:${boundPort}`]);

  return {
    url: `http://127.0.0.1:${boundPort}/`,
    async close() {
      listener.off('delivery', onDelivery);
      listener.off('update', onUpdate);
      stream.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
