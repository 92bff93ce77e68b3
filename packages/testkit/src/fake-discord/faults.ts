/** A scripted Discord API error for the next matching requests. */
export interface FailureRule {
  /** `GET`, `POST`, `PATCH`, `PUT` or `DELETE`; any method when omitted. */
  method?: string;
  /** The route after `/api/v10`, e.g. `/channels/123/messages`; a RegExp is tested against it. */
  path: string | RegExp;
  /** @default 403 */
  status?: number;
  /** Discord's JSON error code. @default 50013 (Missing Permissions) */
  code?: number;
  /** @default 'Missing Permissions' */
  message?: string;
  /** How many matching requests fail. @default 1 */
  times?: number;
}

/** A scripted 429 for the next matching requests; discord.js waits `retryAfterSeconds` and retries. */
export interface RateLimitRule {
  method?: string;
  path: string | RegExp;
  /**
   * Sent in `retry-after`, `x-ratelimit-reset-after` and the body's `retry_after`. Discord rounds the header up
   * to whole seconds; the fake keeps fractions so tests stay fast.
   * @default 0.05
   */
  retryAfterSeconds?: number;
  /** A global rate limit (`x-ratelimit-global`) rather than a per-route one. @default false */
  global?: boolean;
  /** @default 1 */
  times?: number;
}

/** What to answer instead of handling the request. */
export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

type Rule =
  | { kind: 'failure'; rule: FailureRule; left: number }
  | { kind: 'rate-limit'; rule: RateLimitRule; left: number };

function matches(rule: { method?: string; path: string | RegExp }, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
}

/** The failures a test scripted, consumed in order by matching requests. */
export class Faults {
  private readonly rules: Rule[] = [];

  fail(rule: FailureRule): void {
    this.rules.push({ kind: 'failure', rule, left: rule.times ?? 1 });
  }

  rateLimit(rule: RateLimitRule): void {
    this.rules.push({ kind: 'rate-limit', rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The scripted answer for this request, if any rule matches; uses up one of the rule's times. */
  take(method: string, path: string, bucket: string): FaultAnswer | undefined {
    const index = this.rules.findIndex((entry) => entry.left > 0 && matches(entry.rule, method, path));
    const entry = this.rules[index];
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left === 0) this.rules.splice(index, 1);
    if (entry.kind === 'failure') {
      return {
        status: entry.rule.status ?? 403,
        headers: {},
        body: { message: entry.rule.message ?? 'Missing Permissions', code: entry.rule.code ?? 50013 },
      };
    }
    const retryAfter = entry.rule.retryAfterSeconds ?? 0.05;
    const global = entry.rule.global === true;
    return {
      status: 429,
      headers: {
        'retry-after': String(retryAfter),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Date.now() / 1000 + retryAfter),
        'x-ratelimit-reset-after': String(retryAfter),
        'x-ratelimit-bucket': bucket,
        'x-ratelimit-scope': global ? 'global' : 'user',
        ...(global && { 'x-ratelimit-global': 'true' }),
      },
      body: { message: 'You are being rate limited.', retry_after: retryAfter, global },
    };
  }
}
