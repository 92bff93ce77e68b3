import { type FailureRule, Faults, type RateLimitRule } from './faults';
import { FakeGateway, type IdentifyRecord } from './gateway';
import { type ChannelPayload, copy, type MessagePayload, type UserPayload } from './payloads';
import { type EchoTiming, FakeRest, type RestRequest } from './rest';
import { type InteractionRecord, type UploadedFile, World } from './world';

export interface FakeDiscordOptions {
  /** The bot user's name. @default 'bothooks-test' */
  botName?: string;
  /**
   * The heartbeat interval announced in HELLO. discord.js waits a random part of it before its first
   * heartbeat, so a short one makes heartbeats observable in a test.
   * @default 41_250
   */
  heartbeatIntervalMs?: number;
  /** When the gateway echo of a REST send, edit or delete goes out. @default 'before-response' */
  echo?: EchoTiming;
}

/** A file a simulated user attaches. */
export interface UserUpload {
  filename: string;
  contentType?: string;
  /** @default the UTF-8 bytes of `filename` */
  bytes?: Buffer;
}

/** What a simulated user's message can carry. */
export interface UserMessageOptions {
  /** @default the guild's text channel */
  channelId?: string;
  /** @default the default user (`ada`) */
  author?: UserPayload;
  /** The id of the message this one replies to. */
  replyTo?: string;
  attachments?: UserUpload[];
  embeds?: Record<string, unknown>[];
}

export type CommandOptionValue = string | number | boolean;

export interface SlashCommandOptions {
  name: string;
  /** A subcommand, whose options are then `options`. */
  subcommand?: string;
  options?: Record<string, CommandOptionValue>;
  /** @default the guild's text channel */
  channelId?: string;
  /** @default the default user (`ada`) */
  user?: UserPayload;
  /** @default 'en-US' */
  locale?: string;
}

export interface ComponentOptions {
  /** The message the component is on (it must exist in the fake). */
  messageId: string;
  customId: string;
  /** @default the default user (`ada`) */
  user?: UserPayload;
}

/**
 * A button press: by `customId` (any, as a raw interaction), or by the `label` of a button the message really
 * shows, as a user clicks it (a link button cannot be pressed: it opens its URL and sends the bot nothing).
 */
export type ButtonPressOptions = Omit<ComponentOptions, 'customId'> &
  ({ customId: string; label?: never } | { label: string; customId?: never });

/**
 * A local Discord for tests: REST under `/api/v10` and a gateway on `ws`, both on 127.0.0.1. A real
 * discord.js `Client` logs in to it with `rest: { api: discord.api }` and the fake's `token`.
 */
export interface FakeDiscord {
  /** The token the fake accepts. */
  readonly token: string;
  /** For `new Client({ rest: { api } })`: `http://127.0.0.1:<port>/api`. */
  readonly api: string;
  /** `ws://127.0.0.1:<port>`, announced by `GET /gateway/bot`. */
  readonly gatewayUrl: string;
  readonly bot: UserPayload;
  readonly applicationId: string;
  readonly guild: { id: string; name: string };
  /** The guild text channel `#general`. */
  readonly textChannel: ChannelPayload;
  /** A public thread in `#general`. */
  readonly thread: ChannelPayload;
  /** The forum channel `#ideas`: `forum.threads.create({ name, message })` posts in it. */
  readonly forum: ChannelPayload;
  /** The default human user, `ada` (Ada Lovelace). */
  readonly user: UserPayload;
  /** A second human, `grace` (Grace Hopper). */
  readonly otherUser: UserPayload;
  /** Every REST request received, in order. */
  readonly requests: RestRequest[];
  /** Every IDENTIFY received. */
  readonly identifies: IdentifyRecord[];
  /** Heartbeats received and acknowledged. */
  readonly heartbeats: number;
  setEcho(timing: EchoTiming): void;
  /** Resolves once a client has identified and received READY and GUILD_CREATE. */
  waitForSession(): Promise<void>;
  /** The DM channel between the bot and a user (default `ada`), created on first use. */
  dmChannel(user?: UserPayload): ChannelPayload;
  addUser(username: string, globalName?: string | null): UserPayload;

