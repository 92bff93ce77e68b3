import type { Dispatcher } from 'undici';
import { webhookHeaders } from './attempt';
import type { ResolvedEndpoint } from './config';
import { DeliveryError } from './errors';
import type { VerifyEvent } from './event';
import { newChallenge, newMessageId } from './ids';
import { exchange, headerValue } from './transport';

/** The outcome of the Verify check. */
export interface VerifyResult {
  /** True when the endpoint answered 2xx in time (and echoed the challenge, if it answered with one). */
  ok: boolean;
  /** The HTTP status, when the endpoint answered. */
  status?: number;
  latencyMs: number;
  /** Why it failed: a `DeliveryErrorCode`, or `CHALLENGE_MISMATCH`. */
  error?: { code: string; message: string };
}

const VERIFY_RESPONSE_BYTES = 64 * 1024;

/**
 * The "Verify" button: POSTs a signed `webhook.verify` event carrying a random challenge. The endpoint
 * passes with a 2xx within its timeout; if it answers JSON with a `challenge`, that must be the one sent.
 */
export async function checkEndpoint(
  endpoint: ResolvedEndpoint,
  context: { dispatcher: Dispatcher; userAgent: string; blockPrivateNetworks: boolean },
): Promise<VerifyResult> {
  const challenge = newChallenge();
  const event: VerifyEvent = {
    type: 'webhook.verify',
    timestamp: new Date().toISOString(),
    data: { challenge },
  };
  const body = JSON.stringify(event);
  const started = performance.now();
  try {
    const response = await exchange({
      target: endpoint.target,
      method: 'POST',
      headers: webhookHeaders(endpoint, newMessageId(), body, context.userAgent),
      body,
      timeoutMs: endpoint.timeoutMs,
      maxResponseBytes: VERIFY_RESPONSE_BYTES,
      keepBody: true,
      dispatcher: context.dispatcher,
      blockPrivateNetworks: context.blockPrivateNetworks,
    });
    const latencyMs = Math.round(response.durationMs);
    const { status } = response;
    if (status >= 300 && status < 400) {
      return {
        ok: false,
        status,
        latencyMs,
        error: { code: 'REDIRECT', message: `answered ${status}; redirects are not followed` },
      };
    }
    if (status < 200 || status >= 300) {
      return { ok: false, status, latencyMs, error: { code: 'HTTP_STATUS', message: `answered ${status}` } };
    }
    const echoed = echoedChallenge(response.body, headerValue(response.headers, 'content-type'));
    if (echoed !== undefined && echoed !== challenge) {
      return {
        ok: false,
        status,
        latencyMs,
        error: { code: 'CHALLENGE_MISMATCH', message: 'the echoed challenge differs' },
      };
    }
    return { ok: true, status, latencyMs };
  } catch (error) {
    const failure =
      error instanceof DeliveryError ? error : new DeliveryError('NETWORK_ERROR', String(error));
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: { code: failure.code, message: failure.message },
    };
  }
}

function echoedChallenge(body: string | undefined, contentType: string | undefined): string | undefined {
  if (body === undefined || !contentType?.toLowerCase().includes('json')) return undefined;
  try {
    const parsed = JSON.parse(body) as { challenge?: unknown } | null;
    return typeof parsed?.challenge === 'string' ? parsed.challenge : undefined;
  } catch {
    return undefined;
  }
}
