import { writeFile } from "node:fs/promises";
import { buildProof, chainFor, serializeProofBundle } from "@/lib/sdk";
import { type Command, stringOption } from "../command";
import { recordHashArgument } from "../arguments";
import { chainSearchVerdict, ifRecordKnown, recordNotFound, searchEachChain, searchedRpcs, unreachableLines } from "../chainSearch";
import { connectEachChain } from "../connect";
import { CliError, EXIT, exitCodeOf } from "../errors";
import { printJson } from "../format";

export const proofCommand: Command = {
  name: "proof",
  summary: "a portable proof of a record: its events with receipts, its attestations, the chain and contracts",
  arguments: "<integraHash>",
  options: {
    output: { type: "string", short: "o", value: "FILE", help: "write the proof to FILE (default: print it on stdout)" },
  },
  description:
    "Reads the record, every Integra event of it with the block hash and the receipt of its transaction, and the EAS\n" +
    "attestations those events name, and writes them as one JSON file with the chain id and contract addresses.\n" +
    "Anyone can check it with `integra check-proof` (offline, or against a node with --rpc) or on the app's /verify page.\n" +
    "Several chains: --rpc repeated, one per chain (or INTEGRA_RPCS=URL,URL): the proof is made on the first chain, in\n" +
    "that order, that has the record, and names that chain.",
  async run(context) {
    const integraHash = recordHashArgument(context.args[0]);
    const output = stringOption(context, "output");
    const connections = await connectEachChain(searchedRpcs(context));
    const outcomes = await searchEachChain(connections, (client) => ifRecordKnown(buildProof(client, integraHash)));
    const verdict = chainSearchVerdict(outcomes, "first", exitCodeOf({ code: "RecordNotFound", retry: false }));
    if (verdict.kind !== "found") throw recordNotFound(verdict, integraHash, connections.length);
    process.stderr.write(unreachableLines("proof", verdict.unreachable));
    const [{ value: bundle }] = verdict.hits;
    const text = serializeProofBundle(bundle);
    if (!output) {
      process.stdout.write(text);
      return EXIT.ok;
    }
    try {
      await writeFile(output, text);
    } catch (error) {
      throw new CliError(`Cannot write ${output}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const chainName = chainFor(bundle.chainId).name;
    const summary = {
      file: output,
      integraHash,
      chainId: bundle.chainId,
      chainName,
      block: { number: bundle.block.number, hash: bundle.block.hash },
      events: bundle.logs.length,
      transactions: bundle.receipts.length,
      attestations: bundle.attestations.length,
    };
    if (context.json) {
      printJson("proof", summary);
    } else {
      // With several chains, the chain's name too: which of them the proof is of.
      const chain = connections.length > 1 ? `${bundle.chainId} (${chainName})` : String(bundle.chainId);
      process.stdout.write(
        `Wrote the proof of record ${integraHash} to ${output}: ${summary.events} events in ${summary.transactions} transactions, ` +
          `${summary.attestations} attestations, as of block ${bundle.block.number} of chain ${chain}.\n`,
      );
    }
    return EXIT.ok;
  },
};