  /** A user sends a message (in `#general` unless told otherwise); dispatches MESSAGE_CREATE. */
  userSends(content: string, options?: UserMessageOptions): MessagePayload;
  /** A user sends the bot a direct message; dispatches MESSAGE_CREATE in the DM channel. */
  userSendsDm(content: string, options?: Omit<UserMessageOptions, 'channelId'>): MessagePayload;
  /** A user edits their message; dispatches MESSAGE_UPDATE with the whole message. */
  userEdits(messageId: string, content: string): MessagePayload;
  /** Someone (a user, a moderator) deletes a message; dispatches MESSAGE_DELETE. */
  deleteMessage(messageId: string): void;
  /** A moderator bulk-deletes messages; dispatches MESSAGE_DELETE_BULK. */
  bulkDelete(channelId: string, messageIds: string[]): void;
  /** Stores a message without dispatching it: one sent before the bot connected, so never in its cache. */
  seedMessage(content: string, options?: UserMessageOptions): MessagePayload;
  /**
   * Another process with the bot's token (another shard, a REST-only worker) sends a message: the client
   * under test sees it only on the gateway.
   */
  botSendsElsewhere(
    content: string,
    options?: Pick<UserMessageOptions, 'channelId' | 'replyTo'>,
  ): MessagePayload;
  /** Another process with the bot's token edits one of the bot's messages. */
  botEditsElsewhere(messageId: string, content: string): MessagePayload;

  /** A user runs a slash command; dispatches INTERACTION_CREATE. */
  slashCommand(options: SlashCommandOptions): InteractionRecord;
  /** A user types in a slash command's option; dispatches its autocomplete INTERACTION_CREATE. */
  autocomplete(options: SlashCommandOptions & { focused: string }): InteractionRecord;
  /** A user presses a button on a message; dispatches INTERACTION_CREATE. */
  pressButton(options: ButtonPressOptions): InteractionRecord;
  /** The buttons a message shows, row by row, as Discord stores them (`label`, `custom_id` or `url`, `style`). */
  buttons(messageId: string): Record<string, unknown>[][];
  /** A user picks values in a string select menu; dispatches INTERACTION_CREATE. */
  selectMenu(options: ComponentOptions & { values: string[] }): InteractionRecord;
  interaction(id: string): InteractionRecord | undefined;

  /** The messages in a channel, oldest first. */
  messages(channelId: string): MessagePayload[];
  /** A message by id, wherever it is. */
  message(id: string): MessagePayload | undefined;

  /**
   * Dispatches any gateway event as is. discord.js emits `raw` for every dispatch, known or not, in the order
   * they arrive, so a test can dispatch a marker event and wait for its `raw` to know everything sent before
   * it has been handled.
   */
  dispatch(event: string, data: Record<string, unknown>): void;
  /** Scripts API errors (403 by default) for the next matching requests. */
  fail(rule: FailureRule): void;
  /** Scripts 429s, with rate-limit headers, for the next matching requests. */
  rateLimit(rule: RateLimitRule): void;
  /** Resolves with the first request (already received or not) that matches. */
  waitForRequest(
    predicate: (request: RestRequest) => boolean,
    options?: { timeoutMs?: number },
  ): Promise<RestRequest>;
  close(): Promise<void>;
}

const OPTION_TYPE = { string: 3, integer: 4, boolean: 5, number: 10, subcommand: 1 } as const;

function optionPayload(name: string, value: CommandOptionValue): Record<string, unknown> {
  const type =
    typeof value === 'string'
      ? OPTION_TYPE.string
      : typeof value === 'boolean'
        ? OPTION_TYPE.boolean
        : Number.isInteger(value)
          ? OPTION_TYPE.integer
          : OPTION_TYPE.number;
  return { name, type, value };
}

function uploadsOf(attachments: UserUpload[] | undefined): UploadedFile[] {
  return (attachments ?? []).map((upload, index) => ({
    field: `files[${index}]`,
    filename: upload.filename,
    contentType: upload.contentType,
    bytes: upload.bytes ?? Buffer.from(upload.filename),
  }));
}

