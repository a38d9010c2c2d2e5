// The app's readers, its read client and the relayer's public facts, as one module: hooks/queries.ts loads it on the
// first read.
export { readClient } from "@/lib/chain/readClient";
export { fetchRelayerInfo } from "@/lib/relay/relayClient";
export { readActivityOf } from "./activity";
export { readCapabilities } from "./capabilities";
export { readRecordsOwnedBy } from "./myRecords";
export { readOffersFor } from "./offers";
export { readPayments } from "./payments";
export { readRecord, readRecordProgress, readRecordTokens, readRecordsByContent } from "./records";
export { readRegistration } from "./registration";
export { readReservationsFor } from "./reservations";
export { readWorkflow } from "./workflows";
