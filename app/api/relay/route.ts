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
    return NextResponse.json({ error: { check: "disabled", message: `${relayer.disabled} Send a signed link to the clerk instead.` } }, { status: 503 });
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return NextResponse.json({ error: { check: "format", message: "The body is not JSON. Nothing was sent." } }, { status: 400 });
  }
  try {
    const outcome = await relayer.relay(body);
    const headers = outcome.status === 429 && outcome.retryAfter ? { "retry-after": String(outcome.retryAfter) } : undefined;
    return NextResponse.json(outcome.body, { status: outcome.status, headers });
  } catch (error) {
    // An RPC that is down, mostly: say so rather than a bare 500.
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return NextResponse.json({ error: { check: "chain", message: `The relayer could not reach the chain (${message}). Nothing was sent.` } }, { status: 503 });
  }
}
