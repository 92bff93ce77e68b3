import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** The Bot Connector REST operations the fake understands. */
export type ConnectorOperation =
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'createConversation'
  | 'unknown';

/** One request the fake connector got, and what it answered. */
export interface ConnectorCall {
  operation: ConnectorOperation;
  method: string;
  /** The raw request path, still URL-encoded. */
  path: string;
  /** The decoded `:conversationId` of the route (for `createConversation`, the id the fake created). */
  conversationId: string | undefined;
  /**
   * The activity id the call is about: the id the fake assigned (sends), or the decoded `:activityId` of the
   * route (updates and deletes).
   */
  activityId: string | undefined;
  /** For `replyToActivity`: the decoded `:activityId` of the route, the activity being replied to. */
  replyToId: string | undefined;
  /** The parsed JSON body, when there was one. */
  body: Record<string, unknown> | undefined;
  headers: IncomingHttpHeaders;
  /** What the fake answered. */
  status: number;
}

/** A scripted refusal: the next matching call(s) get this status and a Bot Framework `ErrorResponse`. */
export interface ConnectorFailure {
  /** Only calls of this operation fail. @default every operation */
  operation?: ConnectorOperation;
  /** The HTTP status to answer with. */
  status: number;
  /** `error.code` of the `ErrorResponse` body. @default 'ServiceError' */
  code?: string;
  /** `error.message` of the `ErrorResponse` body. @default 'scripted failure' */
  message?: string;
  /** How many matching calls fail. @default 1 */
  times?: number;
}

/** An activity the fake connector holds in one conversation, as the channel would show it. */
export interface StoredActivity {
  id: string;
  activity: Record<string, unknown>;
  /** How many times the bot updated it. */
  updates: number;
}

export interface FakeBotConnectorOptions {
  /** Prefix of the activity ids the fake assigns (`<prefix>1`, `<prefix>2`, ...). @default 'srv-' */
  idPrefix?: string;
}

/** A fake Bot Framework Connector (the service a bot's replies go to), running on 127.0.0.1. */
export interface FakeBotConnector {
  /** The base URL to use as an activity's `serviceUrl`: `http://127.0.0.1:<port>/`. */
  readonly serviceUrl: string;
  /** Every call, in arrival order. */
  readonly calls: ConnectorCall[];
  /** The calls of one operation. */
  callsOf(operation: ConnectorOperation): ConnectorCall[];
  /** The activities a conversation shows now: sends, with updates applied and deletes removed. */
  conversation(conversationId: string): StoredActivity[];
  /** Makes the next matching call(s) fail. Failures are consumed in the order they were scripted. */
  fail(failure: ConnectorFailure): void;
  /** Resolves once `count` calls (matching `filter`) have arrived. */
  waitFor(
    count: number,
    options?: { filter?: (call: ConnectorCall) => boolean; timeoutMs?: number },
  ): Promise<ConnectorCall[]>;
  close(): Promise<void>;
}

interface Route {
  operation: ConnectorOperation;
  conversationId: string | undefined;
  activityId: string | undefined;
}

const CONVERSATIONS = /^\/v3\/conversations\/?$/;
const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities\/?$/;
const ACTIVITY = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)\/?$/;

