// The --webhook hook: each event's JSON line POSTed to a URL, signed with the shared secret.
import { signWebhook } from "@/lib/sdk";
import type { Hook, HookEvent, HookResult } from "./delivery";

/** A receiver that has not answered by then is taken as failed (and retried): a hung one must not stall the watch. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** Why fetch failed, in the words of its cause (undici's "fetch failed" alone says nothing). */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  return cause instanceof Error ? cause.message : error.message;
}

/**
 * One POST of `event`: its line as the body, `Integra-Event` (the event's name), `Integra-Delivery` (its delivery id,
 * the same on every retry: receivers deduplicate on it) and, with a secret, `Integra-Signature` (signed at each
 * attempt, so a retry hours later is not refused as stale). Succeeds on a 2xx answer.
 */
export async function postEvent(url: string, secret: string | undefined, event: HookEvent, signal: AbortSignal): Promise<HookResult> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "Integra-Event": event.entry.eventName,
    "Integra-Delivery": event.deliveryId,
  };
  if (secret !== undefined) headers["Integra-Signature"] = signWebhook(secret, event.line);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers,
      body: event.line,
      signal: AbortSignal.any([signal, AbortSignal.timeout(WEBHOOK_TIMEOUT_MS)]),
    });
    // The answer's body is not read: cancelled, so the connection is free for the next delivery.
    await response.body?.cancel();
    return response.ok ? { ok: true } : { ok: false, problem: `answered ${response.status}` };
  } catch (error) {
    if (signal.aborted) return { ok: false, problem: "was cut off: the watch is stopping" };
    if (error instanceof Error && error.name === "TimeoutError") {
      return { ok: false, problem: `did not answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` };
    }
    return { ok: false, problem: `could not be reached (${reasonOf(error)})` };
  }
}

/** The --webhook hook; unsigned when there is no secret. */
export function webhookHook(url: string, secret: string | undefined): Hook {
  return { name: `the webhook ${url}`, attempt: (event, signal) => postEvent(url, secret, event, signal) };
}
