import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { type ContentRecord, chainFor, hashFile, readRecordsByContent } from "@/lib/sdk";
import type { Command } from "../command";
import {
  chainSearchVerdict,
  chainsLabel,
  requireSomeChain,
  searchEachChain,
  searchedRpcs,
  unknownFailure,
  unreachableJson,
  unreachableLines,
} from "../chainSearch";
import { connectEachChain } from "../connect";
import { EXIT } from "../errors";
import { checkFile } from "../files";
import { printJson, shortHex, table, when } from "../format";
import { progressBar } from "../progress";

/** One record of the file, with the chain it is registered on. */
interface ChainRecord {
  chainId: number;
  record: ContentRecord;
}

/** The text of a verification; `namesChains` when several chains were searched. */
function human(contentHash: string, records: readonly ChainRecord[], searched: readonly number[], namesChains: boolean): string {
  if (records.length === 0) {
    const where = namesChains ? chainsLabel(searched) : "this chain";
    return `Not registered: no record on ${where} has content hash ${contentHash}.\n`;
  }
  const rows = records.map(({ chainId, record: r }) => [
    ...(namesChains ? [String(chainId)] : []),
    r.integraHash,
    r.registrant,
    when(r.registeredAt),
    r.progress ? `${r.progress.claimed} of ${r.progress.reserved} claimed${r.progress.complete ? ", complete" : ""}` : "no tokens",
    r.workflowOwner === undefined
      ? "no workflow"
      : r.workflowOwner.toLowerCase() === r.registrant.toLowerCase()
        ? "owns its workflow"
        : `member of ${shortHex(r.workflowOwner)}'s workflow`,
  ]);
  const registeredOn = [...new Set(records.map((r) => r.chainId))];
  const notOn = searched.filter((chainId) => !registeredOn.includes(chainId));
  const where = namesChains ? `, on ${chainsLabel(registeredOn, "and")}${notOn.length ? `; none on ${chainsLabel(notOn)}` : ""}` : "";
  return `Registered: ${records.length} record${records.length === 1 ? "" : "s"} with content hash ${contentHash}${where}\n\n${table(
    [...(namesChains ? ["chain"] : []), "record", "registrant", "registered", "tokens", "workflow"],
    rows,
  )}\n`;
}

export const verifyCommand: Command = {
  name: "verify",
  summary: "whether a file is registered, on one chain or several (exit 0 registered, 1 not registered, 2-4 an error)",
  arguments: "<file>",
  description:
    "Hashes the file (SHA-256, streamed, with a progress bar on stderr) and lists every record registered under\n" +
    "that content hash with its registrant, and whether the registrant owns the record's workflow or is a member\n" +
    "its owner admitted (nobody else can register into a workflow).\n" +
    "Several chains: --rpc repeated, one per chain (or INTEGRA_RPCS=URL,URL): the file is hashed once and looked up\n" +
    "on each; every record is listed with its chain. Registered on any of them is exit 0; a chain that does not\n" +
    "answer is named on stderr.\n" +
    "Exit code: 0 registered, 1 not registered (every chain answered); 2 bad input, 3 refused, 4 try later (a chain\n" +
    "did not answer and none that did has the file).",
  async run(context) {
    const [path] = context.args;
    await checkFile(path);
    const connections = await connectEachChain(searchedRpcs(context));
    requireSomeChain(connections, "Not registered");
    const bar = progressBar(`Hashing ${basename(path)}`);
    const contentHash = await hashFile(path, (done, total) => bar.update(done, total));
    bar.finish((await stat(path)).size);
    const outcomes = await searchEachChain(connections, async (client) => {
      const records = await readRecordsByContent(client, contentHash);
      return records.length > 0 ? records : undefined;
    });
    const verdict = chainSearchVerdict(outcomes, "any", EXIT.notRegistered);
    if (verdict.kind === "unknown") throw unknownFailure(verdict, `No record with content hash ${contentHash}`);
    const records: ChainRecord[] =
      verdict.kind === "found"
        ? verdict.hits.flatMap(({ chain, value }) => value.map((record) => ({ chainId: chain.chainId, record })))
        : [];
    const unreachable = verdict.kind === "found" ? verdict.unreachable : [];
    const searched = verdict.answered.map((chain) => chain.chainId);
    process.stderr.write(unreachableLines("verify", unreachable));
    const registered = records.length > 0;
    if (context.json) {
      // Field by field: the document's shape is the CLI's (cli/schemas/verify.schema.json), not whatever the SDK's row holds.
      const rows = records.map(({ chainId, record: r }) => ({
        integraHash: r.integraHash,
        chainId,
        chainName: chainFor(chainId).name,
        registrant: r.registrant,
        processHash: r.processHash,
        workflowOwner: r.workflowOwner,
        owner: r.owner,
        registeredAt: r.registeredAt,
        tokenizer: r.tokenizer,
        progress: r.progress && { reserved: r.progress.reserved, claimed: r.progress.claimed, complete: r.progress.complete },
      }));
      const chains = searched.map((chainId) => ({
        chainId,
        chainName: chainFor(chainId).name,
        registered: records.some((r) => r.chainId === chainId),
      }));
      printJson("verify", {
        file: path,
        contentHash,
        registered,
        records: rows,
        chains,
        ...(unreachable.length > 0 ? { unreachable: unreachableJson(unreachable) } : {}),
      });
    } else {
      process.stdout.write(human(contentHash, records, searched, connections.length > 1));
    }
    return verdict.exitCode;
  },
};
