import { type Address, type Hex, createPublicClient, encodeFunctionData, http } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { type ForwardRequest, type SignedForwardRequest, forwardRequestTypedData, toWire } from "@/lib/forwarder/forwardRequest";
import { nextBlockTime } from "@/lib/forwarder/deadlineWindow";
import { prepareForwardRequest } from "@/lib/forwarder/prepareForwardRequest";
import { multiPartyTokenizerV1Abi } from "@/lib/generated/integra";
import { RPC_URL } from "./anvil";
import { addresses } from "./chain";

/** A party's software talking to the relayer directly: signs forward requests with its own key. */
export const publicClient = createPublicClient({ chain: foundry, transport: http(RPC_URL) });

export function newParty() {
  return privateKeyToAccount(generatePrivateKey());
}

export type PartyAccount = ReturnType<typeof newParty>;

export function claimData(integraHash: Hex, tokenId: bigint, uid: Hex, processHash: Hex): Hex {
  return encodeFunctionData({ abi: multiPartyTokenizerV1Abi, functionName: "claimToken", args: [integraHash, tokenId, uid, processHash] });
}

/** A request as the app would prepare it (nonce, gas, deadline from the chain), with `override` applied, then signed. */
export async function signRequest(
  signer: PartyAccount,
  call: { to: Address; data: Hex; from?: Address },
  override: Partial<ForwardRequest> = {},
): Promise<SignedForwardRequest> {
  const from = call.from ?? signer.address;
  const base: ForwardRequest = await prepareForwardRequest(publicClient, { from, to: call.to, data: call.data }).catch(async () => ({
    // A call that would revert cannot be estimated: sign it anyway, as an attacker would.
    from,
    to: call.to,
    value: 0n,
    gas: 300_000n,
    nonce: 0n,
    deadline: nextBlockTime((await publicClient.getBlock()).timestamp) + 600,
    data: call.data,
  }));
  const request = { ...base, ...override };
  const signature = await signer.signTypedData(forwardRequestTypedData(request, foundry.id, addresses.IntegraForwarderV1));
  return { ...request, signature };
}

export interface RelayReply {
  status: number;
  body: { hash?: Hex; sponsor?: Address; error?: { check: string; message: string } };
}

/** Posts to the relayer of the app at `appUrl` (the e2e app server unless a test runs its own). */
export async function postRelay(
  request: SignedForwardRequest | Record<string, unknown>,
  appUrl = "http://localhost:3000",
): Promise<RelayReply> {
  const wire = "signature" in request && typeof request.gas === "bigint" ? toWire(request as SignedForwardRequest) : request;
  const response = await fetch(`${appUrl}/api/relay`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ request: wire }),
  });
  return { status: response.status, body: (await response.json()) as RelayReply["body"] };
}
