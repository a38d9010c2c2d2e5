import { APP_CHAIN_ID } from "@/lib/config/appChain";
import { type ClientIdentityConfig, clientIdentity } from "./clientIdentity";
import { peerAddressIsStamped } from "./peerAddress";
import { readBoundedBody } from "./readBoundedBody";
import { RELAY_CHAIN_PARAM } from "./relayApi";
import { type RelayOutcome, outcomeResponse, refuse } from "./refusal";
import { Relayer } from "./relayer";
import { StoreUnavailableError } from "./store/relayerStore";
import { LockTimeoutError } from "./store/storeLock";

/** A signed request is well under 8 KB, a batch of MAX_BATCH_REQUESTS claims about 11 KB; the body is not read past this. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * What serves one chain's requests: its relayer, why it has none (`disabled`), or that this deployment does not serve
 * that chain at all (`unserved`), each with its words.
 */
export type ChainRelayer = Relayer | { disabled: string } | { unserved: string };

export interface RelayHttpOptions {
  /** The relayer of chain `chainId`: each served chain has its own (relayerConfig.ts getRelayer). */
  relayer: (chainId: number) => Promise<ChainRelayer>;
  /** The chain of a request that names none (an older client): the app's default chain unless given. */
  defaultChainId?: number;
  identity: () => ClientIdentityConfig;
  /** Whether the app's own server stamped the TCP peer's address (peerAddress.ts); tests say so themselves. */
  peerStamped?: () => boolean;
}

let warnedShared = false;

/**
 * POST /api/relay as a plain web handler (app/api/relay/route.ts wires it to Next): which chain (the `chainId` query
 * parameter, else the default chain), who the client is, its limit on that chain's relayer, the body read up to 16 KB,
 * then that chain's relayer. A body naming its chain (`chainId`) is relayed there: it must agree with the query when
 * both name one; a body naming another chain than the default, without the query, is counted against that chain's
 * client limit too. Every answer is JSON; refusals are `{ error: { check, message } }`: a chain this deployment does
 * not serve is refused with the check `unserved-chain` (422), nothing read further.
 */
export async function handleRelayPost(request: Request, options: RelayHttpOptions): Promise<Response> {
  try {
    const named = chainIdIn(new URL(request.url).searchParams.get(RELAY_CHAIN_PARAM) ?? undefined);
    if (named === "invalid") return outcomeResponse(refuse(400, "format", `The address's "${RELAY_CHAIN_PARAM}" is not a chain id.`));
    const admittedOn = named ?? options.defaultChainId ?? APP_CHAIN_ID;
    const relayer = await options.relayer(admittedOn);
    // A chain named in the address that runs no relayer is refused at once; with none named, the body may still name
    // a chain that runs one (a hand-written client), so the default chain's refusal waits for the body.
    if (!(relayer instanceof Relayer) && named !== undefined) return outcomeResponse(unavailable(relayer));
    const identity = clientIdentity(request.headers, options.identity(), (options.peerStamped ?? peerAddressIsStamped)());
    if (identity.source === "shared" && !warnedShared) {
      warnedShared = true;
      console.warn(`relayer: clients cannot be told apart (${identity.why}): they share one per-client limit.`);
    }
    const throttled = relayer instanceof Relayer ? await relayer.admit(identity.key) : undefined;
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
    const inBody = chainIdIn(typeof parsed === "object" && parsed !== null ? (parsed as { chainId?: unknown }).chainId : undefined);
    if (inBody === "invalid") return outcomeResponse(refuse(400, "format", 'The body\'s "chainId" is not a chain id.'));
    if (inBody !== undefined && named !== undefined && inBody !== named) {
      return outcomeResponse(
        refuse(400, "format", `The body names chain ${inBody}, the address chain ${named}: a request is for one chain.`),
      );
    }
    let target = relayer;
    if (inBody !== undefined && inBody !== admittedOn) {
      const other = await options.relayer(inBody);
      if (!(other instanceof Relayer)) return outcomeResponse(unavailable(other));
      const throttledThere = await other.admit(identity.key);
      if (throttledThere) return outcomeResponse(throttledThere);
      target = other;
    }
    if (!(target instanceof Relayer)) return outcomeResponse(unavailable(target));
    // The client again: a batch counts each of its requests against the client's limit (admit took the first).
    return outcomeResponse(await target.relay(parsed, identity.key));
  } catch (error) {
    return outcomeResponse(failureOutcome(error));
  }
}

/** A chain id as a request names it (a whole number, or its decimal text in a query), absent, or not one. */
function chainIdIn(value: unknown): number | undefined | "invalid" {
  if (value === undefined) return undefined;
  const id = typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? id : "invalid";
}

/** The refusal for a chain with no relayer running, or one this deployment does not serve. */
function unavailable(choice: { disabled: string } | { unserved: string }): RelayOutcome {
  if ("unserved" in choice) return refuse(422, "unserved-chain", choice.unserved);
  return refuse(503, "disabled", `${choice.disabled} Send a signed link to the clerk instead.`);
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
