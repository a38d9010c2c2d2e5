import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { type Address, type Hex, zeroAddress } from "viem";
import {
  type IntegraSigner,
  type PartyInput,
  type TokenizerKind,
  hashFile,
  parseAddress,
  readRecordsByContent,
  register,
  tokenizers,
  displayRole,
  workflowForRegistration,
} from "@/lib/sdk";
import { type Command, listOption, stringOption } from "../command";
import { addressArgument, workflowArgument } from "../arguments";
import { connect } from "../connect";
import { CliError, EXIT } from "../errors";
import { table, toJson } from "../format";
import { progressBar } from "../progress";
import { KEYSTORE_OPTION, SIGNER_HELP, loadAccount } from "../signer";
import { checkFile } from "../files";

const TOKENIZER_NAMES: Record<string, TokenizerKind> = { ownership: "ownership", multi: "multiParty", multiparty: "multiParty" };

/** "Seller=0xabc…" → a party; the role is what the party is called, the address who claims. */
function parseParty(text: string): PartyInput {
  const at = text.lastIndexOf("=");
  const role = at > 0 ? text.slice(0, at).trim() : "";
  const address = parseAddress(at > 0 ? text.slice(at + 1) : text);
  if (!role || !address)
    throw new CliError(`Not a party: "${text}". Write ROLE=ADDRESS, e.g. --party Seller=0x70997970C51812dc3A010C7d01b50e0d17dc79C8.`);
  return { role, address };
}

interface FileResult {
  file: string;
  contentHash: Hex;
  status: "registered" | "already registered";
  integraHash: Hex;
  transactionHash?: Hex;
  tokens: { tokenId: bigint; role?: string; recipient: Address }[];
}

