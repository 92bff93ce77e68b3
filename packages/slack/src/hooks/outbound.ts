import type { Account } from '@bothooks/core';
import { type CallOutcome, OPERATION_EVENT_TYPES, patchMethod } from '@bothooks/core/adapter';
import type { webApi } from '@slack/bolt';
import {
  type CallScope,
  mapApiCall,
  mapFailedCall,
  type OutboundEvent,
  streamText,
  targetChannel,
} from '../mapping/api-call';
import { failureFacts } from '../mapping/failure';
import { record, text } from '../mapping/fields';
import {
  callKind,
  clientPath,
  isStreamMethod,
  MESSAGE_METHODS,
  type MessageMethod,
} from '../mapping/methods';
import { mapAck, mapRespond } from '../mapping/respond';
import type { AdapterState, SlackTurn } from './state';

type WebClient = webApi.WebClient;
type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;
type Operation = keyof typeof OPERATION_EVENT_TYPES;

/** The outbound half: every `WebClient` Bolt hands out, `respond()` and `ack()`. */
export interface Outbound {
  /**
   * Watches a client's message calls. `lasting` clients (`app.client`, the per-workspace pool) are restored on
   * detach; a client made for one function execution only becomes a pass-through.
   */
  watchClient(client: WebClient, lasting: boolean): void;
  /** `app.fetchFn` as Bolt's `respond()` uses it: posts to a turn's `response_url` are its messages. */
  watchFetch(original: typeof fetch): typeof fetch;
  /** The `ack` of one delivery: a slash command's acknowledgement body is the bot's answer. */
  watchAck(ack: AnyFunction, turn: SlackTurn): AnyFunction;
}

