import { toEventSelector } from "viem";
import {
  integraCapabilityResolverV1Abi,
  integraEscrowV1EventsAbi,
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
  ...integraEscrowV1EventsAbi,
].filter((item): item is Extract<typeof item, { type: "event" }> => item.type === "event");

/** Only Integra's own events (the tokenizers' ERC-721/1155 Transfer events do not follow the layout). */
const TIMELINE_EVENT_NAMES = [
  "RecordRegistered",
  "OwnershipTransferred",
  "OwnershipOffered",
  "OwnershipOfferCancelled",
  "ExecutorOffered",
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
  "WorkflowOpened",
  "WorkflowMemberAdmitted",
  "WorkflowMemberRemoved",
  "EscrowOpened",
  "EscrowFunded",
  "ReleaseApproved",
  "EscrowReleased",
  "EscrowRefunded",
  "EscrowDisputed",
  "EscrowRuled",
  "PayoutDeferred",
  "PayoutWithdrawn",
] as const;

type IntegraEvent = (typeof integraEventsAbi)[number];
export type TimelineEventName = (typeof TIMELINE_EVENT_NAMES)[number];
type TimelineEvent = Extract<IntegraEvent, { name: TimelineEventName }>;

const isTimelineEvent = (event: IntegraEvent): event is TimelineEvent => (TIMELINE_EVENT_NAMES as readonly string[]).includes(event.name);

/** The timeline's events, still typed by the ABI: decoding one yields the union of their names and arguments. */
export const integraTimelineEvents = integraEventsAbi.filter(isTimelineEvent);

/** topic0 of every timeline event: the first topic position of one eth_getLogs filter (an OR list). */
export const integraEventSelectors = [...new Set(integraTimelineEvents.map((e) => toEventSelector(e)))];

/**
 * The events whose topic3 is an account they are addressed to: a reservation, a claim, a capability, a payment
 * request, an ownership offer or transfer, an executor appointment. Watching an account is one filter on topic3.
 */
const RECIPIENT_EVENT_NAMES = [
  "TokenReserved",
  "ReservationCancelled",
  "TokenClaimed",
  "CapabilityGranted",
  "CapabilityRevoked",
  "PaymentRequested",
  "OwnershipOffered",
  "OwnershipOfferCancelled",
  "OwnershipTransferred",
  "ExecutorOffered",
  "ExecutorChanged",
  "WorkflowMemberAdmitted",
  "WorkflowMemberRemoved",
] as const satisfies readonly TimelineEventName[];

export const recipientEventSelectors = [
  ...new Set(
    integraTimelineEvents.filter((e) => (RECIPIENT_EVENT_NAMES as readonly string[]).includes(e.name)).map((e) => toEventSelector(e)),
  ),
];