export const registerCommand: Command = {
  name: "register",
  summary: "register documents by hash and reserve their parties' tokens, one transaction per file",
  arguments: "<file…>",
  positionals: { min: 1, max: Infinity },
  options: {
    tokenizer: {
      type: "string",
      value: "KIND",
      help: "ownership (one deed token, one party) or multi (one role token per party); default multi",
    },
    party: { type: "string", multiple: true, value: "ROLE=ADDRESS", help: "a party and its role, in token order: the first gets token #1" },
    workflow: {
      type: "string",
      value: "NAME|0xHASH",
      help: "the workflow the records belong to: the signer's own workflow NAME (opened by its first record), or a processHash",
    },
    "workflow-owner": {
      type: "string",
      value: "ADDRESS",
      help: "register into ADDRESS's workflow NAME instead, as a member that owner admitted (integra workflow admit)",
    },
    executor: {
      type: "string",
      value: "ADDRESS",
      help: "offer ADDRESS the executor role (it acts for the owner once it accepts: integra executor accept)",
    },
    title: {
      type: "string",
      value: "TEXT",
      help: "the document's title, kept private: encrypted with INTEGRA_PASSPHRASE (several files: {file} is the file's name)",
    },
    reference: { type: "string", value: "TEXT", help: "where the document lives, kept private the same way ({file} as for --title)" },
    ...KEYSTORE_OPTION,
  },
  description:
    "Hashes each file (SHA-256, streamed; the file never leaves this machine) and registers it in one transaction\n" +
    "that also reserves and seals one token per --party. Several files are registered in one run, one after the\n" +
    "other, with a progress bar on stderr. A file this signer already registered in the same workflow is skipped,\n" +
    "so a run that stopped half-way can simply be run again. Roles are public, on the tokens; a title and reference\n" +
    "are encrypted together with INTEGRA_PASSPHRASE and readable on the record page with it.\n\n" +
    "Workflows belong to their owner: only the owner and the members it admitted register into one. --workflow NAME\n" +
    "is the signer's own workflow of that name, opened in the same transaction as its first record; with\n" +
    "--workflow-owner ADDRESS it is that owner's workflow, which must have admitted the signer (else nothing is\n" +
    "sent and the owner is named). A 0x processHash names any open workflow.\n\n" +
    SIGNER_HELP,
  async run(context) {
    const tokenizerName = (stringOption(context, "tokenizer") ?? "multi").toLowerCase();
    const tokenizer = TOKENIZER_NAMES[tokenizerName];
    if (!tokenizer) throw new CliError(`Unknown tokenizer "${tokenizerName}": use ownership or multi.`);
    const parties = listOption(context, "party").map(parseParty);
    if (parties.length === 0) throw new CliError("Name at least one party: --party ROLE=ADDRESS.");
    if (tokenizer === "ownership" && parties.length !== 1) {
      throw new CliError(`The ownership tokenizer has one deed token, so one party; got ${parties.length}. Use --tokenizer multi.`);
    }
    const workflowText = stringOption(context, "workflow");
    if (!workflowText?.trim())
      throw new CliError('Name the workflow: --workflow NAME (e.g. "closing/12-harbour-lane") or its 0x processHash.');
    const workflowOwner = stringOption(context, "workflow-owner");
    // Checked before any key is loaded; the owner defaults to the signer below.
    workflowArgument(workflowText, workflowOwner, "--workflow-owner", zeroAddress);
    const title = stringOption(context, "title");
    const reference = stringOption(context, "reference");
    const passphrase = process.env.INTEGRA_PASSPHRASE ?? "";
    if ((title !== undefined || reference !== undefined) && !passphrase) {
      throw new CliError(
        "A title or reference is encrypted before it goes on chain: set INTEGRA_PASSPHRASE (share it only with the parties).",
      );
    }
    const executorText = stringOption(context, "executor");
    const executor = executorText === undefined ? undefined : addressArgument(executorText);
    for (const file of context.args) await checkFile(file);

    const account = await loadAccount(context);
    const signer: IntegraSigner = { client: await connect(context.rpc), account };
    const workflow = workflowArgument(workflowText, workflowOwner, "--workflow-owner", account.address);
    // Refused here, before any file is hashed, when the signer may not register into the workflow (the owner is named).
    const { processHash } = await workflowForRegistration(signer, workflow);
    let opened = false;
    const results: FileResult[] = [];
    const overall = progressBar("Registered", process.stderr, "files");
    for (const [index, file] of context.args.entries()) {
      const bar = progressBar(`Hashing ${basename(file)}`);
      const contentHash = await hashFile(file, (done, total) => bar.update(done, total));
      bar.finish((await stat(file)).size);
      const mine = (await readRecordsByContent(signer.client, contentHash)).find(
        (r) => r.registrant.toLowerCase() === account.address.toLowerCase() && r.processHash.toLowerCase() === processHash.toLowerCase(),
      );
      if (mine) {
        results.push({ file, contentHash, status: "already registered", integraHash: mine.integraHash, tokens: [] });
      } else {
        const named = (text: string | undefined) => text?.replaceAll("{file}", basename(file));
        const details =
          title !== undefined || reference !== undefined ? { title: named(title), reference: named(reference), passphrase } : undefined;
        const registered = await register(signer, { contentHash, tokenizer, parties, workflow, executor, details });
        opened ||= registered.openedWorkflow;
        results.push({
          file,
          contentHash,
          status: "registered",
          integraHash: registered.integraHash,
          transactionHash: registered.transactionHash,
          tokens: registered.tokens,
        });
      }
      overall.update(index + 1, context.args.length);
    }
    overall.finish(context.args.length);

    if (context.json) {
      process.stdout.write(
        `${toJson({
          registrant: account.address,
          workflow: typeof workflow === "string" ? { processHash } : { ...workflow, processHash },
          openedWorkflow: opened,
          tokenizer: tokenizers[tokenizer].address,
          records: results,
        })}\n`,
      );
    } else {
      if (opened) process.stdout.write(`Opened workflow "${workflowText.trim()}" (${processHash}), owned by ${account.address}.\n`);
      process.stdout.write(
        `${table(
          ["file", "record", "status", "tokens"],
          results.map((r) => [
            basename(r.file),
            r.integraHash,
            r.status,
            r.tokens.map((t) => `#${t.tokenId}${displayRole(t.role) ? ` ${displayRole(t.role)}` : ""}`).join(", ") || "-",
          ]),
        )}\n`,
      );
    }
    return EXIT.ok;
  },
};
