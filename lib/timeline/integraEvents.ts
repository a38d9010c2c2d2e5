import { type AbiEvent, toEventSelector } from "viem";
import {
  integraCapabilityResolverV1Abi,
  integraRecordV1Abi,
  integraSignalV1Abi,
  multiPartyTokenizerV1Abi,
  ownerAllowlistResolverV1Abi,
} from "@/lib/generated/integra";

/** Every event of every Integra contract: all share topic1 = integraHash, topic2 = processHash. */
export const integraEventsAbi = [
  ...integraRecordV1Abi,
  ...multiPartyTokenizerV1Abi,
  ...integraCapabilityResolverV1Abi,
  ...integraSignalV1Abi,
  ...ownerAllowlistResolverV1Abi,
].filter((item): item is Extract<typeof item, { type: "event" }> => item.type === "event");

/** Only Integra's own events (the tokenizers' ERC-721/1155 Transfer events do not follow the layout). */
const INTEGRA_EVENT_NAMES = new Set([
  "RecordRegistered",
  "OwnershipTransferred",
  "OwnershipOffered",
  "OwnershipOfferCancelled",
  "ExecutorChanged",
  "ResolverAdded",
  "ResolverRemoved",
  "TokenReserved",
  "ReservationCancelled",
  "TokenClaimed",
  "PartiesSealed",
  "DocumentComplete",
  "CapabilityGranted",
  "CapabilityRevoked",
  "PaymentRequested",
  "PaymentPaid",
  "PaymentCancelled",
  "AllowlistChanged",
]);

export const integraTimelineEvents = integraEventsAbi.filter((e) => INTEGRA_EVENT_NAMES.has(e.name)) as AbiEvent[];

/** topic0 of every timeline event: the first topic position of one eth_getLogs filter (an OR list). */
export const integraEventSelectors = [...new Set(integraTimelineEvents.map((e) => toEventSelector(e)))];
