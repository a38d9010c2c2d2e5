import type { Address, Chain, Client, Hex, Transport } from "viem";
import { getChainId } from "viem/actions";
import { forwarder } from "@/lib/contracts";
import { type ForwardRequest, type SignedForwardRequest, forwardRequestTypedData } from "@/lib/forwarder/forwardRequest";
import { prepareForwardRequest } from "@/lib/forwarder/prepareForwardRequest";
import { asWriteError } from "./writeError";
import type { WriteSigner } from "./writeSigner";

/**
 * An ERC-2771 forward request for the signer, signed, for a relayer or the clerk to submit: prepared first (nonce,
 * gas, deadline), so a call that would revert is refused in the contract's words before anyone signs. `onSigning`
 * hears the moment the signer is asked. `nonceOffset`: the request's place in a batch of the signer's requests.
 */
export async function signForwardRequest(
  client: Client<Transport, Chain | undefined>,
  signer: WriteSigner,
  call: { to: Address; data: Hex },
  onSigning?: () => void,
  nonceOffset = 0n,
): Promise<SignedForwardRequest> {
  let prepared: ForwardRequest;
  try {
    prepared = await prepareForwardRequest(client, { from: signer.address, to: call.to, data: call.data, nonceOffset });
  } catch (error) {
    throw asWriteError(error, signer.address);
  }
  const chainId = client.chain?.id ?? (await getChainId(client));
  onSigning?.();
  const signature = await signer.signTypedData(forwardRequestTypedData(prepared, chainId, forwarder.address));
  return { ...prepared, signature };
}
