import type { IncomingHttpHeaders } from 'node:http';
import { verifyWebhook, WebhookVerificationError } from '@bothooks/core';
import { verifyGetRequest } from './get-signature';

/**
 * `valid` and `invalid` are checked against `--secret`; `unsigned`: the request has no `webhook-signature`;
 * `unchecked`: it is signed, but the listener has no secret to check it with.
 */
export type Verdict = 'valid' | 'invalid' | 'unsigned' | 'unchecked';

export interface SignatureCheck {
  verdict: Verdict;
  /** Why it is not valid: a `WebhookVerificationError` code, e.g. `NO_MATCHING_SIGNATURE`. */
  code?: string;
  message?: string;
}

/** Checks one request's Standard Webhooks signature: over the raw body, or over the query for a GET. */
export function checkSignature(request: {
  method: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  secret: string | undefined;
}): SignatureCheck {
  if (request.headers['webhook-signature'] === undefined) {
    return request.secret === undefined
      ? { verdict: 'unsigned' }
      : {
          verdict: 'unsigned',
          code: 'MISSING_HEADERS',
          message: 'the request has no webhook-signature header',
        };
  }
  if (request.secret === undefined) return { verdict: 'unchecked' };
  try {
    if (request.method === 'GET') {
      verifyGetRequest({ query: request.query, headers: request.headers, secret: request.secret });
    } else {
      verifyWebhook({ payload: request.body, headers: request.headers, secret: request.secret });
    }
    return { verdict: 'valid' };
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      return { verdict: 'invalid', code: error.code, message: error.message };
    }
    return { verdict: 'invalid', code: 'ERROR', message: String(error) };
  }
}
