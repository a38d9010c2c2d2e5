import type { Hex } from "viem";
import { type ClaimAllResult, claim, claimAll, displayRole, parseBytes32, workflowHash } from "@/lib/sdk";
import { type Command, type CommandContext, stringOption } from "../command";
import { recordHashArgument, workflowArgument } from "../arguments";
import { CliError, EXIT } from "../errors";
import { printJson, table } from "../format";
import { KEYSTORE_OPTION, SIGNER_HELP } from "../signer";
import { RELAYER_OPTION, relayerOption, signerFor, tokenIdArgument } from "../write";

/** `claim --record H --token N`: one token, its attestation found (or given). */
async function claimOne(context: CommandContext, relayer: string | undefined): Promise<number> {
  const integraHash = recordHashArgument(stringOption(context, "record"));
  const tokenId = tokenIdArgument(stringOption(context, "token"), "--token");
  const uidText = stringOption(context, "attestation");
  const attestationUid = uidText === undefined ? undefined : parseBytes32(uidText);
  if (uidText !== undefined && !attestationUid) throw new CliError(`Not an attestation UID: "${uidText}".`);
  const signer = await signerFor(context);
  const result = await claim(
    signer,
    { integraHash, tokenId, attestationUid },
    {
      relayer,
      onSent: (hash) => process.stderr.write(`Sent ${hash}${relayer ? " through the relayer" : ""}; waiting for it to be mined…\n`),
    },
  );
  const claimed = { integraHash, tokenId, claimant: signer.account.address, gasless: relayer !== undefined, ...result };
  if (context.json) {
    printJson("claim", claimed);
    return EXIT.ok;
  }
  process.stdout.write(
    `Claimed token #${tokenId} of ${integraHash} for ${signer.account.address} in ${result.transactionHash}${relayer ? " (fee paid by the relayer)" : ""}.\n`,
  );
  return EXIT.ok;
}

function human(result: ClaimAllResult): string {
  const label = (t: { tokenId: bigint; role: string }) => `#${t.tokenId}${displayRole(t.role) ? ` ${displayRole(t.role)}` : ""}`;
  const count = result.transactions.length;
  const payer =
    result.paidBy === "relayer"
      ? `, fee paid by the relayer${result.batched ? ` (${count === 1 ? "one forwarded batch" : `${count} forwarded batches`})` : ""}`
      : "";
  const parts = [
    count === 0
      ? `Nothing to claim for ${result.account} now: ${result.skipped.length === 0 ? "no token is waiting for it." : "its tokens below cannot be claimed yet."}`
      : `Claimed ${result.claimed.length} token${result.claimed.length === 1 ? "" : "s"} for ${result.account} in ${count} transaction${count === 1 ? "" : "s"}${payer}.`,
  ];
  if (result.claimed.length > 0)
    parts.push(
      table(
        ["record", "token", "transaction"],
        result.claimed.map((t) => [t.integraHash, label(t), t.transactionHash]),
      ),
    );
  if (result.failed.length > 0)
    parts.push(
      `Failed:\n${table(
        ["record", "token", "why"],
        result.failed.map((t) => [t.integraHash, label(t), t.reason]),
      )}`,
    );
  if (result.skipped.length > 0)
    parts.push(
      `Not claimable now:\n${table(
        ["record", "token", "why"],
        result.skipped.map((t) => [t.integraHash, label(t), t.reason]),
      )}`,
    );
  return `${parts.join("\n\n")}\n`;
}

/** `claim --all`: every token the signer can claim now, in as few transactions as the relayer allows. */
async function claimEvery(context: CommandContext, relayer: string | undefined): Promise<number> {
  const workflowText = stringOption(context, "workflow");
  const owner = stringOption(context, "workflow-owner");
  const processHash: Hex | undefined =
    workflowText === undefined ? undefined : workflowHash(workflowArgument(workflowText, owner, "--workflow-owner"));
  const wait = context.options.wait === true;
  if (wait && !relayer) throw new CliError("--wait waits for the relayer: give --relayer URL.");
  const signer = await signerFor(context);
  const result = await claimAll(signer, {
    processHash,
    relayer,
    wait,
    onSent: (hash, claims) =>
      process.stderr.write(
        `Sent ${hash} (${claims} claim${claims === 1 ? "" : "s"}${relayer ? ", through the relayer" : ""}); waiting for it to be mined…\n`,
      ),
    onWait: (seconds, reason) => process.stderr.write(`The relayer asks to wait ${seconds} s: ${reason} Waiting…\n`),
  });
  if (context.json) printJson("claim-all", { ...result, processHash });
  else process.stdout.write(human(result));
  // Claims that failed on chain are a refusal of part of the work: the result above says which and why.
  return result.failed.length > 0 ? EXIT.refused : EXIT.ok;
}

export const claimCommand: Command = {
  name: "claim",
  summary: "claim a token reserved for the signer, or --all of them; paying the fee or gasless through a relayer",
  arguments: "--record H --token N | --all",
  positionals: { min: 0, max: 0 },
  options: {
    record: { type: "string", value: "H", help: "the record (its integraHash)" },
    token: { type: "string", value: "N", help: "the token id reserved for the signer" },
    attestation: { type: "string", value: "UID", help: "the CLAIM attestation to use (default: the signer's usable one)" },
    all: { type: "boolean", help: "every token reserved for the signer that it can claim now (integra pending lists them)" },
    workflow: { type: "string", value: "NAME|0xHASH", help: "with --all: only the tokens of this workflow" },
    "workflow-owner": { type: "string", value: "ADDRESS", help: "the owner of the workflow NAME" },
    ...RELAYER_OPTION,
    wait: {
      type: "boolean",
      help: "with --relayer: when the relayer says to come back later (a rate limit), wait as it asks and go on",
    },
    ...KEYSTORE_OPTION,
  },
  description:
    "Claims token N of record H for the signer, with the CLAIM attestation the record's owner issued; or, with --all,\n" +
    "every token reserved for the signer that it can claim now (those it cannot are listed with the reason: no\n" +
    "attestation yet, revoked, expired…). Without --relayer the signer pays the network fee, one transaction per\n" +
    "claim. With it the signer signs ERC-2771 requests and needs no ether: --all sends them as one forwarded batch\n" +
    "(the forwarder's executeBatch, one transaction) per as many claims as the relayer takes at once (one token of\n" +
    "a record per batch), refused or taken whole. If the relayer is off, a signer holding ether pays itself. --wait: a relayer's \"try again in N\n" +
    'seconds" (up to 10 minutes) is waited out instead of failing. Exit code 3 when some claim failed on chain.\n\n' +
    "  integra claim --record 0x… --token 2 --relayer http://localhost:3000\n" +
    "  integra claim --all --workflow closings/2026-11 --workflow-owner 0x7099…79C8 --relayer http://localhost:3000 --wait\n\n" +
    SIGNER_HELP,
  async run(context) {
    const relayer = relayerOption(context);
    const all = context.options.all === true;
    const single = ["record", "token", "attestation"].filter((o) => context.options[o] !== undefined);
    const many = ["workflow", "workflow-owner", "wait"].filter((o) => context.options[o] !== undefined);
    if (all && single.length > 0) throw new CliError(`--all claims every token: it takes no --${single[0]}.`);
    if (!all && many.length > 0) throw new CliError(`--${many[0]} goes with --all.`);
    return all ? claimEvery(context, relayer) : claimOne(context, relayer);
  },
};
