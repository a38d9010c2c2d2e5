import { type Address, zeroAddress } from "viem";
import { shortHex } from "@/lib/format/hex";
import { formatTimestamp } from "@/lib/format/time";
import { tokenLabel } from "@/lib/format/token";
import type { IntegraEventLog } from "./decodeEntry";
import { type TokenRoles, roleOf } from "./tokenRoles";

/** ERC-792 rulings as IntegraEscrowV1 reads them. */
const ESCROW_RULINGS = [
  "the arbitrator refused to rule: refunded",
  "released to the payee",
  "refunded to the payer",
  "split between payee and payer",
];

export interface EntryText {
  title: string;
  /** The address that acted or is concerned, shown as a link-able address. */
  who?: Address;
  whoLabel?: string;
  detail?: string;
}

/**
 * What a timeline row says, in a person's words; each case reads its own event's typed arguments. `roles` (from
 * the reservations, see tokenRolesOf) names tokens by role: "Token #2 (Seller) claimed".
 */
export function describeEntry(entry: IntegraEventLog, roles?: TokenRoles): EntryText {
  const token = (tokenId: bigint, midSentence = false) => tokenLabel(tokenId, roleOf(roles, entry.args.integraHash, tokenId), midSentence);
  switch (entry.eventName) {
    case "RecordRegistered":
      return {
        title: "Document registered",
        who: entry.args.owner,
        whoLabel: "by",
        detail: `content ${shortHex(entry.args.contentHash, 10, 6)}`,
      };
    case "OwnershipTransferred":
      return entry.args.previousOwner === zeroAddress
        ? { title: "Record owner set", who: entry.args.newOwner, whoLabel: "owner" }
        : {
            title: "Record ownership accepted",
            who: entry.args.newOwner,
            whoLabel: "by",
            detail: `from ${shortHex(entry.args.previousOwner)}; every earlier attestation is void`,
          };
    case "OwnershipOffered":
      return { title: "Record ownership offered", who: entry.args.pendingOwner, whoLabel: "to", detail: `reason: “${entry.args.reason}”` };
    case "OwnershipOfferCancelled":
      return { title: "Ownership offer withdrawn", who: entry.args.pendingOwner, whoLabel: "was to" };
    case "ExecutorOffered":
      return entry.args.candidate === zeroAddress
        ? { title: "Executor offer withdrawn" }
        : { title: "Executor role offered", who: entry.args.candidate, whoLabel: "to", detail: "no authority until they accept" };
    case "ExecutorChanged":
      return entry.args.newExecutor === zeroAddress
        ? { title: "Executor removed" }
        : { title: "Executor role accepted", who: entry.args.newExecutor, whoLabel: "executor" };
    case "ResolverAdded":
      return { title: "Resolver attached", who: entry.args.resolver, whoLabel: "resolver" };
    case "ResolverRemoved":
      return { title: "Resolver detached", who: entry.args.resolver, whoLabel: "resolver" };
    case "TokenReserved":
      return {
        title: `${tokenLabel(entry.args.tokenId, entry.args.role || roleOf(roles, entry.args.integraHash, entry.args.tokenId))} reserved`,
        who: entry.args.recipient,
        whoLabel: "for",
        detail: `amount ${entry.args.amount}`,
      };
    case "ReservationCancelled":
      return { title: `Reservation of ${token(entry.args.tokenId, true)} cancelled`, who: entry.args.recipient, whoLabel: "was for" };
    case "TokenClaimed":
      return { title: `${token(entry.args.tokenId)} claimed`, who: entry.args.claimant, whoLabel: "by" };
    case "PartiesSealed":
      return {
        title: "Party set fixed",
        detail: `${entry.args.tokenCount} token${entry.args.tokenCount === 1n ? "" : "s"}: complete once every one is claimed`,
      };
    case "DocumentComplete":
      return { title: "Agreement complete", detail: `all ${entry.args.tokenCount} tokens of the party set claimed` };
    case "CapabilityGranted":
      return {
        title: `Capability issued${entry.args.tokenId === 0n ? "" : ` for ${token(entry.args.tokenId, true)}`}`,
        who: entry.args.recipient,
        whoLabel: "to",
        detail: `attestation ${shortHex(entry.args.attestationUid, 10, 6)}`,
      };
    case "CapabilityRevoked":
      return {
        title: "Capability revoked",
        who: entry.args.recipient,
        whoLabel: "from",
        detail: `attestation ${shortHex(entry.args.attestationUid, 10, 6)}`,
      };
    case "PaymentRequested":
      return {
        title: `Payment #${entry.args.paymentId} requested`,
        who: entry.args.payer,
        whoLabel: "from",
        detail: `by ${token(entry.args.requestorTokenId, true)} of ${shortHex(entry.args.requestor)}`,
      };
    case "PaymentPaid":
      return { title: `Payment #${entry.args.paymentId} marked paid`, who: entry.args.payer, whoLabel: "by" };
    case "PaymentCancelled":
      return { title: `Payment #${entry.args.paymentId} cancelled`, who: entry.args.requestor, whoLabel: "by" };
    case "WorkflowOpened":
      return { title: "Workflow opened", who: entry.args.owner, whoLabel: "owner" };
    case "WorkflowMemberAdmitted":
      return {
        title: "Member admitted to the workflow",
        who: entry.args.member,
        whoLabel: "member",
        detail: "may register records into it",
      };
    case "WorkflowMemberRemoved":
      return {
        title: "Member removed from the workflow",
        who: entry.args.member,
        whoLabel: "was member",
        detail: "its earlier records stay",
      };
    case "EscrowOpened":
      return {
        title: `Escrow #${entry.args.escrowId} opened`,
        who: entry.args.openedBy,
        whoLabel: "by",
        detail: `${token(entry.args.payerTokenId)} pays ${token(entry.args.payeeTokenId, true)} when its conditions hold; refundable from ${formatTimestamp(entry.args.refundAfter)}`,
      };
    case "EscrowFunded":
      return { title: `Escrow #${entry.args.escrowId} funded`, who: entry.args.payer, whoLabel: "by", detail: "the deposit is held" };
    case "ReleaseApproved":
      return {
        title: `Escrow #${entry.args.escrowId} release approved`,
        who: entry.args.approver,
        whoLabel: "by",
        detail: `as ${token(entry.args.tokenId, true)}; ${entry.args.approvals} approval${entry.args.approvals === 1n ? "" : "s"} so far`,
      };
    case "EscrowReleased":
      return {
        title: `Escrow #${entry.args.escrowId} released`,
        who: entry.args.payee,
        whoLabel: "paid to",
        detail: "its conditions held",
      };
    case "EscrowRefunded":
      return {
        title: `Escrow #${entry.args.escrowId} refunded`,
        who: entry.args.payer,
        whoLabel: "paid back to",
        detail: "its refund time passed",
      };
    case "EscrowDisputed":
      return {
        title: `Escrow #${entry.args.escrowId} disputed`,
        who: entry.args.raisedBy,
        whoLabel: "by",
        detail: `frozen until arbitrator ${shortHex(entry.args.arbitrator)} rules (dispute ${entry.args.disputeId})`,
      };
    case "EscrowRuled":
      return {
        title: `Escrow #${entry.args.escrowId} settled by its arbitrator`,
        detail: ESCROW_RULINGS[Number(entry.args.ruling)] ?? `ruling ${entry.args.ruling}`,
      };
    case "PayoutDeferred":
      return {
        title: `Escrow #${entry.args.escrowId} payout kept`,
        who: entry.args.account,
        whoLabel: "for",
        detail: "the transfer was refused; the recipient withdraws it",
      };
    case "PayoutWithdrawn":
      return { title: `Escrow #${entry.args.escrowId} payout withdrawn`, who: entry.args.account, whoLabel: "by" };
    case "AllowlistChanged":
      return { title: entry.args.allowed ? "New owner allowed" : "New owner disallowed", who: entry.args.account, whoLabel: "account" };
  }
}
