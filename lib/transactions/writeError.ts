import { type Address, BaseError, InsufficientFundsError } from "viem";
import { type DescribedError, describeError } from "@/lib/errors/describeError";
import { PlainWordsError } from "@/lib/errors/plainWordsError";

/**
 * A write the chain refused, or would refuse, or that did not run, in plain words; `errorName` is the contract's
 * custom error, if any (also when the write was refused before sending because the contract would:
 * NotWorkflowMember, UnknownWorkflow, ...). `code` is `errorName`, or for refusals that are not the contract's, a
 * name of the SDK's own: NoEther, InsufficientFunds, NoRelayer, CannotClaim, Reverted, Dropped, Replaced,
 * UnexpectedReceipt, WrongChain (a call built for one chain, given a client of another), WalletChain (the wallet did
 * not move to the call's chain), PermitDomain (a token asked for a permit in a domain not its own on the escrow's chain).
 */
export class IntegraWriteError extends PlainWordsError {
  readonly code: string;
  constructor(
    title: string,
    message: string,
    readonly errorName?: string,
    code?: string,
  ) {
    super(title, message);
    this.name = "IntegraWriteError";
    this.code = errorName ?? code ?? "WriteRefused";
  }
}

/**
 * `error` as an IntegraWriteError when it is a revert or a lack of funds, both found before anything was sent (or
 * by the node as it took the transaction); other errors (an RPC down, a rejected signature) are returned as they are.
 */
export function asWriteError(error: unknown, sender: Address): unknown {
  if (error instanceof BaseError && error.walk((e) => e instanceof InsufficientFundsError)) {
    return new IntegraWriteError(
      "Not enough ether",
      `${sender} has not enough ether to pay the network fee. Nothing was sent.`,
      undefined,
      "InsufficientFunds",
    );
  }
  const described = describeError(error);
  if (described.errorName) return new IntegraWriteError(described.title, described.message, described.errorName);
  return error;
}

/** A sender with no ether, told before it signs; a sponsored call could have a relayer pay instead. */
export function noEtherError(sender: Address, sponsored: boolean): IntegraWriteError {
  const remedy = sponsored ? "Fund it, or have a relayer pay (claims and payment calls)." : "Fund it first: no relayer pays for this call.";
  return new IntegraWriteError("No ether", `${sender} holds no ether to pay the network fee. ${remedy}`, undefined, "NoEther");
}

/**
 * A call built for chain `callChainId` handed to a client (or relayer) of chain `clientChainId`: its addresses are
 * another chain's deployment, so nothing is sent. A program's mistake, said before anything is signed.
 */
export function wrongChainError(callChainId: number, clientChainId: number): IntegraWriteError {
  return new IntegraWriteError(
    "Wrong chain",
    `This call is for chain ${callChainId}, but it was given to a client of chain ${clientChainId}. Nothing was sent; send it with a client of chain ${callChainId}.`,
    undefined,
    "WrongChain",
  );
}

/**
 * The wallet was asked to move to the chain of the record a write acts on, and did not (the person said no, or the
 * wallet cannot add or switch to that network). `chainName`: the chain as the app names it.
 */
export function walletChainError(chainName: string): IntegraWriteError {
  return new IntegraWriteError(
    "Your wallet is on another network",
    `Your wallet did not switch to ${chainName}: this record is on that chain. Switch it in your wallet and try again.`,
    undefined,
    "WalletChain",
  );
}

/**
 * Anything a write throws, in the words the app shows: describeError's, with an IntegraWriteError's contract error
 * name kept (a page may answer one refusal in its own way: AcceptOwnership, RecordChangedSinceOffer).
 */
export function describeWriteError(error: unknown): DescribedError {
  if (error instanceof IntegraWriteError) return { title: error.title, message: error.message, errorName: error.errorName };
  return describeError(error);
}
