import express from 'express';
import { describe, expect, it } from 'vitest';
import type { WebhookEvent } from '../src/event';
import { webhookHandler } from '../src/handler';
import { listen, postSigned } from './servers';
import { jsonApiQuery, messageEvent, OTHER_SECRET, SECRET, signedHeaders } from './signing';

// A real Express 5 app on a real port.

describe('webhookHandler in Express 5', () => {
  it('reads the raw body itself when no parser runs', async () => {
    const received: WebhookEvent[] = [];
    const app = express();
    app.post(
      '/bot-events',
      webhookHandler({ secret: SECRET, onEvent: (event) => void received.push(event) }),
    );
    const origin = await listen(app);
    const response = await postSigned(`${origin}/bot-events`);
    expect(response.status).toBe(204);
    expect(received).toEqual([messageEvent()]);
  });

  it('uses the Buffer express.raw() leaves', async () => {
    const received: WebhookEvent[] = [];
    const app = express();
    app.post(
      '/bot-events',
      express.raw({ type: 'application/json' }),
      webhookHandler({ secret: SECRET, onEvent: (event) => void received.push(event) }),
    );
    const origin = await listen(app);
    const response = await postSigned(`${origin}/bot-events`);
    expect(response.status).toBe(204);
    expect(received).toHaveLength(1);
  });

  it('answers 500 PAYLOAD_NOT_RAW, saying what to change, behind express.json()', async () => {
    const errors: unknown[] = [];
    const app = express();
    app.use(express.json());
    app.post(
      '/bot-events',
      webhookHandler({
        secret: SECRET,
        onEvent: () => undefined,
        onError: (error) => void errors.push(error),
      }),
    );
    const origin = await listen(app);
    const response = await postSigned(`${origin}/bot-events`);
    expect(response.status).toBe(500);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('PAYLOAD_NOT_RAW');
    expect(error.message).toContain('express.json()');
    expect(errors).toHaveLength(1);
  });

  it('answers 401 to a forged request', async () => {
    const app = express();
    app.post(
      '/bot-events',
      webhookHandler({ secret: SECRET, onEvent: () => undefined, onError: () => undefined }),
    );
    const origin = await listen(app);
    const response = await postSigned(`${origin}/bot-events`, { secret: OTHER_SECRET });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NO_MATCHING_SIGNATURE');
  });

  it('verifies a GET under a mounted router by the original URL', async () => {
    const router = express.Router();
    router.get(
      '/quotes',
      webhookHandler({
        secret: SECRET,
        onEvent: (event) =>
          event.type === 'jsonapi.request'
            ? { messages: [{ text: event.data.user?.name ?? '' }] }
            : undefined,
      }),
    );
    const app = express();
    app.use('/api', router);
    const origin = await listen(app);
    const query = jsonApiQuery();
    const response = await fetch(`${origin}/api/quotes?${query}`, { headers: signedHeaders(query) });
    expect(await response.json()).toEqual({ messages: [{ text: 'Ada Lovelace' }] });
  });

  it('passes an error of onEvent to Express, which answers 500', async () => {
    const caught: unknown[] = [];
    const app = express();
    app.post(
      '/bot-events',
      webhookHandler({
        secret: SECRET,
        onEvent: () => {
          throw new Error('handler bug');
        },
      }),
    );
    app.use(
      (
        error: unknown,
        _request: express.Request,
        response: express.Response,
        _next: express.NextFunction,
      ) => {
        caught.push(error);
        response.status(500).json({ failed: true });
      },
    );
    const origin = await listen(app);
    const response = await postSigned(`${origin}/bot-events`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ failed: true });
    expect((caught[0] as Error).message).toBe('handler bug');
  });
});
