import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Slack on 127.0.0.1 with just what this example's app uses, so you can try it without a workspace: the Web API
 * methods it calls (`auth.test`, `chat.postMessage`, `chat.update`, `chat.delete`; any other method answers
 * `ok: true`), a sink for `response_url`s, and signed deliveries of Ada's messages, slash commands and button
 * presses to the app's HTTP endpoint. One user, Ada, in one DM. It is a stand-in for trying the app, nothing more.
 */
export interface LocalSlack {
  readonly botToken: string;
  readonly signingSecret: string;
  /** What to give Bolt as `clientOptions.slackApiUrl` (`SLACK_API_URL`). */
  readonly apiUrl: string;
  /** Where the app listens (`http://127.0.0.1:<PORT>/slack/events`): Ada's messages are delivered there. */
  deliverTo(appUrl: string): void;
  /** Ada writes `text` in her DM with the app; resolves with the app's HTTP answer. */
  userSends(text: string): Promise<number>;
  /** Ada types a slash command (`/order`); resolves with the app's HTTP answer body (its `ack`). */
  userCommands(command: string, text?: string): Promise<string>;
  /** Ada presses the button with `actionId` on the app's last message that had buttons. */
  userPresses(actionId: string): Promise<number>;
  /** Calls `listener` with every Web API call and `response_url` post, after it is answered. */
  onCall(listener: (method: string, params: Record<string, unknown>) => void): void;
  close(): Promise<void>;
}

const TEAM = 'T0LOCAL';
const BOT = { userId: 'U0LOCALBOT', botId: 'B0LOCALBOT', appId: 'A0LOCAL', name: 'shopbot' };
const ADA = { id: 'U0ADA', name: 'ada' };
const DM = 'D0ADA';

type Json = Record<string, unknown>;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** What @slack/web-api sends: a form whose nested values (`blocks`) are JSON. */
function parseForm(body: string): Json {
  const params: Json = {};
  for (const [name, value] of new URLSearchParams(body)) {
    try {
      params[name] = name === 'blocks' || name === 'attachments' ? JSON.parse(value) : value;
    } catch {
      params[name] = value;
    }
  }
  return params;
}

/** Starts the local Slack; `appUrl` is where the app listens, if known yet (see `deliverTo`). */
export async function startLocalSlack(appUrl = ''): Promise<LocalSlack> {
  let target = appUrl;
  const botToken = `xoxb-local-${randomBytes(8).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const listeners: ((method: string, params: Json) => void)[] = [];
  let counter = 0;
  let lastButtons: { ts: string; blocks: unknown } | undefined;
  const ts = (): string => {
    counter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(counter).padStart(6, '0')}`;
  };
  const notify = (method: string, params: Json): void => {
    for (const listener of listeners) listener(method, params);
  };

  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const answer = (value: Json): void => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (url.pathname.startsWith('/response/')) {
        const params = JSON.parse(body || '{}') as Json;
        answer({ ok: true });
        notify('response_url', params);
        return;
      }
      const method = url.pathname.replace(/^\/api\//, '');
      const params = parseForm(body);
      if (request.headers.authorization !== `Bearer ${botToken}`)
        return answer({ ok: false, error: 'invalid_auth' });
      let result: Json = {};
      if (method === 'auth.test') {
        result = { team_id: TEAM, user_id: BOT.userId, bot_id: BOT.botId, user: BOT.name, team: 'Local' };
      } else if (method === 'chat.postMessage') {
        const message = {
          type: 'message',
          user: BOT.userId,
          bot_id: BOT.botId,
          ts: ts(),
          text: params.text,
          blocks: params.blocks,
        };
        result = { channel: params.channel, ts: message.ts, message };
        if (Array.isArray(params.blocks) && JSON.stringify(params.blocks).includes('"button"'))
          lastButtons = { ts: message.ts, blocks: params.blocks };
      } else if (method === 'chat.update' || method === 'chat.delete') {
        result = { channel: params.channel, ts: params.ts };
      }
      answer({ ok: true, ...result });
      notify(method, params);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const deliver = async (raw: string, contentType: string): Promise<Response> => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${raw}`).digest('hex')}`;
    if (target === '') throw new Error('the local Slack does not know where the app listens yet (deliverTo)');
    return fetch(target, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
      },
      body: raw,
    });
  };
  const responseUrl = (): string => `${origin}/response/${randomBytes(6).toString('hex')}`;

  return {
    botToken,
    signingSecret,
    apiUrl: `${origin}/api/`,
    deliverTo: (url) => {
      target = url;
    },
    userSends: async (text) => {
      const at = ts();
      const event = {
        type: 'message',
        user: ADA.id,
        text,
        ts: at,
        channel: DM,
        event_ts: at,
        channel_type: 'im',
      };
      const body = {
        team_id: TEAM,
        api_app_id: BOT.appId,
        type: 'event_callback',
        event_id: `Ev${counter}`,
        event_time: Math.floor(Date.now() / 1000),
        event,
      };
      return (await deliver(JSON.stringify(body), 'application/json')).status;
    },
    userCommands: async (command, text = '') => {
      const form = new URLSearchParams({
        team_id: TEAM,
        channel_id: DM,
        channel_name: 'directmessage',
        user_id: ADA.id,
        user_name: ADA.name,
        command,
        text,
        api_app_id: BOT.appId,
        response_url: responseUrl(),
        trigger_id: `${counter}.local`,
      });
      return (await deliver(form.toString(), 'application/x-www-form-urlencoded')).text();
    },
    userPresses: async (actionId) => {
      const payload = {
        type: 'block_actions',
        user: { id: ADA.id, username: ADA.name, team_id: TEAM },
        api_app_id: BOT.appId,
        team: { id: TEAM, domain: 'local' },
        channel: { id: DM, name: 'directmessage' },
        container: { type: 'message', message_ts: lastButtons?.ts ?? ts(), channel_id: DM },
        message: { type: 'message', user: BOT.userId, ts: lastButtons?.ts, blocks: lastButtons?.blocks },
        response_url: responseUrl(),
        trigger_id: `${counter}.local`,
        actions: [
          {
            type: 'button',
            action_id: actionId,
            block_id: 'b',
            value: actionId.split(':')[1] ?? actionId,
            text: { type: 'plain_text', text: actionId },
          },
        ],
      };
      return (
        await deliver(
          new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
          'application/x-www-form-urlencoded',
        )
      ).status;
    },
    onCall: (listener) => {
      listeners.push(listener);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
