import { RELAY_CHAIN_PARAM } from "@/lib/relay/relayApi";
import { handleRelayPost } from "@/lib/relay/relayHttp";
import { getRelayer, identityConfigFromEnv, relayerInfo } from "@/lib/relay/relayerConfig";

// The sponsor key lives in this server process and its limits in the relayer's store: never prerendered, never cached.
export const dynamic = "force-dynamic";

/**
 * Who sponsors party calls on this deployment (or why nobody does), on the chain `?chainId=` names (each served chain
 * has its own relayer), the default chain without one.
 */
export async function GET(request: Request) {
  const named = new URL(request.url).searchParams.get(RELAY_CHAIN_PARAM);
  if (named === null) return Response.json(await relayerInfo());
  const chainId = /^\d{1,15}$/.test(named) ? Number(named) : undefined;
  if (chainId === undefined) return Response.json({ enabled: false, reason: `"${named}" is not a chain id.` });
  return Response.json(await relayerInfo(chainId));
}

/**
 * Relays one signed forward request: `{ "chainId": 8453, "request": { from, to, value, gas, nonce, deadline, data,
 * signature } }`, or one signer's batch of claims, `{ "chainId": …, "requests": [ … ] }` (nonces in order), as one
 * executeBatch transaction, on the chain named (also `?chainId=` in the address; neither: the default chain).
 * lib/relay/relayHttp.ts does the work, framework-free, so its tests need no Next.
 */
export function POST(request: Request) {
  return handleRelayPost(request, { relayer: getRelayer, identity: identityConfigFromEnv });
}