export function createOutbound(state: AdapterState): Outbound {
  const { attachment, memory } = state;
  const { publisher } = attachment;
  const watched = new WeakSet<WebClient>();

  const wants = (operation: Operation | undefined): boolean =>
    operation !== undefined &&
    (publisher.wants(OPERATION_EVENT_TYPES[operation]) || publisher.wants('message.failed'));

  const publish = (event: OutboundEvent | undefined, turn: SlackTurn | undefined): void => {
    if (event) publisher.publish(event.type, event.data, { turn });
  };

  /** The bot, conversation and person of a call, from its turn or from what earlier events said. */
  const scopeOf = (
    turn: SlackTurn | undefined,
    channelId: string | undefined,
    client: WebClient | undefined,
    result: unknown,
  ): CallScope => {
    const message = record(record(result)?.message);
    const author = text(message?.user);
    // Bolt gives each workspace's pooled client its `teamId` (a private field of WebClient).
    const teamId =
      text((client as { teamId?: unknown } | undefined)?.teamId) ?? turn?.facts.body.scope.teamId;
    const botName = text(record(message?.bot_profile)?.name);
    if (author !== undefined && botName !== undefined) memory.learnBotName(teamId, author, botName);
    const bot: Account = turn?.facts.bot ??
      memory.bot(teamId) ?? { id: author ?? 'unknown', ...(botName !== undefined && { name: botName }) };
    const sameChannel = channelId !== undefined && turn?.facts.body.channel?.id === channelId;
    const { threadTs: _thread, ...workspace } = turn?.facts.body.scope ?? {};
    return {
      bot,
      channel: channelId !== undefined ? memory.channels.get(channelId) : undefined,
      scope: turn ? workspace : { ...memory.lastWorkspace(), ...(teamId !== undefined && { teamId }) },
      user: sameChannel
        ? turn?.facts.body.user
        : channelId !== undefined
          ? memory.dmUsers.get(channelId)
          : undefined,
    };
  };

  /**
   * A stream call with the text it stands for: all of the stream's markdown when it stops, what it starts with
   * when it starts; undefined for an append, which only adds to what the stop reports.
   */
  const streamCall = (method: string, params: unknown, outcome: CallOutcome<unknown>): unknown => {
    const input = record(params) ?? {};
    const chunk = streamText(input);
    if (!outcome.ok) return { ...input, text: chunk };
    const ts = method === 'chat.startStream' ? text(record(outcome.value)?.ts) : text(input.ts);
    const key = `${targetChannel(method, input, outcome.value)}/${ts}`;
    if (method === 'chat.startStream') {
      memory.streams.set(key, { text: chunk, threadTs: input.thread_ts });
      return { ...input, text: chunk };
    }
    const stream = memory.streams.get(key);
    const sofar = `${stream?.text ?? ''}${chunk}`;
    if (method === 'chat.appendStream') {
      memory.streams.set(key, { text: sofar, threadTs: stream?.threadTs });
      return undefined;
    }
    memory.streams.delete(key);
    // The stop names no thread: the stream's start did.
    return { ...input, text: sofar, ...(stream?.threadTs !== undefined && { thread_ts: stream.threadTs }) };
  };

  const reportCall = (
    method: string,
    callArguments: unknown,
    outcome: CallOutcome<unknown>,
    turn: SlackTurn | undefined,
    client: WebClient,
  ): void => {
    const params = isStreamMethod(method) ? streamCall(method, callArguments, outcome) : callArguments;
    // An append only adds to what the stream's stop reports.
    if (params === undefined) return;
    const result = outcome.ok ? outcome.value : undefined;
    const scope = scopeOf(turn, targetChannel(method, params, result), client, result);
    if (outcome.ok) {
      publish(mapApiCall(method, params, result, scope), turn);
      return;
    }
    const kind = callKind(method);
    if (!kind || !publisher.wants('message.failed')) return;
    const failure = attachment.describeFailure(kind, outcome.error, failureFacts(outcome.error));
    publish(mapFailedCall(method, params, failure, scope), turn);
  };

  /** Wraps one call of a message method: the bot gets the very promise outcome web-api gave. */
  const observeCall = (method: string, params: unknown, call: unknown, client: WebClient): unknown => {
    if (!attachment.active || !wants(callKind(method)) || !(call instanceof Promise)) return call;
    const turn = attachment.currentTurn();
    return attachment.observe(call, (outcome) => reportCall(method, params, outcome, turn, client));
  };

  const watchClient = (client: WebClient, lasting: boolean): void => {
    if (watched.has(client)) return;
    watched.add(client);
    memory.rememberToken(client.token);
    const patch = <TTarget extends object>(
      target: TTarget,
      name: string,
      wrap: (original: AnyFunction) => AnyFunction,
    ) => {
      const method = name as never;
      if (lasting) attachment.patch(target, method, wrap as never);
      else patchMethod(target, method, wrap as never);
    };
    // Every method of a WebClient is a copy of `apiCall` bound when the client was built
    // (@slack/web-api methods.js), so the message methods are watched one by one, and `apiCall` for direct calls.
    for (const method of Object.keys(MESSAGE_METHODS) as MessageMethod[]) {
      const [group, name] = clientPath(method);
      const holder = (client as unknown as Record<string, Record<string, unknown> | undefined>)[group];
      if (typeof holder?.[name] !== 'function') continue;
      patch(
        holder,
        name,
        (original) =>
          function (this: unknown, ...args: unknown[]) {
            return observeCall(method, args[0], Reflect.apply(original, this, args), client);
          },
      );
    }
    patch(
      client,
      'apiCall',
      (original) =>
        function (this: unknown, ...args: unknown[]) {
          return observeCall(String(args[0]), args[1], Reflect.apply(original, this, args), client);
        },
    );
  };

  const respondFailure = (status: number) =>
    Object.assign(new Error(`the response_url answered HTTP ${status}`), { status });

  const watchFetch = (original: typeof fetch): typeof fetch =>
    function (this: unknown, ...args: Parameters<typeof fetch>) {
      const call = Reflect.apply(original, this, args) as ReturnType<typeof fetch>;
      const [input, init] = args;
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const turn = attachment.active ? state.responseTurns.get(url) : undefined;
      if (!turn) return call;
      let payload: unknown;
      try {
        payload = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      } catch {
        payload = undefined;
      }
      const event = (): OutboundEvent | undefined =>
        mapRespond(payload, turn.facts.body, turn.facts.bot ?? { id: 'unknown' });
      return attachment.observe(call, (outcome) => {
        const refused = outcome.ok && !outcome.value.ok ? respondFailure(outcome.value.status) : undefined;
        const mapped = event();
        if (!mapped) return;
        if (outcome.ok && !refused) {
          publish(mapped, turn);
          return;
        }
        if (!publisher.wants('message.failed')) return;
        const operation =
          mapped.type === 'message.deleted' ? 'delete' : mapped.type === 'message.edited' ? 'edit' : 'send';
        const error = refused ?? (outcome.ok ? undefined : outcome.error);
        const failure = attachment.describeFailure(operation, error, failureFacts(error));
        publish({ type: 'message.failed', data: { ...mapped.data, error: failure } }, turn);
      });
    } as typeof fetch;

  const watchAck = (ack: AnyFunction, turn: SlackTurn): AnyFunction =>
    function (this: unknown, ...args: unknown[]) {
      const call = Reflect.apply(ack, this, args);
      if (!attachment.active || turn.facts.body.kind !== 'command' || !(call instanceof Promise)) return call;
      return attachment.observe(call, (outcome) => {
        const mapped = mapAck(args[0], turn.facts.body, turn.facts.bot ?? { id: 'unknown' });
        if (!mapped) return;
        if (outcome.ok) {
          publish(mapped, turn);
          return;
        }
        if (!publisher.wants('message.failed')) return;
        const failure = attachment.describeFailure('send', outcome.error, failureFacts(outcome.error));
        publish({ type: 'message.failed', data: { ...mapped.data, error: failure } }, turn);
      });
    };

  return { watchClient, watchFetch, watchAck };
}
