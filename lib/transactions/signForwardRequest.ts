import type { Address, Chain, Client, Hex, Transport } from "viem";
import { getChainId } from "viem/actions";
import { forwardingContractsOn } from "@/lib/forwarder/forwardingContracts";
import { type ForwardRequest, type SignedForwardRequest, forwardRequestTypedData } from "@/lib/forwarder/forwardRequest";
import { prepareForwardRequest } from "@/lib/forwarder/prepareForwardRequest";
import { asWriteError, wrongChainError } from "./writeError";
import type { WriteSigner } from "./writeSigner";

/**
 * An ERC-2771 forward request for the signer, signed, for a relayer or the clerk to submit: prepared first (nonce,
 * gas, deadline), so a call that would revert is refused in the contract's words before anyone signs. It is signed
 * for the chain `client` reads, in the EIP-712 domain of that chain's forwarder (its chain id, its address), so it
 * runs there and nowhere else; a call built for another chain (`call.chainId`) is refused before anything is asked.
 * `onSigning` hears the moment the signer is asked. `nonceOffset`: the request's place in a batch of the signer's
 * requests.
 */
export async function signForwardRequest(
  client: Client<Transport, Chain | undefined>,
  signer: WriteSigner,
  call: { to: Address; data: Hex; chainId?: number },
  onSigning?: () => void,
  nonceOffset = 0n,
): Promise<SignedForwardRequest> {
  const chainId = client.chain?.id ?? (await getChainId(client));
  if (call.chainId !== undefined && call.chainId !== chainId) throw wrongChainError(call.chainId, chainId);
  const { forwarder } = forwardingContractsOn(chainId);
  let prepared: ForwardRequest;
  try {
    prepared = await prepareForwardRequest(client, { from: signer.address, to: call.to, data: call.data, nonceOffset }, forwarder);
  } catch (error) {
    throw asWriteError(error, signer.address);
  }
  onSigning?.();
  const signature = await signer.signTypedData(forwardRequestTypedData(prepared, chainId, forwarder));
  return { ...prepared, signature };
}
