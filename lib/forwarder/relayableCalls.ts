import { type Address, type Hex, decodeFunctionData, encodeFunctionData, size } from "viem";
import { signal, tokenizerAbi } from "@/lib/contracts";
import { shortHex } from "@/lib/format/hex";
import { type ForwardingContracts, appForwardingContracts } from "./forwardingContracts";

/**
 * The party calls anyone may sponsor: claiming a reserved token, and the payment signals between parties.
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
    };

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
  return { ok: false, reason: `Nothing is sponsored on ${to}: only claims on the Integra tokenizers and payment signals are.` };
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
