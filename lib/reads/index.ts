// Everything a read needs beyond a page's first paint, in one module so that it is one chunk: the read client's
// contract (a bare eth_call), log, block and transaction actions (lib/chain/readClient.ts) and every reader
// (hooks/queries.ts).
// Both import it when first used; two lazy modules would each carry their own copy of viem's ABI and RPC code.
export { getBlock, getLogs, getTransaction, getTransactionCount, getTransactionReceipt } from "viem/actions";
export { readContractLean as readContract } from "@/lib/chain/readContractLean";
export { readActivityOf } from "./activity";
export { readCapabilities } from "./capabilities";
export { readRecordsOwnedBy } from "./myRecords";
export { readOffersFor } from "./offers";
export { readPayments } from "./payments";
export { readRecord, readRecordTokens, readRecordsByContent } from "./records";
export { readWorkflow } from "./workflows";
export { readRegistration } from "./registration";
export { readReservationsFor } from "./reservations";
export { fetchRelayerInfo } from "@/lib/relay/relayClient";
