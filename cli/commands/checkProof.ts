import type { Hex, PublicClient } from "viem";
import {
  type ProofBundle,
  ProofFormatError,
  chainFor,
  checkProof,
  firstFailure,
  deploymentInUse,
  hashFile,
  parseProofBundleText,
} from "@/lib/sdk";
import { type Command, type CommandContext, stringOption } from "../command";
import { clientOfChain } from "../chainSearch";
import { connect, connectEachChain } from "../connect";
import { deploymentForChain } from "../deploymentChoice";
import { CliError, EXIT } from "../errors";
import { checkFile, readTextFile } from "../files";
import { printJson } from "../format";

async function hashOf(path: string): Promise<Hex> {
  await checkFile(path);
  return hashFile(path);
}

function parse(path: string, text: string): ProofBundle {
  try {
    return parseProofBundleText(text);
  } catch (error) {
    if (error instanceof ProofFormatError) {
      throw new CliError(`${path} is not a valid Integra proof: ${error.field ? `${error.field}: ` : ""}${error.problem}`);
    }
    throw error;
  }
}

/**
 * The client the proof is re-read through: none offline (no --rpc); the one --rpc's; with several, the one of the
 * proof's own chain.
 */
async function clientFor(bundle: ProofBundle, context: CommandContext): Promise<PublicClient | undefined> {
  if (!context.rpcGiven) return undefined;
  if (context.rpcs.length === 1) return connect(context.rpc);
  return clientOfChain(bundle.chainId, await connectEachChain(context.rpcs), "The proof");
}

export const checkProofCommand: Command = {
  name: "check-proof",
  summary: "check a proof file, offline or (with --rpc) against the chain (exit 0 all checks pass, 3 any fails)",
  arguments: "<bundle.json>",
  options: {
    file: { type: "string", value: "FILE", help: "also check that FILE is the registered document (its SHA-256)" },
  },
  description:
    'Checks a proof made by `integra proof` (or the app\'s "Download proof"). Offline, without --rpc: it is of this\n' +
    "chain and deployment, and consistent with itself: every event decodes, belongs to the record and is in its\n" +
    "transaction's receipt; the record follows from its events; every attestation's ID is the hash of its contents and\n" +
    "every grant and claim names one for this record. With --file, the document's SHA-256 is the record's content hash.\n" +
    "With --rpc URL it also re-reads the chain: the proof's block, every event (none left out), every attestation.\n" +
    "With --rpc repeated (one per chain), the proof is re-read on its own chain: the --rpc whose chain it names.\n" +
    "Offline checks show consistency only; the online checks show the proof is the chain's.\n" +
    "One line per check. Exit code: 0 every check passed, 3 a check failed, 2 the input is bad (one line on stderr).",
  async run(context) {
    const [path] = context.args;
    const bundle = parse(path, await readTextFile(path, "proof file"));
    const documentPath = stringOption(context, "file");
    const fileHash = documentPath ? await hashOf(documentPath) : undefined;
    const client = await clientFor(bundle, context);
    // Offline, a proof is checked against the deployment chosen, else the one known for the proof's chain.
    if (!client && deploymentInUse() === undefined) deploymentForChain(bundle.chainId, "the proof");
    const checks = await checkProof(bundle, { fileHash, client });
    if (context.json) {
      printJson("check-proof", {
        proof: path,
        integraHash: bundle.integraHash,
        chainId: bundle.chainId,
        chainName: chainFor(bundle.chainId).name,
        ok: checks.every((c) => c.ok),
        online: !!client,
        // Field by field: the document's shape is the CLI's (cli/schemas/check-proof.schema.json).
        checks: checks.map((c) => ({ id: c.id, title: c.title, ok: c.ok, detail: c.detail, online: c.online })),
      });
    } else {
      const lines = checks.map((c) => `${c.ok ? "✓" : "✗"} ${c.title}: ${c.detail}`);
      if (!client) lines.push("  (offline: consistency only. Add --rpc URL to re-read every event and attestation from the chain.)");
      // With several --rpc, the chain's name too: which of them the proof was checked on.
      const chain = context.rpcs.length > 1 ? `${bundle.chainId} (${chainFor(bundle.chainId).name})` : String(bundle.chainId);
      process.stdout.write(`Proof of record ${bundle.integraHash} (chain ${chain}, block ${bundle.block.number})\n${lines.join("\n")}\n`);
    }
    const failure = firstFailure(checks);
    if (failure && context.json) {
      // The JSON document above already says which checks failed: one document on stdout, the line on stderr.
      process.stderr.write(`integra check-proof: ${failure}\n`);
      return EXIT.refused;
    }
    if (failure) throw new CliError(failure, { code: "ProofCheckFailed" });
    return EXIT.ok;
  },
};