function decode(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function route(method: string, path: string): Route {
  if (method === 'POST' && CONVERSATIONS.test(path)) {
    return { operation: 'createConversation', conversationId: undefined, activityId: undefined };
  }
  const activities = ACTIVITIES.exec(path);
  if (activities && method === 'POST') {
    return { operation: 'sendToConversation', conversationId: decode(activities[1]), activityId: undefined };
  }
  const activity = ACTIVITY.exec(path);
  if (activity) {
    const conversationId = decode(activity[1]);
    const activityId = decode(activity[2]);
    if (method === 'POST') return { operation: 'replyToActivity', conversationId, activityId };
    if (method === 'PUT') return { operation: 'updateActivity', conversationId, activityId };
    if (method === 'DELETE') return { operation: 'deleteActivity', conversationId, activityId };
  }
  return { operation: 'unknown', conversationId: undefined, activityId: undefined };
}

function parseBody(raw: string): Record<string, unknown> | undefined {
  if (raw === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function answer(response: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    response.writeHead(status);
    response.end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/**
 * Starts a fake Bot Framework Connector on 127.0.0.1, port 0. It speaks the v3 REST routes a botbuilder
 * `ConnectorClient` calls for replies (`POST /v3/conversations/:conversationId/activities[/:activityId]`),
 * edits (`PUT …/activities/:activityId`), deletes (`DELETE …/activities/:activityId`) and new conversations
 * (`POST /v3/conversations`), answers each with the ids a channel would return, records every call and can be
 * scripted to refuse calls. Use its `serviceUrl` as the `serviceUrl` of the activities you post to a bot.
 *
 * @example
 * ```ts
 * const connector = await createFakeBotConnector();
 * const host = await startBotHost(async (context) => { await context.sendActivity('hi'); });
 * await host.post(createUserActivity(connector.serviceUrl, { text: 'hello' }));
 * connector.callsOf('replyToActivity'); // [{ activityId: 'srv-1', body: { text: 'hi', ... }, ... }]
 * ```
 */
export async function createFakeBotConnector(
  options: FakeBotConnectorOptions = {},
): Promise<FakeBotConnector> {
  const idPrefix = options.idPrefix ?? 'srv-';
  const calls: ConnectorCall[] = [];
  const failures: (ConnectorFailure & { remaining: number })[] = [];
  const conversations = new Map<string, StoredActivity[]>();
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  let nextActivity = 0;
  let nextConversation = 0;
  let serviceUrl = '';

  const store = (conversationId: string): StoredActivity[] => {
    let activities = conversations.get(conversationId);
    if (!activities) {
      activities = [];
      conversations.set(conversationId, activities);
    }
    return activities;
  };

  const scriptedFailure = (operation: ConnectorOperation): ConnectorFailure | undefined => {
    const index = failures.findIndex(
      (failure) => failure.operation === undefined || failure.operation === operation,
    );
    if (index === -1) return undefined;
    const failure = failures[index] as ConnectorFailure & { remaining: number };
    failure.remaining -= 1;
    if (failure.remaining <= 0) failures.splice(index, 1);
    return failure;
  };

  const handle = (target: Route, body: Record<string, unknown> | undefined, call: ConnectorCall) => {
    const { operation, conversationId, activityId } = target;
    const failure = operation === 'unknown' ? undefined : scriptedFailure(operation);
    if (failure) {
      return {
        status: failure.status,
        body: {
          error: { code: failure.code ?? 'ServiceError', message: failure.message ?? 'scripted failure' },
        },
      };
    }
    switch (operation) {
      case 'createConversation': {
        nextConversation += 1;
        const id = `new-conversation-${nextConversation}`;
        call.conversationId = id;
        const initial = body?.activity;
        if (typeof initial === 'object' && initial !== null) {
          nextActivity += 1;
          const newId = `${idPrefix}${nextActivity}`;
          call.activityId = newId;
          store(id).push({
            id: newId,
            activity: { ...(initial as Record<string, unknown>), id: newId },
            updates: 0,
          });
          return { status: 200, body: { id, activityId: newId, serviceUrl } };
        }
        return { status: 200, body: { id } };
      }
      case 'sendToConversation':
      case 'replyToActivity': {
        nextActivity += 1;
        const newId = `${idPrefix}${nextActivity}`;
        call.activityId = newId;
        if (operation === 'replyToActivity') call.replyToId = activityId;
        store(conversationId ?? '').push({ id: newId, activity: { ...body, id: newId }, updates: 0 });
        return { status: 200, body: { id: newId } };
      }
      case 'updateActivity': {
        const stored = store(conversationId ?? '').find((entry) => entry.id === activityId);
        if (!stored)
          return { status: 404, body: { error: { code: 'NotFound', message: 'no such activity' } } };
        stored.activity = { ...body, id: stored.id };
        stored.updates += 1;
        return { status: 200, body: { id: stored.id } };
      }
      case 'deleteActivity': {
        const activities = store(conversationId ?? '');
        const index = activities.findIndex((entry) => entry.id === activityId);
        if (index === -1)
          return { status: 404, body: { error: { code: 'NotFound', message: 'no such activity' } } };
        activities.splice(index, 1);
        return { status: 200, body: undefined };
      }
      default:
        return {
          status: 404,
          body: { error: { code: 'NotFound', message: `no route for ${call.method} ${call.path}` } },
        };
    }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', () => undefined);
    request.on('end', () => {
      const method = request.method ?? 'GET';
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      const body = parseBody(Buffer.concat(chunks).toString('utf8'));
      const target = route(method, path);
      const call: ConnectorCall = {
        operation: target.operation,
        method,
        path,
        conversationId: target.conversationId,
        activityId: target.operation === 'replyToActivity' ? undefined : target.activityId,
        replyToId: undefined,
        body,
        headers: request.headers,
        status: 0,
      };
      const result = handle(target, body, call);
      call.status = result.status;
      calls.push(call);
      answer(response, result.status, result.body);
      for (const wake of [...waiters]) wake();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  serviceUrl = `http://127.0.0.1:${port}/`;

  return {
    serviceUrl,
    calls,
    callsOf: (operation) => calls.filter((call) => call.operation === operation),
    conversation: (conversationId) =>
      (conversations.get(conversationId) ?? []).map((entry) => ({ ...entry })),
    fail: (failure) => {
      failures.push({ ...failure, remaining: failure.times ?? 1 });
    },
    waitFor: (count, waitOptions = {}) => {
      const matching = (): ConnectorCall[] => calls.filter(waitOptions.filter ?? (() => true));
      return new Promise((resolve, reject) => {
        const wake = (): void => {
          const found = matching();
          if (found.length < count) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`waited for ${count} connector call(s), got ${matching().length}`));
        }, waitOptions.timeoutMs ?? 10_000);
        waiters.add(wake);
        wake();
      });
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
