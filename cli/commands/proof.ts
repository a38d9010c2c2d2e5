import { writeFile } from "node:fs/promises";
import { buildProof, serializeProofBundle } from "@/lib/sdk";
import { type Command, stringOption } from "../command";
import { ofKnownRecord, recordHashArgument } from "../arguments";
import { connect } from "../connect";
import { CliError, EXIT } from "../errors";
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
    "Anyone can check it with `integra check-proof` (offline, or against a node with --rpc) or on the app's /verify page.",
  async run(context) {
    const integraHash = recordHashArgument(context.args[0]);
    const output = stringOption(context, "output");
    const client = await connect(context.rpc);
    const bundle = await ofKnownRecord(integraHash, buildProof(client, integraHash));
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
    const summary = {
      file: output,
      integraHash,
      chainId: bundle.chainId,
      block: { number: bundle.block.number, hash: bundle.block.hash },
      events: bundle.logs.length,
      transactions: bundle.receipts.length,
      attestations: bundle.attestations.length,
    };
    if (context.json) {
      printJson("proof", summary);
    } else {
      process.stdout.write(
        `Wrote the proof of record ${integraHash} to ${output}: ${summary.events} events in ${summary.transactions} transactions, ` +
          `${summary.attestations} attestations, as of block ${bundle.block.number} of chain ${bundle.chainId}.\n`,
      );
    }
    return EXIT.ok;
  },
};
