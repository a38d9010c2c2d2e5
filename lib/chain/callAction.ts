// viem's `call` action alone, so that loading it (a transaction's preflight, a sponsor's check) does not bring the
// readers, and the readers (which use a bare eth_call, lib/chain/readContractLean.ts) do not bring it.
export { call } from "viem/actions";
