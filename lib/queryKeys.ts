import type { Address, Hex } from "viem";
import { APP_CHAIN_ID } from "@/lib/config/appChain";

/** Every query key the app uses, in one place, so a write invalidates exactly what it changed. */
export const queryKeys = {
  record: (integraHash: Hex) => ["record", APP_CHAIN_ID, integraHash.toLowerCase()] as const,
  recordTokens: (integraHash: Hex) => ["recordTokens", APP_CHAIN_ID, integraHash.toLowerCase()] as const,
  recordsByContent: (contentHash: Hex) => ["recordsByContent", APP_CHAIN_ID, contentHash.toLowerCase()] as const,
  capabilities: (integraHash: Hex) => ["capabilities", APP_CHAIN_ID, "record", integraHash.toLowerCase()] as const,
  capabilitiesFor: (account: Address) => ["capabilities", APP_CHAIN_ID, "recipient", account.toLowerCase()] as const,
  reservedFor: (account: Address) => ["reservedFor", APP_CHAIN_ID, account.toLowerCase()] as const,
  myRecords: (account: Address) => ["myRecords", APP_CHAIN_ID, account.toLowerCase()] as const,
  timeline: (integraHash: Hex) => ["timeline", APP_CHAIN_ID, integraHash.toLowerCase()] as const,
  workflowTimeline: (processHash: Hex) => ["workflowTimeline", APP_CHAIN_ID, processHash.toLowerCase()] as const,
  activity: (account: Address) => ["activity", APP_CHAIN_ID, account.toLowerCase()] as const,
  offersFor: (account: Address) => ["offersFor", APP_CHAIN_ID, account.toLowerCase()] as const,
  workflowRegistrants: (processHash: Hex) => ["workflowRegistrants", APP_CHAIN_ID, processHash.toLowerCase()] as const,
  payments: (integraHash: Hex) => ["payments", APP_CHAIN_ID, integraHash.toLowerCase()] as const,
  allReservations: ["reservedFor"] as const,
  allMyRecords: ["myRecords"] as const,
};
