import { type ClientIdentityConfig, clientIdentity } from "./clientIdentity";
import { peerAddressIsStamped } from "./peerAddress";
import { readBoundedBody } from "./readBoundedBody";
import { type RelayOutcome, outcomeResponse, refuse } from "./refusal";
import { Relayer } from "./relayer";
import { StoreUnavailableError } from "./store/relayerStore";
import { LockTimeoutError } from "./store/storeLock";

/** A signed request is well under 8 KB, a batch of MAX_BATCH_REQUESTS claims about 11 KB; the body is not read past this. */
export const MAX_BODY_BYTES = 16 * 1024;

export interface RelayHttpOptions {
  relayer: () => Promise<Relayer | { disabled: string }>;
  identity: () => ClientIdentityConfig;
  /** Whether the app's own server stamped the TCP peer's address (peerAddress.ts); tests say so themselves. */
  peerStamped?: () => boolean;
}

let warnedShared = false;

/**
 * POST /api/relay as a plain web handler (app/api/relay/route.ts wires it to Next): who the client is, its limit,
 * the body read up to 16 KB, then the relayer. Every answer is JSON; refusals are `{ error: { check, message } }`.
 */
export async function handleRelayPost(request: Request, options: RelayHttpOptions): Promise<Response> {
  try {
    const relayer = await options.relayer();
    if (!(relayer instanceof Relayer)) {
      return outcomeResponse(refuse(503, "disabled", `${relayer.disabled} Send a signed link to the clerk instead.`));
    }
    const identity = clientIdentity(request.headers, options.identity(), (options.peerStamped ?? peerAddressIsStamped)());
    if (identity.source === "shared" && !warnedShared) {
      warnedShared = true;
      console.warn(`relayer: clients cannot be told apart (${identity.why}): they share one per-client limit.`);
    }
    const throttled = await relayer.admit(identity.key);
    // Refused before its body is read: closing the connection spares reading (and discarding) what the client sends on.
    if (throttled) return outcomeResponse(throttled, { connection: "close" });

    const body = await readBoundedBody(request, MAX_BODY_BYTES);
    if (!body.ok) {
      // Closing the connection: the client's unread remainder is not read (or discarded) by this server either.
      return outcomeResponse(
        refuse(413, "size", `The request is larger than ${MAX_BODY_BYTES / 1024} KB; a signed request is far smaller.`),
        { connection: "close" },
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.text);
    } catch {
      return outcomeResponse(refuse(400, "format", "The body is not JSON."));
    }
    // The client again: a batch counts each of its requests against the client's limit (admit took the first).
    return outcomeResponse(await relayer.relay(parsed, identity.key));
  } catch (error) {
    return outcomeResponse(failureOutcome(error));
  }
}

/** A failure that is not the request's fault: the store or the chain is down. Both are worth a retry. */
function failureOutcome(error: unknown): RelayOutcome {
  if (error instanceof StoreUnavailableError) {
    console.error("relayer: store failed", error);
    return refuse(
      503,
      "store",
      "The relayer cannot reach its memory (its store) right now. Try again shortly, or send a signed link to the clerk.",
      10,
    );
  }
  if (error instanceof LockTimeoutError) {
    return refuse(503, "busy", "The relayer is busy sending other requests. Try again shortly.", 5);
  }
  // An RPC that is down, mostly: say so rather than a bare 500, and keep the details in the server's log.
  console.error("relayer: chain read failed", error);
  return refuse(503, "chain", "The relayer could not reach the chain. Try again shortly.", 10);
}
