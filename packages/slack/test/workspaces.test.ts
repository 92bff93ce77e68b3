import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhooks, generateSecret, type MessageEvent } from '@bothooks/core';
import { createReceiver } from '@bothooks/testkit';
import { createFakeSlack, FAKE_CHANNELS } from '@bothooks/testkit/slack';
import { App, type webApi } from '@slack/bolt';
import { expect, it, onTestFinished } from 'vitest';
import { attachWebhooks } from '../src/index';
import { quietLogger } from './harness';

it('keeps the workspaces of a multi-workspace app apart: each its bot, its pooled client, its team', async () => {
  const slack = await createFakeSlack({ enterpriseId: 'E0FAKEGRID' });
  const secret = generateSecret();
  const receiver = await createReceiver({ secret });
  const hooks = createWebhooks({ endpoints: [{ url: receiver.url('/all'), secret }], logger: false });
  // What an OAuth app's installation store gives: one bot user per workspace.
  const bots: Record<string, string> = { T0FAKETEAM: 'U0BOTONE', T0SECOND: 'U0BOTTWO' };
  const app = new App({
    signingSecret: slack.signingSecret,
    logger: quietLogger,
    processBeforeResponse: true,
    authorize: async ({ teamId }) => ({
      botToken: slack.botToken,
      botUserId: bots[teamId ?? ''],
      botId: 'B0FAKEBOT',
    }),
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });
  const clients = new Set<webApi.WebClient>();
  app.message(async ({ client, say }) => {
    clients.add(client);
    await say('hi');
  });
  attachWebhooks(app, hooks);
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  onTestFinished(async () => {
    await app.stop();
    await hooks.close({ timeoutMs: 1_000 });
    await receiver.close();
    await slack.close();
  });
  const first = slack.payloads.message('from the first workspace', { channel: FAKE_CHANNELS.general });
  const second = slack.payloads.message('from the second workspace', { channel: FAKE_CHANNELS.general });
  second.team_id = 'T0SECOND';
  second.authorizations = [
    { enterprise_id: 'E0FAKEGRID', team_id: 'T0SECOND', user_id: 'U0BOTTWO', is_bot: true },
  ];
  second.event = { ...second.event, team: 'T0SECOND' };
  await slack.deliver(url, first);
  await slack.deliver(url, second);
  await hooks.flush({ timeoutMs: 5_000 });
  const events = receiver.requests.map((request) => request.json<MessageEvent>().data);
  expect(
    events.map((data) => [
      data.direction,
      data.bot.id,
      data.conversation.teamId,
      data.conversation.enterpriseId,
    ]),
  ).toEqual([
    ['inbound', 'U0BOTONE', 'T0FAKETEAM', 'E0FAKEGRID'],
    ['outbound', 'U0BOTONE', 'T0FAKETEAM', 'E0FAKEGRID'],
    ['inbound', 'U0BOTTWO', 'T0SECOND', 'E0FAKEGRID'],
    ['outbound', 'U0BOTTWO', 'T0SECOND', 'E0FAKEGRID'],
  ]);
  // Bolt pools a client per workspace; both were watched.
  expect(clients.size).toBe(2);
});
