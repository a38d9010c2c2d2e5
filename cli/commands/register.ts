import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { type Address, type Hex, zeroAddress } from "viem";
import {
  CAPABILITY,
  type ContractCall,
  type IntegraSigner,
  type PartyInput,
  type RegisterInput,
  type TokenizerKind,
  type WorkflowRef,
  attestParties,
  decodeContractCall,
  displayRole,
  hashFile,
  integraCalls,
  missingClaimGrants,
  ownRecordOf,
  partySetDifferences,
  predictIntegraHash,
  recordTokensOf,
  register,
  registerCall,
  tokenizerAddress,
  tokenizers,
  workflowForRegistration,
} from "@/lib/sdk";
import { type Command, type CommandContext, listOption, stringOption } from "../command";
import { addressArgument, workflowArgument } from "../arguments";
import { connect } from "../connect";
import { CliError, EXIT } from "../errors";
import { printJson, table } from "../format";
import { progressBar } from "../progress";
import { callJson, renderCalls } from "../dryRun";
import { parseParty } from "../parties";
import { KEYSTORE_OPTION, SIGNER_HELP, loadAccount } from "../signer";
import { checkFile } from "../files";
import { onSent } from "../write";

const TOKENIZER_NAMES: Record<string, TokenizerKind> = { ownership: "ownership", multi: "multiParty", multiparty: "multiParty" };

interface Token {
  tokenId: bigint;
  role: string;
  recipient: Address;
  status: string;
}

/** A file after it is hashed: its content hash, and the signer's record of it in the workflow, if one exists. */
interface Checked {
  file: string;
  contentHash: Hex;
  existing?: { integraHash: Hex; tokens: Token[] };
}

interface FileResult {
  file: string;
  contentHash: Hex;
  status: "registered" | "already registered";
  integraHash: Hex;
  transactionHash?: Hex;
  tokens: Token[];
  /** --attest: the CLAIM attestations issued now (none when every party had one). */
  attestations?: { tokenId: bigint; recipient: Address; uid: Hex }[];
  attestTransactionHash?: Hex;
}

/** What the command line asked for, checked before any key is loaded or file hashed. */
interface Request {
  tokenizer: TokenizerKind;
  parties: PartyInput[];
  workflowText: string;
  workflowOwner?: string;
  executor?: Address;
  title?: string;
  reference?: string;
  passphrase: string;
  attest: boolean;
  dryRun: boolean;
}

function readRequest(context: CommandContext): Request {
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
  // Checked before any key is loaded; the owner defaults to the signer later.
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
  return {
    tokenizer,
    parties,
    workflowText,
    workflowOwner,
    executor: executorText === undefined ? undefined : addressArgument(executorText),
    title,
    reference,
    passphrase,
    attest: context.options.attest === true,
    dryRun: context.options["dry-run"] === true,
  };
}

/** What `register` sends for one file: the record, its reservations and its seal in one transaction. */
function registerInput(request: Request, file: string, contentHash: Hex, workflow: WorkflowRef): RegisterInput {
  const named = (text: string | undefined) => text?.replaceAll("{file}", basename(file));
  const details =
    request.title !== undefined || request.reference !== undefined
      ? { title: named(request.title), reference: named(request.reference), passphrase: request.passphrase }
      : undefined;
  return {
    contentHash,
    tokenizer: request.tokenizer,
    parties: request.parties,
    workflow,
    executor: request.executor,
    details,
  };
}

/**
 * Hashes every file and finds the signer's own record of each in the workflow, before anything is sent: a file
 * registered with other parties refuses the whole run (PartiesDiffer), so no half of a batch goes out.
 */
