import { describe, expect, it } from 'vitest';
import {
  createAdapterAttachment,
  JsonApiRenderError,
  type JsonApiRenderer,
  resolveJsonApiOptions,
  runJsonApi,
} from '../../src/adapter/index';
import { type BotReply, ConfigError, type MessageEventData } from '../../src/index';
import { message, receiver, SECRET, webhooks } from '../helpers';

interface Conversation {
  id: string;
  text: string;
  shown: string[];
}

const data = (conversation: Conversation): MessageEventData =>
  message(conversation.text, conversation.id).data;

/** What an adapter's renderer does, in a conversation kept in memory: the kit's part is under test here. */
function renderer(overrides: Partial<JsonApiRenderer<Conversation>> = {}): JsonApiRenderer<Conversation> {
  return {
    describe: data,
    render: async (conversation, reply: BotReply) => {
      for (const entry of reply.messages) conversation.shown.push(entry.text ?? '(card)');
    },
    sendText: async (conversation, text) => {
      conversation.shown.push(`error: ${text}`);
    },
    ...overrides,
  };
}

async function setup(answer: { status: number; body?: string }) {
  const target = await receiver();
  target.setDefault({ headers: { 'content-type': 'application/json' }, ...answer });
  const { hooks, of } = webhooks({
    endpoints: [{ id: 'quotes', url: target.url(), secret: SECRET, events: ['jsonapi.request'] }],
  });
  return { target, hooks, of };
}

