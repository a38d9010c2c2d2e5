import type { Address, PublicClient } from "viem";
import { chainFor, chainIdOf, describeClaimState, displayRole, integraOf, readPendingClaims } from "@/lib/sdk";
import type { Command } from "../command";
import { addressArgument } from "../arguments";
import {
  type Unreached,
  chainSearchVerdict,
  chainsLabel,
  searchEachChain,
  searchedRpcs,
  unknownFailure,
  unreachableJson,
  unreachableLines,
} from "../chainSearch";
import { connectEachChain } from "../connect";
import { EXIT } from "../errors";
import { printJson, table } from "../format";

/** The tokens reserved for `account` on the client's chain and, for each, whether it can claim now (readPendingClaims), as data. */
export async function readPending(client: PublicClient, account: Address) {
  const pending = await readPendingClaims(client, account);
  // The client's chain's tokenizers: on another chain than the default they are at other addresses.
  const integra = integraOf(client);
  const chainId = chainIdOf(client);
  return {
    account,
    tokens: pending.map(({ state, ...r }) => ({
      integraHash: r.integraHash,
      chainId,
      chainName: chainFor(chainId).name,
      tokenizer: r.tokenizer,
      tokenizerKind: integra.tokenizerKindOf(r.tokenizer) ?? "other",
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

/** The text of `pending`; with `chains` (when several were searched), the chains that answered and each row's. */
function human(pending: Pending, chains?: readonly number[]): string {
  const open = pending.tokens.filter((t) => t.status === "reserved");
  const where = chains ? `, on ${chainsLabel(chains, "and")}` : "";
  const head = `${open.length} token${open.length === 1 ? "" : "s"} reserved for ${pending.account}, ${
    open.filter((t) => t.claimable).length
  } claimable now${where}`;
  if (pending.tokens.length === 0) return `${head}\n`;
  return `${head}\n\n${table(
    [...(chains ? ["chain"] : []), "record", "token", "tokenizer", "status", "claimable", "why"],
    pending.tokens.map((t) => [
      ...(chains ? [String(t.chainId)] : []),
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
  summary: "the tokens reserved for an address, and whether each can be claimed now, on one chain or several",
  arguments: "<address>",
  description:
    "Lists the tokens reserved for an address (and those it has claimed) on both tokenizers, and for each whether\n" +
    "it can be claimed now and, if not, why not (no attestation yet, revoked, expired, issued before the record\n" +
    "changed hands, ...), judged exactly as the app's claim page judges it.\n" +
    "Several chains: --rpc repeated, one per chain (or INTEGRA_RPCS=URL,URL): the tokens of every chain, each with\n" +
    "its chain. A chain that does not answer is named on stderr (and in --json's unreachable) and the exit code is 4\n" +
    "(try later): the list is of the other chains only.",
  async run(context) {
    const account = addressArgument(context.args[0]);
    const connections = await connectEachChain(searchedRpcs(context));
    const outcomes = await searchEachChain(connections, async (client) => (await readPending(client, account)).tokens);
    const verdict = chainSearchVerdict(outcomes, "all", EXIT.ok);
    if (verdict.kind === "unknown") throw unknownFailure(verdict, `No tokens reserved for ${account}`);
    const unreachable: Unreached[] = verdict.kind === "found" ? verdict.unreachable : [];
    const pending: Pending = {
      account,
      tokens: verdict.kind === "found" ? verdict.hits.flatMap((hit) => hit.value) : [],
    };
    process.stderr.write(unreachableLines("pending", unreachable));
    if (context.json) {
      printJson("pending", { ...pending, ...(unreachable.length > 0 ? { unreachable: unreachableJson(unreachable) } : {}) });
    } else {
      const chains = connections.length > 1 ? verdict.answered.map((chain) => chain.chainId) : undefined;
      process.stdout.write(human(pending, chains));
    }
    return verdict.exitCode;
  },
};