async function checkFiles(signer: IntegraSigner, request: Request, processHash: Hex, files: string[]): Promise<Checked[]> {
  const checked: Checked[] = [];
  const differing: string[] = [];
  for (const file of files) {
    const bar = progressBar(`Hashing ${basename(file)}`);
    const contentHash = await hashFile(file, (done, total) => bar.update(done, total));
    bar.finish((await stat(file)).size);
    const mine = await ownRecordOf(signer.client, { registrant: signer.account.address, processHash, contentHash });
    if (!mine) {
      checked.push({ file, contentHash });
      continue;
    }
    const rows = await recordTokensOf(signer.client, mine.integraHash);
    const tokens = rows
      .filter((t) => t.status === "reserved" || t.status === "claimed")
      .map((t) => ({ tokenId: t.tokenId, role: t.role, recipient: t.reservedFor, status: t.status }));
    checked.push({ file, contentHash, existing: { integraHash: mine.integraHash, tokens } });
    const differences = partySetDifferences(
      { tokenizer: tokenizerAddress(request.tokenizer), parties: request.parties },
      { tokenizer: mine.tokenizer, tokens: rows },
    );
    if (differences.length > 0) differing.push(`${basename(file)} (${mine.integraHash}): ${differences.join("; ")}`);
  }
  if (differing.length > 0) {
    throw new CliError(
      `Already registered by ${signer.account.address} in this workflow with other parties: ${differing.join(" | ")}. Nothing was sent. Register with the recorded parties (integra status <integraHash>), or change them with integra cancel and integra reserve.`,
      { code: "PartiesDiffer" },
    );
  }
  return checked;
}

/** The calls a run would send for each file, decoded, without signing anything (--dry-run). */
async function dryRun(context: CommandContext, signer: IntegraSigner, request: Request, checked: Checked[]): Promise<number> {
  const workflow = workflowArgument(request.workflowText, request.workflowOwner, "--workflow-owner", signer.account.address);
  const resolved = await workflowForRegistration(signer, workflow);
  let newCount = 0;
  const plans = [];
  for (const file of checked) {
    const calls: ContractCall[] = [];
    let integraHash: Hex;
    if (file.existing) {
      integraHash = file.existing.integraHash;
      const grants = request.attest ? await missingClaimGrants(signer.client, integraHash) : [];
      if (grants.length > 0) calls.push(integraCalls.issueCapabilities({ grants }));
    } else {
      // Only the first new record opens the signer's workflow; the registry numbers the signer's records in order.
      const opening = newCount === 0 ? resolved : { processHash: resolved.processHash };
      calls.push((await registerCall(signer, registerInput(request, file.file, file.contentHash, workflow), opening)).call);
      integraHash = await predictIntegraHash(signer.client, {
        registrant: signer.account.address,
        contentHash: file.contentHash,
        offset: newCount,
      });
      newCount += 1;
      if (request.attest) {
        const grants = request.parties.map((p, i) => ({
          integraHash,
          tokenId: BigInt(i + 1),
          recipient: p.address,
          capabilities: CAPABILITY.CLAIM,
          processHash: resolved.processHash,
        }));
        calls.push(integraCalls.issueCapabilities({ grants }));
      }
    }
    plans.push({
      file: file.file,
      contentHash: file.contentHash,
      status: file.existing ? "already registered" : "would register",
      integraHash,
      calls: calls.map(decodeContractCall),
    });
  }
  if (context.json) {
    const records = plans.map((p) => ({ ...p, calls: p.calls.map(callJson) }));
    printJson("register-dry-run", { dryRun: true, registrant: signer.account.address, processHash: resolved.processHash, records });
  } else {
    const blocks = plans.map(
      (p) =>
        `${basename(p.file)} (${p.contentHash}): ${p.status} as ${p.integraHash}\n${p.calls.length ? renderCalls(p.calls) : "   nothing to send"}`,
    );
    process.stdout.write(`Dry run: nothing is signed or sent. ${signer.account.address} would send:\n\n${blocks.join("\n\n")}\n`);
  }
  return EXIT.ok;
}