describe('runJsonApi', () => {
  it('sends the turn, hands the attributes over, and shows the reply', async () => {
    const { target, hooks } = await setup({
      status: 200,
      body: JSON.stringify({
        messages: [{ text: 'first' }, { text: 'second' }],
        attributes: { orderId: '42' },
      }),
    });
    const conversation: Conversation = { id: '7', text: 'my order?', shown: [] };
    const remembered: unknown[] = [];
    const options = resolveJsonApiOptions<Conversation>(hooks, 'quotes', {
      onAttributes: (attributes: Record<string, unknown>, context: Conversation) =>
        void remembered.push([attributes, context.id]),
    });
    expect(await runJsonApi(hooks, 'quotes', options, conversation, renderer(), 'test')).toBe(true);
    expect(conversation.shown).toEqual(['first', 'second']);
    expect(remembered).toEqual([[{ orderId: '42' }, '7']]);
    expect(target.requests[0]?.json()).toMatchObject({
      type: 'jsonapi.request',
      data: { conversation: { id: '7' }, message: { text: 'my order?' } },
    });
  });

  it("takes the observed turn's inbound message, with its interaction and attributes", async () => {
    const { target, hooks } = await setup({ status: 200, body: '{"messages": []}' });
    const conversation: Conversation = { id: '9', text: 'quote', shown: [] };
    const attachment = createAdapterAttachment<Conversation>({ adapter: 'test', hooks, options: {} });
    const turn = attachment?.beginTurn(conversation, undefined);
    if (!turn || !attachment) throw new Error('no turn');
    attachment.publisher.publish(
      'message.received',
      { ...data(conversation), attributes: { tier: 'gold' } },
      { turn },
    );
    turn.tag('order');
    const options = resolveJsonApiOptions<Conversation>(hooks, 'quotes', {});
    await attachment.runInTurn(turn, () =>
      runJsonApi(hooks, 'quotes', options, conversation, renderer({ describe: () => undefined }), 'test'),
    );
    expect(target.requests[0]?.json()).toMatchObject({
      type: 'jsonapi.request',
      data: { interaction: 'order', attributes: { tier: 'gold' }, message: { text: 'quote' } },
    });
  });

  it.each([
    ['a 500', { status: 500 }],
    ['an invalid reply', { status: 200, body: '{"messages": 3}' }],
  ])('sends the error response after %s, and reports the failed request', async (_, answer) => {
    const { hooks, of } = await setup(answer);
    const conversation: Conversation = { id: '1', text: 'hi', shown: [] };
    const options = resolveJsonApiOptions<Conversation>(hooks, 'quotes', {
      errorResponse: 'Sorry, try again.',
    });
    expect(await runJsonApi(hooks, 'quotes', options, conversation, renderer(), 'test')).toBe(false);
    expect(conversation.shown).toEqual(['error: Sorry, try again.']);
    expect(of('request')).toEqual([expect.objectContaining({ outcome: 'failed' })]);
  });

  it('sends nothing without an error response, and reports an unrenderable reply', async () => {
    const { hooks, of } = await setup({ status: 200, body: '{"messages": [{"text": "x"}]}' });
    const conversation: Conversation = { id: '1', text: 'hi', shown: [] };
    const refuse = renderer({
      render: async () => {
        throw new JsonApiRenderError('7 quick replies; Discord shows at most 5 buttons per row');
      },
    });
    const options = resolveJsonApiOptions<Conversation>(hooks, 'quotes', {});
    expect(await runJsonApi(hooks, 'quotes', options, conversation, refuse, 'test')).toBe(false);
    expect(conversation.shown).toEqual([]);
    expect(of('error')).toEqual([
      expect.objectContaining({
        code: 'JSON_API_UNRENDERABLE',
        source: 'test',
        message: expect.stringContaining('5'),
      }),
    ]);
  });

  it('never throws: a renderer, a callback or an error response that throws is reported', async () => {
    const { hooks, of } = await setup({
      status: 200,
      body: '{"messages": [{"text": "x"}], "attributes": {"a": 1}}',
    });
    const broken = renderer({
      render: async () => {
        throw new Error('platform refused');
      },
      sendText: async () => {
        throw new Error('platform refused again');
      },
    });
    const options = resolveJsonApiOptions<Conversation>(hooks, 'quotes', {
      errorResponse: 'Sorry',
      onAttributes: () => Promise.reject(new Error('store down')),
    });
    await expect(
      runJsonApi(hooks, 'quotes', options, { id: '1', text: 'hi', shown: [] }, broken, 'test'),
    ).resolves.toBe(false);
    expect(of('error').map((report) => report.code)).toEqual([
      'ATTRIBUTES_CALLBACK_FAILED',
      'JSON_API_RENDER_FAILED',
      'JSON_API_RENDER_FAILED',
    ]);
  });

  it('reports a turn with no message to send', async () => {
    const { target, hooks, of } = await setup({ status: 200, body: '{"messages": []}' });
    const options = resolveJsonApiOptions<Conversation>(hooks, 'quotes', {});
    const nothing = renderer({ describe: () => undefined });
    expect(
      await runJsonApi(hooks, 'quotes', options, { id: '1', text: '', shown: [] }, nothing, 'test'),
    ).toBe(false);
    expect(of('error')).toEqual([expect.objectContaining({ code: 'JSON_API_NO_MESSAGE' })]);
    expect(target.requests).toHaveLength(0);
  });

  it.each([
    [[{}, 'quotes', { errorRespons: 'x' }], 'errorRespons'],
    [[{}, 'quotes', { method: 'PUT' }], 'method'],
    [[{}, 'quotes', { timeoutMs: 0 }], 'timeoutMs'],
    [[{}, 'quotes', { onAttributes: 'no' }], 'onAttributes'],
    [[{}, '', {}], 'endpoint'],
    [[undefined, 'quotes', {}], 'hooks'],
  ])('refuses %j at once with a ConfigError naming %s', async (args, field) => {
    const { hooks } = webhooks({});
    const [maybeHooks, endpoint, options] = args as [unknown, unknown, unknown];
    const given = maybeHooks === undefined ? undefined : hooks;
    expect(() => resolveJsonApiOptions(given, endpoint, options)).toThrow(ConfigError);
    try {
      resolveJsonApiOptions(given, endpoint, options);
    } catch (error) {
      expect((error as ConfigError).field).toBe(field);
    }
  });
});
