import type { Address } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { readCapabilities } from "@/lib/reads/capabilities";
import { type Reservation, readReservationsFor } from "@/lib/reads/reservations";
import { type ClaimState, claimStateOf } from "./claimability";

/** A token reserved for (or claimed by) an account, with whether it can claim it now and why not. */
export type PendingClaim = Reservation & { state: ClaimState };

/**
 * The tokens reserved for `account`, each judged against its attestations at the chain's current time: what the
 * CLI's `pending` lists and what the SDK's `claim` picks its attestation from.
 */
export async function readPendingClaims(client: ReadClient, account: Address): Promise<PendingClaim[]> {
  const [reservations, capabilities, block] = await Promise.all([
    readReservationsFor(client, account),
    readCapabilities(client, { recipient: account }),
    client.getBlock(),
  ]);
  return reservations.map((r) => ({ ...r, state: claimStateOf(r, capabilities, account, block.timestamp) }));
}
