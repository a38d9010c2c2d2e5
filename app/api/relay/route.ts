import { handleRelayPost } from "@/lib/relay/relayHttp";
import { getRelayer, identityConfigFromEnv, relayerInfo } from "@/lib/relay/relayerConfig";

// The sponsor key lives in this server process and its limits in the relayer's store: never prerendered, never cached.
export const dynamic = "force-dynamic";

/** Who sponsors party calls on this deployment (or why nobody does). */
export async function GET() {
  return Response.json(await relayerInfo());
}

/**
 * Relays one signed forward request: `{ "request": { from, to, value, gas, nonce, deadline, data, signature } }`, or
 * one signer's batch of claims, `{ "requests": [ … ] }` (nonces in order), as one executeBatch transaction.
 * lib/relay/relayHttp.ts does the work, framework-free, so its tests need no Next.
 */
export function POST(request: Request) {
  return handleRelayPost(request, { relayer: getRelayer, identity: identityConfigFromEnv });
}
