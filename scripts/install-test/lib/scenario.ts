/**
 * How a package says it is exercised: `scenarios/<folder>/scenario.ts` exports a {@link Scenario}, and a
 * scenario with a `world` has a `bot.cjs` beside it that both consumers run (see consumer/driver.cjs).
 */

/** A webhook the bot (or command) must cause: it must arrive, verify and carry this type and text. */
export interface ExpectedWebhook {
  type: string;
  /** `data.platform`, when the event has one. */
  platform?: string;
  /** `data.message.text` */
  text: string;
}

export interface WorldContext {
  /** Where the bot's webhooks go: a verifying receiver in the install test, one path per scenario. */
  endpoint: string;
  /**
   * Who is running, unique per run (`the ES module consumer on Node 24.22.3`). Put it in the messages the
   * world sends, so that every webhook names the run it belongs to.
   */
  label: string;
}

/** The fake platform a bot talks to, running in the install test's process. */
export interface World {
  /**
   * What the consumer process gets as environment variables: the fake's URLs and tokens, and where to send
   * webhooks. Every consumer also gets `WEBHOOK_SECRET`, the Standard Webhooks secret the receiver checks.
   */
  env: Record<string, string>;
  /**
   * Acts as the platform's user once the bot is up: sends it a message. `info` is what the bot's `start()`
   * returned as `info` (a URL it listens on, say).
   */
  drive(info: Record<string, unknown>): Promise<void>;
  /** The webhooks the bot must cause. */
  expected: ExpectedWebhook[];
  close(): Promise<void>;
}

/** A command run in the installed project, once per Node.js version. */
export interface CommandCheck {
  /** The command, run in the project with that Node.js first on PATH, e.g. `['npx', 'bothooks', '--help']`. */
  args: [string, ...string[]];
  /** Environment variables it gets besides the project's (secrets go here, never into `args`). */
  env?: Record<string, string>;
  /** Text its output must contain. */
  output?: string[];
  /** Webhooks it must cause. */
  expected?: ExpectedWebhook[];
}

export interface Scenario {
  /**
   * Registry packages the bot needs besides the package's required peer dependencies, which are always
   * installed (an optional peer, a web framework), at the versions the workspace's package-lock.json has.
   */
  install?: string[];
  /** Starts the fake platform of this package's `bot.cjs`. A package with no bot has none. */
  world?(context: WorldContext): Promise<World>;
  /** Commands that exercise the package's bins. */
  commands?(context: WorldContext & { secret: string }): CommandCheck[];
}
