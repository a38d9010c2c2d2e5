import { NextResponse } from "next/server";
import { Relayer } from "@/lib/relay/relayer";
import { getRelayer, relayerInfo } from "@/lib/relay/relayerConfig";

// The sponsor key and the rate limits live in this server process: never prerendered, never cached.
export const dynamic = "force-dynamic";

/** Who sponsors party calls on this deployment (or why nobody does). */
export function GET() {
  return NextResponse.json(relayerInfo());
}

/** Relays one signed forward request: `{ "request": { from, to, value, gas, nonce, deadline, data, signature } }`. */
export async function POST(request: Request) {
  const relayer = getRelayer();
  if (!(relayer instanceof Relayer)) {
    return NextResponse.json(
      { error: { check: "disabled", message: `${relayer.disabled} Send a signed link to the clerk instead.` } },
      { status: 503 },
    );
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return tooLarge();
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return NextResponse.json({ error: { check: "format", message: "The body is not JSON. Nothing was sent." } }, { status: 400 });
  }
  try {
    const outcome = await relayer.relay(body, clientOf(request));
    const headers = outcome.status === 429 && outcome.retryAfter ? { "retry-after": String(outcome.retryAfter) } : undefined;
    return NextResponse.json(outcome.body, { status: outcome.status, headers });
  } catch (error) {
    // An RPC that is down, mostly: say so rather than a bare 500, and keep the details in the server's log.
    console.error("relayer: chain read failed", error);
    return NextResponse.json(
      { error: { check: "chain", message: "The relayer could not reach the chain. Try again shortly. Nothing was sent." } },
      { status: 503 },
    );
  }
}

/** A signed request is well under 8 KB; anything much larger is refused before it is read. */
const MAX_BODY_BYTES = 16 * 1024;

function tooLarge() {
  return NextResponse.json(
    { error: { check: "format", message: `The request is larger than ${MAX_BODY_BYTES / 1024} KB. Nothing was sent.` } },
    { status: 413 },
  );
}

/** The client's address as the proxy in front of the app reports it (first hop), for the per-client limit. */
function clientOf(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0].trim() || request.headers.get("x-real-ip") || "direct";
}
