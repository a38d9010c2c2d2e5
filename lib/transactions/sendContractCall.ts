import type { Address, Chain, Client, Hash, PublicClient, Transport } from "viem";
import { getChainId } from "viem/actions";
import type { ContractCall } from "@/lib/writes";
import { isUnreachable } from "@/lib/chain/unreachable";
import type { RelayerInfo } from "@/lib/relay/relayApi";
import { fetchRelayerInfo, submitToRelayer } from "@/lib/relay/relayClient";
import { type Payer, type PayerFacts, decidePayer } from "./payer";
import { signForwardRequest } from "./signForwardRequest";
import { type TransactionOutcome, waitForOutcome } from "./transactionOutcome";
import { IntegraWriteError, asWriteError, noEtherError, wrongChainError } from "./writeError";
import type { WriteSigner } from "./writeSigner";

/**
 * What the engine reads: a viem client of the call's chain (a forward request is prepared with viem's actions on it)
 * with the reads it makes itself. The SDK's PublicClient is one; the app passes its read client of that chain.
 */
export type SendClient = Client<Transport, Chain | undefined> &
  Pick<PublicClient, "call" | "getBalance" | "getTransaction" | "getTransactionCount" | "getTransactionReceipt">;

/** Where a write is, for a progress display; "mining" is heard again at every look, with whether the chain answered. */
export type SendProgress =
  { phase: "checking" | "awaiting-signature" | "relaying" } | { phase: "mining"; hash: Hash; sponsor?: Address; chainUnreachable: boolean };

/** A transaction the node has: its hash, who paid, and the relayer's sponsor address when a relayer did. */
export interface Sent {
  hash: Hash;
  paidBy: "wallet" | "relayer";
  sponsor?: Address;
}

/** How the write ended once sent: mined (its receipt says whether it reverted), dropped or replaced. */
export type SendOutcome = TransactionOutcome & Sent;

export interface SendOptions {
  /** Who pays the fee (lib/transactions/payer.ts). */
  payer: Payer;
  /**
   * The origin of the app whose relayer (/api/relay) submits and pays for sponsored calls, on the call's chain (each
   * served chain has its own); absent: no relayer.
   */
  relayer?: string;
  onProgress?: (progress: SendProgress) => void;
  /** Heard once the transaction has a hash, before it is mined: the app remembers it, the CLI says so. */
  onSent?: (sent: Sent) => void;
  /** How often to look for the outcome while it is pending (default: waitForOutcome's). */
  pollMs?: number;
}

const NO_RELAYER: RelayerInfo = { enabled: false, reason: "No relayer was named." };

/**
 * The one way the app, the SDK and the CLI write, on the call's own chain (`call.chainId`): `deps.client` must read
 * that chain (a call built for another is refused before anything is signed), the wallet sends there, and the
 * relayer is asked for that chain's sponsor. The payer rule picks the wallet or the relayer. From the wallet,
 * the call is simulated as the wallet will send it (a revert is refused in the contract's words, nothing is signed),
 * a sender with no ether is told so, then the wallet signs and sends. Through the relayer, a forward request is
 * prepared (refused the same way), signed, and submitted. Either way the transaction is followed until it is mined,
 * dropped or replaced, however long the chain is unreachable meanwhile. Refusals before sending are thrown (as
 * IntegraWriteError when they are the chain's or the sender's); once sent, the outcome is returned.
 */
export async function sendContractCall(
  deps: { client: SendClient; signer: WriteSigner },
  call: ContractCall,
  options: SendOptions,
): Promise<SendOutcome> {
  const { client, signer } = deps;
  const progress = options.onProgress ?? (() => undefined);
  progress({ phase: "checking" });
  await expectChain(client, call.chainId);
  const payer = await whoPays(client, signer.address, call, options);
  const sent =
    payer.paidBy === "relayer"
      ? await relay(deps, call, options.relayer, progress)
      : await sendFromWallet(deps, call, payer.balance, progress);
  options.onSent?.(sent);
  const mining = (chainUnreachable: boolean) => progress({ phase: "mining", hash: sent.hash, sponsor: sent.sponsor, chainUnreachable });
  mining(false);
  const outcome = await waitForOutcome(client, sent.hash, {
    pollMs: options.pollMs,
    onCheck: (check) => mining(check.kind === "unchecked" && isUnreachable(check.error)),
  });
  return { ...outcome, ...sent };
}

/** Refuses a call built for another chain than the one `client` reads: its addresses are that other chain's. */
export async function expectChain(client: SendClient, callChainId: number): Promise<void> {
  const clientChainId = client.chain?.id ?? (await getChainId(client));
  if (clientChainId !== callChainId) throw wrongChainError(callChainId, clientChainId);
}

/**
 * The relayer's answer for `chainId`: one that sponsors on another chain (a relayer older than several chains, which
 * answers for its one chain whatever is asked) does not sponsor this call.
 */
export async function relayerOn(relayer: string, chainId: number): Promise<RelayerInfo> {
  const info = await fetchRelayerInfo(relayer, chainId);
  if (!info.enabled || info.chainId === chainId) return info;
  return { enabled: false, reason: `The relayer sponsors on chain ${info.chainId}, not on chain ${chainId}.` };
}

/** The payer rule applied, reading only the facts it asks for; the balance, when read, is kept for the wallet's check. */
async function whoPays(
  client: SendClient,
  sender: Address,
  call: ContractCall,
  options: SendOptions,
): Promise<{ paidBy: "wallet" | "relayer"; balance?: bigint }> {
  let facts: PayerFacts = { sponsored: call.sponsored };
  for (;;) {
    const decision = decidePayer(options.payer, facts);
    if ("paidBy" in decision) return { paidBy: decision.paidBy, balance: facts.balance };
    facts =
      decision.needs === "balance"
        ? { ...facts, balance: await client.getBalance({ address: sender }) }
        : { ...facts, relayer: options.relayer ? await relayerOn(options.relayer, call.chainId) : NO_RELAYER };
  }
}

async function sendFromWallet(
  { client, signer }: { client: SendClient; signer: WriteSigner },
  call: ContractCall,
  knownBalance: bigint | undefined,
  progress: (progress: SendProgress) => void,
): Promise<Sent> {
  try {
    // The same call as the wallet will send, from the same address.
    await client.call({ account: signer.address, to: call.to, data: call.data, value: call.value });
  } catch (error) {
    throw asWriteError(error, signer.address);
  }
  const balance = knownBalance ?? (await client.getBalance({ address: signer.address }));
  if (balance === 0n) throw noEtherError(signer.address, call.sponsored);
  progress({ phase: "awaiting-signature" });
  try {
    return {
      hash: await signer.sendTransaction({ to: call.to, data: call.data, value: call.value, chainId: call.chainId }),
      paidBy: "wallet",
    };
  } catch (error) {
    throw asWriteError(error, signer.address);
  }
}

async function relay(
  { client, signer }: { client: SendClient; signer: WriteSigner },
  call: ContractCall,
  relayer: string | undefined,
  progress: (progress: SendProgress) => void,
): Promise<Sent> {
  if (!relayer) {
    throw new IntegraWriteError(
      "No relayer",
      "No relayer was named to submit and pay for this call. Nothing was sent.",
      undefined,
      "NoRelayer",
    );
  }
  const signed = await signForwardRequest(client, signer, call, () => progress({ phase: "awaiting-signature" }));
  progress({ phase: "relaying" });
  const { hash, sponsor } = await submitToRelayer(relayer, signed, call.chainId);
  return { hash, sponsor, paidBy: "relayer" };
}
