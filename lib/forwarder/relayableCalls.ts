import { type Address, type Hex, decodeFunctionData, encodeFunctionData, size, zeroAddress } from "viem";
import { signal, tokenizerAbi } from "@/lib/contracts";
import { escrow } from "@/lib/escrow/escrowContract";
import { shortHex } from "@/lib/format/hex";
import { type ForwardingContracts, appForwardingContracts } from "./forwardingContracts";

/**
 * The party calls anyone may sponsor: claiming a reserved token, the payment signals between parties, and a party's
 * part in an escrow (approving its release, depositing with an ERC-2612 permit, raising a dispute without a fee).
 * Nothing else is forwarded by the relayer or offered to the clerk, so a sponsor's ether only ever pays for
 * what the product is for. This is the sponsor's own check of what it is given; senders do not decode their calls
 * with it, they read the `sponsored` flag the encoder set (lib/writes/), which mirrors this list.
 */
export type RelayableCall =
  | { contract: "tokenizer"; functionName: "claimToken"; integraHash: Hex; tokenId: bigint; attestationUid: Hex; words: string }
  | {
      contract: "signal";
      functionName: "requestPayment" | "markPaid" | "cancelPayment";
      integraHash?: Hex;
      paymentId?: bigint;
      words: string;
    }
  | {
      contract: "escrow";
      functionName: EscrowPartyCall;
      escrowId: bigint;
      /** approveRelease: the approver token the signer holds. */
      tokenId?: bigint;
      words: string;
    };

/**
 * The escrow calls a party with no ether makes through the forwarder. Not open (the record's owner or executor pays
 * for it), nor release, refund and withdraw (anyone's triggers: a keeper's, or the recipient's own), nor a deposit
 * that carries ether or a dispute that pays its arbitrator's fee (a sponsored request never carries ether).
 */
export type EscrowPartyCall = "approveRelease" | "depositWithPermit" | "raiseDispute";

export type CallVerdict = { ok: true; call: RelayableCall } | { ok: false; reason: string };

/**
 * Largest encrypted amount or receipt (a payment signal's ciphertext) a sponsor pays to store in a log: the app's
 * notes are a few hundred bytes, and the signal contract refuses more than this too.
 */
export const MAX_CIPHERTEXT_BYTES = 512;

