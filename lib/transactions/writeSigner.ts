import type { Address, Hash, Hex } from "viem";
import type { permitTypedData } from "@/lib/escrow/permit";
import type { forwardRequestTypedData } from "@/lib/forwarder/forwardRequest";

/** An ERC-2612 permit's EIP-712 typed data. */
export type PermitTypedData = ReturnType<typeof permitTypedData>;

/** A forward request's EIP-712 typed data, as a party signs it. */
export type ForwardRequestTypedData = ReturnType<typeof forwardRequestTypedData>;

/**
 * Who writes, as the send engine sees it: an address and two capabilities. The SDK makes one from a viem account
 * (accountSigner.ts), the app from the connected wallet (wagmiSigner in hooks/useTransaction.ts).
 */
export interface WriteSigner {
  address: Address;
  /**
   * Signs and sends a transaction that pays its own fee, on chain `chainId` (a browser wallet is moved there first);
   * resolves with its hash once the node has it.
   */
  sendTransaction(call: { to: Address; data: Hex; value?: bigint; chainId: number }): Promise<Hash>;
  /** Signs a forward request for a relayer or the clerk to submit (its domain names its chain): no transaction, no ether. */
  signTypedData(typedData: ForwardRequestTypedData): Promise<Hex>;
  /** Signs a token's ERC-2612 permit, so a deposit needs no approve transaction. */
  signPermit(typedData: PermitTypedData): Promise<Hex>;
}
