import { deployed, integraOf } from "@/lib/contracts";
import { integraEscrowV1Abi } from "@/lib/generated/integra";

/**
 * The escrow of the deployment in use, in a module of its own: its functions' ABI loads only where escrows are read
 * or written, not with every page that reads a record (lib/contracts.ts carries its errors, the timeline its events).
 */
export const escrow = deployed("IntegraEscrowV1", integraEscrowV1Abi);

/** The escrow on the chain `client` reads. */
export function escrowOf(client: { readonly chain?: { readonly id: number } | undefined }) {
  return { address: integraOf(client).address("IntegraEscrowV1"), abi: integraEscrowV1Abi } as const;
}