/** Whether `data` sent to `to` is one of the sponsored party calls, and what it does in words. */
export function relayableCall(to: Address, data: Hex, contracts: ForwardingContracts = appForwardingContracts): CallVerdict {
  const target = to.toLowerCase();
  const tokenizerName =
    target === contracts.ownershipTokenizer.toLowerCase()
      ? "the ownership tokenizer"
      : target === contracts.multiPartyTokenizer.toLowerCase()
        ? "the multi-party tokenizer"
        : undefined;
  if (tokenizerName) {
    const decoded = tryDecode(() => decodeFunctionData({ abi: tokenizerAbi, data }));
    if (
      decoded &&
      encodeFunctionData({ abi: tokenizerAbi, functionName: decoded.functionName, args: decoded.args } as Parameters<
        typeof encodeFunctionData
      >[0]) !== data.toLowerCase()
    )
      return NOT_CANONICAL;
    if (decoded?.functionName !== "claimToken") {
      return {
        ok: false,
        reason: `Only claims are sponsored on ${tokenizerName}; this request calls ${decoded?.functionName ?? "an unknown function"}.`,
      };
    }
    const [integraHash, tokenId, attestationUid] = decoded.args;
    return {
      ok: true,
      call: {
        contract: "tokenizer",
        functionName: "claimToken",
        integraHash,
        tokenId,
        attestationUid,
        words: `Claim token #${tokenId} of record ${shortHex(integraHash, 10, 6)} on ${tokenizerName}`,
      },
    };
  }
  if (target === contracts.signal.toLowerCase()) {
    const decoded = tryDecode(() => decodeFunctionData({ abi: signal.abi, data }));
    if (
      decoded &&
      encodeFunctionData({ abi: signal.abi, functionName: decoded.functionName, args: decoded.args } as Parameters<
        typeof encodeFunctionData
      >[0]) !== data.toLowerCase()
    )
      return NOT_CANONICAL;
    switch (decoded?.functionName) {
      case "requestPayment":
        if (size(decoded.args[4]) > MAX_CIPHERTEXT_BYTES) return tooLong("encrypted amount");
        return {
          ok: true,
          call: {
            contract: "signal",
            functionName: "requestPayment",
            integraHash: decoded.args[0],
            words: `Request a payment on record ${shortHex(decoded.args[0], 10, 6)}`,
          },
        };
      case "markPaid":
        if (size(decoded.args[1]) > MAX_CIPHERTEXT_BYTES) return tooLong("encrypted receipt");
        return {
          ok: true,
          call: {
            contract: "signal",
            functionName: "markPaid",
            paymentId: decoded.args[0],
            words: `Mark payment request #${decoded.args[0]} paid`,
          },
        };
      case "cancelPayment":
        return {
          ok: true,
          call: {
            contract: "signal",
            functionName: "cancelPayment",
            paymentId: decoded.args[0],
            words: `Cancel payment request #${decoded.args[0]}`,
          },
        };
      default:
        return {
          ok: false,
          reason: `Only payment requests, payments and cancellations are sponsored on the signal contract; this request calls ${decoded?.functionName ?? "an unknown function"}.`,
        };
    }
  }
  if (contracts.escrow !== zeroAddress && target === contracts.escrow.toLowerCase()) return escrowCall(data);
  return {
    ok: false,
    reason: `Nothing is sponsored on ${to}: only claims on the Integra tokenizers, payment signals, and approvals, permit deposits and disputes on the escrow contract are.`,
  };
}

function escrowCall(data: Hex): CallVerdict {
  const decoded = tryDecode(() => decodeFunctionData({ abi: escrow.abi, data }));
  if (
    decoded &&
    encodeFunctionData({ abi: escrow.abi, functionName: decoded.functionName, args: decoded.args } as Parameters<
      typeof encodeFunctionData
    >[0]) !== data.toLowerCase()
  )
    return NOT_CANONICAL;
  switch (decoded?.functionName) {
    case "approveRelease": {
      const [escrowId, tokenId] = decoded.args;
      return {
        ok: true,
        call: {
          contract: "escrow",
          functionName: "approveRelease",
          escrowId,
          tokenId,
          words: `Approve the release of escrow #${escrowId} as the holder of token #${tokenId}`,
        },
      };
    }
    case "depositWithPermit": {
      const [escrowId] = decoded.args;
      return {
        ok: true,
        call: {
          contract: "escrow",
          functionName: "depositWithPermit",
          escrowId,
          words: `Deposit the amount of escrow #${escrowId}, with a permit for the escrow to take it`,
        },
      };
    }
    case "raiseDispute": {
      const [escrowId] = decoded.args;
      return {
        ok: true,
        call: {
          contract: "escrow",
          functionName: "raiseDispute",
          escrowId,
          words: `Raise a dispute on escrow #${escrowId}, freezing it until its arbitrator rules`,
        },
      };
    }
    default:
      return {
        ok: false,
        reason: `Only approvals of a release, deposits with a permit and disputes are sponsored on the escrow contract; this request calls ${decoded?.functionName ?? "an unknown function"}.`,
      };
  }
}

// Trailing bytes after the arguments would make the sponsor pay for calldata nobody reads.
const NOT_CANONICAL: CallVerdict = {
  ok: false,
  reason: "The request's call data has bytes beyond its arguments; sponsored calls are encoded exactly.",
};

function tooLong(what: string): CallVerdict {
  return { ok: false, reason: `The ${what} is longer than the ${MAX_CIPHERTEXT_BYTES} bytes a sponsor pays for.` };
}

function tryDecode<T>(decode: () => T): T | undefined {
  try {
    return decode();
  } catch {
    return undefined;
  }
}