export const registerCommand: Command = {
  name: "register",
  summary: "register documents by hash and reserve their parties' tokens (--attest: and make them claimable)",
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
    attest: {
      type: "boolean",
      help: "also attest CLAIM to every party (one more transaction per file): the deed is claimable when the run ends",
    },
    "dry-run": { type: "boolean", help: "print the calls that would be sent, decoded; sign and send nothing" },
    ...KEYSTORE_OPTION,
  },
  description:
    "Hashes each file (SHA-256, streamed; the file never leaves this machine) and registers it in one transaction\n" +
    "that also reserves and seals one token per --party. With --attest, a second transaction per file attests CLAIM\n" +
    "to every party, so each can claim at once (integra claim --all). Several files are registered in one run, one\n" +
    "after the other, with a progress bar on stderr. Roles are public, on the tokens; a title and reference are\n" +
    "encrypted together with INTEGRA_PASSPHRASE and readable on the record page with it.\n\n" +
    "Running it again is safe: a file this signer already registered in the workflow with the same parties is left\n" +
    "as it is and its tokens are listed (with --attest, a party still without a usable attestation gets one). A file\n" +
    "registered with other parties (another party, role, amount or tokenizer) refuses the whole run before anything\n" +
    "is sent (PartiesDiffer), saying what differs. --dry-run prints each call decoded (contract, function, arguments;\n" +
    "the new records' integraHashes as the registry will derive them) and sends nothing.\n\n" +
    "Workflows belong to their owner: only the owner and the members it admitted register into one. --workflow NAME\n" +
    "is the signer's own workflow of that name, opened in the same transaction as its first record; with\n" +
    "--workflow-owner ADDRESS it is that owner's workflow, which must have admitted the signer (else nothing is\n" +
    "sent and the owner is named). A 0x processHash names any open workflow.\n\n" +
    SIGNER_HELP,
  async run(context) {
    const request = readRequest(context);
    for (const file of context.args) await checkFile(file);

    const account = await loadAccount(context);
    const signer: IntegraSigner = { client: await connect(context.rpc), account };
    const workflow = workflowArgument(request.workflowText, request.workflowOwner, "--workflow-owner", account.address);
    // Refused here, before any file is hashed, when the signer may not register into the workflow (the owner is named).
    const { processHash } = await workflowForRegistration(signer, workflow);
    const checked = await checkFiles(signer, request, processHash, context.args);
    if (request.dryRun) return dryRun(context, signer, request, checked);

    let opened = false;
    const results: FileResult[] = [];
    const overall = progressBar("Registered", process.stderr, "files");
    for (const [index, file] of checked.entries()) {
      let result: FileResult;
      if (file.existing) {
        result = { file: file.file, contentHash: file.contentHash, status: "already registered", ...file.existing };
      } else {
        const registered = await register(signer, registerInput(request, file.file, file.contentHash, workflow), onSent);
        opened ||= registered.openedWorkflow;
        result = {
          file: file.file,
          contentHash: file.contentHash,
          status: "registered",
          integraHash: registered.integraHash,
          transactionHash: registered.transactionHash,
          tokens: registered.tokens.map((t) => ({ tokenId: t.tokenId, role: t.role ?? "", recipient: t.recipient, status: "reserved" })),
        };
      }
      if (request.attest) {
        const attested = await attestParties(signer, result.integraHash, { onSent });
        result.attestations = attested.grants.map((g, i) => ({ tokenId: g.tokenId, recipient: g.recipient, uid: attested.uids[i] }));
        result.attestTransactionHash = attested.transactionHash;
      }
      results.push(result);
      overall.update(index + 1, checked.length);
    }
    overall.finish(checked.length);

    if (context.json) {
      printJson("register", {
        registrant: account.address,
        workflow: typeof workflow === "string" ? { processHash } : { ...workflow, processHash },
        openedWorkflow: opened,
        tokenizer: tokenizers[request.tokenizer].address,
        records: results,
      });
    } else {
      if (opened) process.stdout.write(`Opened workflow "${request.workflowText.trim()}" (${processHash}), owned by ${account.address}.\n`);
      process.stdout.write(
        `${table(
          ["file", "record", "status", "tokens", ...(request.attest ? ["attested now"] : [])],
          results.map((r) => [
            basename(r.file),
            r.integraHash,
            r.status,
            r.tokens
              .map(
                (t) => `#${t.tokenId}${displayRole(t.role) ? ` ${displayRole(t.role)}` : ""}${t.status === "claimed" ? " (claimed)" : ""}`,
              )
              .join(", ") || "-",
            ...(request.attest ? [r.attestations?.length ? r.attestations.map((a) => `#${a.tokenId}`).join(", ") : "none needed"] : []),
          ]),
        )}\n`,
      );
    }
    return EXIT.ok;
  },
};
