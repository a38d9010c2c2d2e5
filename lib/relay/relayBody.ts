import { type SignedForwardRequest, fromWire } from "@/lib/forwarder/forwardRequest";
import type { RelayableCall } from "@/lib/forwarder/relayableCalls";

/**
 * The most requests one batch may hold. A claim's signed request is about 650 bytes of JSON, so this many fit well
 * within the 16 KB body the relayer reads; the per-signer rate limit usually bounds a batch first (Relayer.maxBatch).
 */
export const MAX_BATCH_REQUESTS = 16;

export type RelayBody = { ok: true; requests: SignedForwardRequest[] } | { ok: false; message: string };

/**
 * The signed requests of a POST body: `{ "request": {…} }` (one), or `{ "requests": [{…}, …] }` (a batch, submitted
 * with the forwarder's executeBatch). A batch is one signer's requests in the order they were signed, so its nonces
 * follow each other from the first: the forwarder checks each signature against the signer's nonce at that point.
 * Pure: the chain is read later (checkForwardRequest), for every request alike.
 */
export function parseRelayBody(body: unknown): RelayBody {
  const fields = typeof body === "object" && body !== null ? (body as { request?: unknown; requests?: unknown }) : {};
  if (fields.requests === undefined) return one(() => [fromWire(fields.request)]);
  if (!Array.isArray(fields.requests) || fields.requests.length === 0)
    return { ok: false, message: 'The batch ("requests") is not a list of signed requests.' };
  if (fields.requests.length > MAX_BATCH_REQUESTS)
    return {
      ok: false,
      message: `The batch holds ${fields.requests.length} requests; a batch holds at most ${MAX_BATCH_REQUESTS}. Send the rest in another.`,
    };
  const wire: unknown[] = fields.requests;
  const requests: SignedForwardRequest[] = [];
  for (const [i, item] of wire.entries()) {
    const parsed = one(() => [fromWire(item)]);
    if (!parsed.ok) return { ok: false, message: `Request ${i + 1} of ${wire.length}: ${parsed.message}` };
    requests.push(...parsed.requests);
  }
  const [first] = requests;
  for (const [i, request] of requests.entries()) {
    if (request.from !== first.from)
      return {
        ok: false,
        message: `Request ${i + 1} of ${requests.length} is signed for ${request.from}, not ${first.from}: a batch is one signer's.`,
      };
    if (request.nonce !== first.nonce + BigInt(i))
      return {
        ok: false,
        message: `Request ${i + 1} of ${requests.length} has nonce ${request.nonce}; a batch's nonces follow each other from the first (${first.nonce + BigInt(i)} here).`,
      };
  }
  return { ok: true, requests };
}

function one(parse: () => SignedForwardRequest[]): RelayBody {
  try {
    return { ok: true, requests: parse() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Why a batch's decoded calls cannot go together, or undefined: a batch holds claims only, of different tokens.
 * Claims of different tokens do not depend on one another, so each one's simulation on the chain as it is holds in
 * the batch too; payment signals and escrow calls can (a request, then its cancellation; a deposit, then a dispute),
 * so they go one at a time.
 */
export function batchCallsProblem(calls: readonly (RelayableCall | undefined)[]): string | undefined {
  const seen = new Set<string>();
  for (const [i, call] of calls.entries()) {
    const at = `Request ${i + 1} of ${calls.length}`;
    if (call?.contract !== "tokenizer")
      return `${at} is not a claim: a batch holds claims only (they do not depend on one another). Send payment signals and escrow calls one at a time.`;
    const token = `${call.integraHash.toLowerCase()}:${call.tokenId}`;
    if (seen.has(token)) return `${at} claims token #${call.tokenId} of ${call.integraHash} again: a batch claims each token once.`;
    seen.add(token);
  }
  return undefined;
}
