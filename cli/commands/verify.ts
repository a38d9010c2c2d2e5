import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { verifyFile } from "@/lib/sdk";
import type { Command } from "../command";
import { connect } from "../connect";
import { EXIT } from "../errors";
import { checkFile } from "../files";
import { printJson, shortHex, table, when } from "../format";
import { progressBar } from "../progress";

export const verifyCommand: Command = {
  name: "verify",
  summary: "whether a file is registered (exit 0 registered, 1 not registered, 2-4 an error)",
  arguments: "<file>",
  description:
    "Hashes the file (SHA-256, streamed, with a progress bar on stderr) and lists every record registered under\n" +
    "that content hash with its registrant, and whether the registrant owns the record's workflow or is a member\n" +
    "its owner admitted (nobody else can register into a workflow).\n" +
    "Exit code: 0 registered, 1 not registered; 2 bad input, 3 refused, 4 try later.",
  async run({ args, json, rpc }) {
    const [path] = args;
    await checkFile(path);
    const client = await connect(rpc);
    const bar = progressBar(`Hashing ${basename(path)}`);
    const { contentHash, records } = await verifyFile(client, path, (done, total) => bar.update(done, total));
    bar.finish((await stat(path)).size);
    const registered = records.length > 0;
    if (json) {
      // Field by field: the document's shape is the CLI's (cli/schemas/verify.schema.json), not whatever the SDK's row holds.
      const rows = records.map((r) => ({
        integraHash: r.integraHash,
        registrant: r.registrant,
        processHash: r.processHash,
        workflowOwner: r.workflowOwner,
        owner: r.owner,
        registeredAt: r.registeredAt,
        tokenizer: r.tokenizer,
        progress: r.progress && { reserved: r.progress.reserved, claimed: r.progress.claimed, complete: r.progress.complete },
      }));
      printJson("verify", { file: path, contentHash, registered, records: rows });
    } else if (!registered) {
      process.stdout.write(`Not registered: no record on this chain has content hash ${contentHash}.\n`);
    } else {
      const rows = records.map((r) => [
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
      process.stdout.write(
        `Registered: ${records.length} record${records.length === 1 ? "" : "s"} with content hash ${contentHash}\n\n${table(
          ["record", "registrant", "registered", "tokens", "workflow"],
          rows,
        )}\n`,
      );
    }
    return registered ? EXIT.ok : EXIT.notRegistered;
  },
};
