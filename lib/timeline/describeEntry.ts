import type { Address } from "viem";
import { shortHex } from "@/lib/format/hex";
import type { TimelineEntry } from "./decodeEntry";

export interface EntryText {
  title: string;
  /** The address that acted or is concerned, shown as a link-able address. */
  who?: Address;
  whoLabel?: string;
  detail?: string;
}

const a = (value: unknown) => value as Address;
const n = (value: unknown) => String(value);

/** What a timeline row says, in a person's words. */
export function describeEntry(entry: TimelineEntry): EntryText {
  const x = entry.args;
  switch (entry.eventName) {
    case "RecordRegistered":
      return { title: "Document registered", who: a(x.owner), whoLabel: "by", detail: `content ${shortHex(n(x.contentHash), 10, 6)}` };
    case "OwnershipTransferred":
      return x.previousOwner === "0x0000000000000000000000000000000000000000"
        ? { title: "Record owner set", who: a(x.newOwner), whoLabel: "owner" }
        : { title: "Record ownership accepted", who: a(x.newOwner), whoLabel: "by", detail: `from ${shortHex(n(x.previousOwner))}; every earlier attestation is void` };
    case "OwnershipOffered":
      return { title: "Record ownership offered", who: a(x.pendingOwner), whoLabel: "to", detail: `reason: “${n(x.reason)}”` };
    case "OwnershipOfferCancelled":
      return { title: "Ownership offer withdrawn", who: a(x.pendingOwner), whoLabel: "was to" };
    case "ExecutorChanged":
      return x.newExecutor === "0x0000000000000000000000000000000000000000"
        ? { title: "Executor removed" }
        : { title: "Executor authorized", who: a(x.newExecutor), whoLabel: "executor" };
    case "ResolverAdded":
      return { title: "Resolver attached", who: a(x.resolver), whoLabel: "resolver" };
    case "ResolverRemoved":
      return { title: "Resolver detached", who: a(x.resolver), whoLabel: "resolver" };
    case "TokenReserved":
      return { title: `Token #${n(x.tokenId)} reserved`, who: a(x.recipient), whoLabel: "for", detail: `amount ${n(x.amount)}` };
    case "ReservationCancelled":
      return { title: `Reservation of token #${n(x.tokenId)} cancelled`, who: a(x.recipient), whoLabel: "was for" };
    case "TokenClaimed":
      return { title: `Token #${n(x.tokenId)} claimed`, who: a(x.claimant), whoLabel: "by" };
    case "PartiesSealed":
      return { title: "Party set fixed", detail: `${n(x.tokenCount)} token${x.tokenCount === 1n ? "" : "s"}: complete once every one is claimed` };
    case "DocumentComplete":
      return { title: "Agreement complete", detail: `all ${n(x.tokenCount)} tokens of the party set claimed` };
    case "CapabilityGranted":
      return { title: `Capability issued${x.tokenId === 0n ? "" : ` for token #${n(x.tokenId)}`}`, who: a(x.recipient), whoLabel: "to", detail: `attestation ${shortHex(n(x.attestationUid), 10, 6)}` };
    case "CapabilityRevoked":
      return { title: "Capability revoked", who: a(x.recipient), whoLabel: "from", detail: `attestation ${shortHex(n(x.attestationUid), 10, 6)}` };
    case "PaymentRequested":
      return { title: `Payment #${n(x.paymentId)} requested`, who: a(x.payer), whoLabel: "from", detail: `by token #${n(x.requestorTokenId)} of ${shortHex(n(x.requestor))}` };
    case "PaymentPaid":
      return { title: `Payment #${n(x.paymentId)} marked paid`, who: a(x.payer), whoLabel: "by" };
    case "PaymentCancelled":
      return { title: `Payment #${n(x.paymentId)} cancelled`, who: a(x.requestor), whoLabel: "by" };
    case "AllowlistChanged":
      return { title: x.allowed ? "New owner allowed" : "New owner disallowed", who: a(x.account), whoLabel: "account" };
    default:
      return { title: entry.eventName };
  }
}
