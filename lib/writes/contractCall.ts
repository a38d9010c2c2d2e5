import type { Address, Hex } from "viem";

/** A contract call ready to send or to sign as a forward request: the contract, the ABI-encoded call, and who may pay. */
export interface ContractCall {
  /**
   * The chain the call is for: its `to` is that chain's deployment's, so it is sent there (the send engine refuses to
   * send it through a client of another chain, and a browser wallet is switched to it first).
   */
  chainId: number;
  to: Address;
  data: Hex;
  /**
   * One of the party calls a relayer pays for: a claim on an Integra tokenizer, or a payment signal. Set by each
   * encoder below, so a sender knows without decoding its own call data. The relayer still checks every request it
   * is given against its own list (lib/forwarder/relayableCalls.ts), which this flag mirrors.
   */
  sponsored: boolean;
  /** Ether sent with the call (an escrow's ether deposit, an arbitrator's fee); never on a sponsored call. */
  value?: bigint;
}
