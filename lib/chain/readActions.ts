// The read actions that most pages use only after their first paint, or not at all (a workflow's timeline and the
// outage probe need none): lib/chain/readClient.ts imports this module when one is first called.
export { call, getBlock, getLogs, getTransaction, getTransactionCount, getTransactionReceipt, readContract } from "viem/actions";