/** Starts a fake Discord (REST and gateway) on loopback ports. */
export async function createFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  let echo: EchoTiming = options.echo ?? 'before-response';
  const requests: RestRequest[] = [];
  const requestWaiters = new Set<() => void>();
  const faults = new Faults();
  let rest: FakeRest | undefined;
  const world = new World({
    botName: options.botName ?? 'bothooks-test',
    cdnOrigin: () => `${rest?.origin ?? 'http://127.0.0.1'}/cdn`,
  });
  const token = `${Buffer.from(world.bot.id).toString('base64url')}.fake.bothooks-testkit-token`;
  const gateway = new FakeGateway({
    token,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    ready: () => ({
      v: 10,
      user: { ...copy(world.bot), verified: true, mfa_enabled: false, flags: 0 },
      guilds: [{ id: world.guild.id, unavailable: true }],
      application: { id: world.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ['local'],
      user_settings: {},
    }),
    guilds: () => [world.guildCreate()],
  });
  await gateway.start();
  rest = new FakeRest({
    world,
    gateway,
    faults,
    token,
    echo: () => echo,
    onRequest: (request) => {
      requests.push(request);
      for (const wake of [...requestWaiters]) wake();
    },
  });
  await rest.start();
  const origin = rest.origin;

  // Someone edits a message the fake holds: its author, or (for a bot's other process) the bot.
  const editAs = (
    messageId: string,
    content: string,
    editor: (message: MessagePayload) => string,
  ): MessagePayload => {
    const message = world.findMessage(messageId);
    if (!message) throw new Error(`the fake has no message ${messageId}`);
    const outcome = world.editMessage(
      message.channel_id,
      messageId,
      { json: { content }, files: [] },
      editor(message),
    );
    for (const event of outcome.dispatches) gateway.dispatch(event);
    return outcome.body;
  };

  const userMessage = (
    content: string,
    messageOptions: UserMessageOptions,
    dispatch: boolean,
  ): MessagePayload => {
    const channelId = messageOptions.channelId ?? world.textChannel.id;
    const outcome = world.createMessage(
      channelId,
      {
        json: {
          content,
          ...(messageOptions.replyTo && { message_reference: { message_id: messageOptions.replyTo } }),
          ...(messageOptions.embeds && { embeds: messageOptions.embeds }),
        },
        files: uploadsOf(messageOptions.attachments),
      },
      messageOptions.author ?? world.user,
    );
    if (dispatch) for (const event of outcome.dispatches) gateway.dispatch(event);
    return outcome.body;
  };

  const component = (
    componentOptions: ComponentOptions,
    data: Record<string, unknown>,
  ): InteractionRecord => {
    const source = world.findMessage(componentOptions.messageId);
    if (!source) throw new Error(`the fake has no message ${componentOptions.messageId}`);
    const { record, dispatch } = world.createInteraction({
      type: 3,
      channelId: source.channel_id,
      user: componentOptions.user ?? world.user,
      data: { custom_id: componentOptions.customId, ...data },
      sourceMessage: source,
    });
    gateway.dispatch(dispatch);
    return record;
  };

  const buttonRows = (messageId: string): Record<string, unknown>[][] => {
    const message = world.findMessage(messageId);
    if (!message) throw new Error(`the fake has no message ${messageId}`);
    return (message.components as { type?: unknown; components?: unknown }[])
      .filter((row) => row.type === 1 && Array.isArray(row.components))
      .map((row) => copy((row.components as Record<string, unknown>[]).filter((entry) => entry.type === 2)));
  };

  const labelledCustomId = (messageId: string, label: string): string => {
    const button = buttonRows(messageId)
      .flat()
      .find((entry) => entry.label === label);
    if (!button) throw new Error(`message ${messageId} shows no button labelled ${JSON.stringify(label)}`);
    if (typeof button.custom_id !== 'string') {
      throw new Error(
        `the button ${JSON.stringify(label)} is a link: pressing it opens ${String(button.url)}`,
      );
    }
    return button.custom_id;
  };

  const commandIds = new Map<string, string>();

  /** A slash command (type 2), or the autocomplete request (type 4) of one while its user types. */
  const commandInteraction = (
    command: SlashCommandOptions,
    type: 2 | 4,
    focused?: string,
  ): InteractionRecord => {
    const values = Object.entries(command.options ?? {}).map(([name, value]) => ({
      ...optionPayload(name, value),
      ...(name === focused && { focused: true }),
    }));
    const options = command.subcommand
      ? [{ name: command.subcommand, type: OPTION_TYPE.subcommand, options: values }]
      : values;
    const channel = world.channel(command.channelId ?? world.textChannel.id);
    const commandId = commandIds.get(command.name) ?? world.nextId();
    commandIds.set(command.name, commandId);
    const { record, dispatch } = world.createInteraction({
      type,
      channelId: channel.id,
      user: command.user ?? world.user,
      commandName: command.name,
      data: {
        id: commandId,
        name: command.name,
        type: 1,
        ...(options.length > 0 && { options }),
        ...(channel.guild_id && { guild_id: channel.guild_id }),
      },
      ...(command.locale && { locale: command.locale }),
    });
    gateway.dispatch(dispatch);
    return record;
  };

  return {
    token,
    api: `${origin}/api`,
    gatewayUrl: gateway.url,
    bot: world.bot,
    applicationId: world.applicationId,
    guild: { id: world.guild.id, name: world.guild.name },
    textChannel: world.textChannel,
    thread: world.thread,
    forum: world.forum,
    user: world.user,
    otherUser: world.otherUser,
    requests,
    identifies: gateway.identifies,
    get heartbeats() {
      return gateway.heartbeats;
    },
    setEcho: (timing) => {
      echo = timing;
    },
    waitForSession: () => gateway.waitForSession(),
    dmChannel: (user = world.user) => world.dmChannel(user.id),
    addUser: (username, globalName = null) => world.addUser(username, globalName),

    userSends: (content, messageOptions = {}) => userMessage(content, messageOptions, true),
    userSendsDm: (content, messageOptions = {}) =>
      userMessage(
        content,
        { ...messageOptions, channelId: world.dmChannel((messageOptions.author ?? world.user).id).id },
        true,
      ),
    userEdits: (messageId, content) => editAs(messageId, content, (message) => message.author.id),
    deleteMessage: (messageId) => {
      const message = world.findMessage(messageId);
      if (!message) throw new Error(`the fake has no message ${messageId}`);
      for (const event of world.deleteMessage(message.channel_id, messageId).dispatches)
        gateway.dispatch(event);
    },
    bulkDelete: (channelId, messageIds) => {
      for (const event of world.bulkDelete(channelId, messageIds).dispatches) gateway.dispatch(event);
    },
    seedMessage: (content, messageOptions = {}) => userMessage(content, messageOptions, false),
    botSendsElsewhere: (content, messageOptions = {}) =>
      userMessage(content, { ...messageOptions, author: world.bot }, true),
    botEditsElsewhere: (messageId, content) => editAs(messageId, content, () => world.bot.id),

    slashCommand: (command) => commandInteraction(command, 2),
    autocomplete: (command) => commandInteraction(command, 4, command.focused),
    pressButton: (press) => {
      const customId =
        press.label === undefined ? press.customId : labelledCustomId(press.messageId, press.label);
      return component({ messageId: press.messageId, customId, user: press.user }, { component_type: 2 });
    },
    buttons: (messageId) => buttonRows(messageId),
    selectMenu: (componentOptions) =>
      component(componentOptions, { component_type: 3, values: componentOptions.values }),
    interaction: (id) => world.interactions.get(id),

    messages: (channelId) => copy([...(world.messages.get(channelId)?.values() ?? [])]),
    message: (id) => {
      const message = world.findMessage(id);
      return message ? copy(message) : undefined;
    },

    dispatch: (event, data) => gateway.dispatch({ event, data }),
    fail: (rule) => faults.fail(rule),
    rateLimit: (rule) => faults.rateLimit(rule),
    waitForRequest: (predicate, waitOptions = {}) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = requests.find(predicate);
          if (!found) return false;
          clearTimeout(timer);
          requestWaiters.delete(wake);
          resolve(found);
          return true;
        };
        const wake = (): void => {
          check();
        };
        const timer = setTimeout(() => {
          requestWaiters.delete(wake);
          reject(new Error('no matching REST request arrived'));
        }, waitOptions.timeoutMs ?? 10_000);
        if (!check()) requestWaiters.add(wake);
      }),
    close: async () => {
      await gateway.close();
      await rest?.close();
    },
  };
}
