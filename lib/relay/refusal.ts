import type { RelayAccepted, RelayRefusal } from "./relayApi";

/**
 * 400, 409, 413, 422: the request as sent will never pass; change it (sign again, ask for a new attestation, use the
 * clerk's link) rather than retry. 429 and 503: it may pass later; retry after `retryAfter` seconds when given.
 */
export type RefusalStatus = 400 | 409 | 413 | 422 | 429 | 503;

export type RelayOutcome = { status: 200; body: RelayAccepted } | { status: RefusalStatus; body: RelayRefusal; retryAfter?: number };

/** A refusal in plain words. Every one ends by saying that nothing was sent: no refusal costs the sponsor anything. */
export function refuse(status: RefusalStatus, check: string, message: string, retryAfter?: number): RelayOutcome {
  return { status, body: { error: { check, message: `${message} Nothing was sent.` } }, retryAfter };
}

/** The HTTP response of an outcome: JSON, Retry-After on the ones worth retrying. */
export function outcomeResponse(outcome: RelayOutcome, extraHeaders: Record<string, string> = {}): Response {
  const headers: Record<string, string> = { ...extraHeaders };
  if (outcome.status !== 200 && outcome.retryAfter !== undefined)
    headers["retry-after"] = String(Math.max(1, Math.ceil(outcome.retryAfter)));
  return Response.json(outcome.body, { status: outcome.status, headers });
}
