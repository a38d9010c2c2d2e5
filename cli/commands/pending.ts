import type { Address, PublicClient } from "viem";
import { describeClaimState, displayRole, readPendingClaims, tokenizerKindOf } from "@/lib/sdk";
import type { Command } from "../command";
import { addressArgument } from "../arguments";
import { connect } from "../connect";
import { EXIT } from "../errors";
import { printJson, table } from "../format";

/** The tokens reserved for `account` and, for each, whether it can claim now (readPendingClaims), as data. */
export async function readPending(client: PublicClient, account: Address) {
  const pending = await readPendingClaims(client, account);
  return {
    account,
    tokens: pending.map(({ state, ...r }) => ({
      integraHash: r.integraHash,
      tokenizer: r.tokenizer,
      tokenizerKind: tokenizerKindOf(r.tokenizer) ?? "other",
      tokenId: r.tokenId,
      role: r.role,
      amount: r.amount,
      status: r.status,
      claimable: state.kind === "claimable",
      state: state.kind,
      reason: describeClaimState(state),
      /** The attestation a claim would use, when claimable. */
      attestationUid: state.kind === "claimable" ? state.uid : undefined,
    })),
  };
}

type Pending = Awaited<ReturnType<typeof readPending>>;

function human(pending: Pending): string {
  const open = pending.tokens.filter((t) => t.status === "reserved");
  const head = `${open.length} token${open.length === 1 ? "" : "s"} reserved for ${pending.account}, ${
    open.filter((t) => t.claimable).length
  } claimable now`;
  if (pending.tokens.length === 0) return `${head}\n`;
  return `${head}\n\n${table(
    ["record", "token", "tokenizer", "status", "claimable", "why"],
    pending.tokens.map((t) => [
      t.integraHash,
      `#${t.tokenId}${displayRole(t.role) ? ` ${displayRole(t.role)}` : ""}`,
      t.tokenizerKind,
      t.status,
      t.claimable ? "yes" : "no",
      t.reason,
    ]),
  )}\n`;
}

export const pendingCommand: Command = {
  name: "pending",
  summary: "the tokens reserved for an address, and whether each can be claimed now",
  arguments: "<address>",
  description:
    "Lists the tokens reserved for an address (and those it has claimed) on both tokenizers, and for each whether\n" +
    "it can be claimed now and, if not, why not (no attestation yet, revoked, expired, issued before the record\n" +
    "changed hands, ...), judged exactly as the app's claim page judges it.",
  async run({ args, json, rpc }) {
    const account = addressArgument(args[0]);
    const client = await connect(rpc);
    const pending = await readPending(client, account);
    if (json) printJson("pending", pending);
    else process.stdout.write(human(pending));
    return EXIT.ok;
  },
};
