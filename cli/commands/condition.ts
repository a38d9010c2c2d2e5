import { type Address, type Hex, decodeAbiParameters, isAddressEqual } from "viem";
import { attestCondition, conditionSchemaUid, eas, readEscrowsOf, readRecord, revokeCondition } from "@/lib/sdk";
import { type Command, type CommandContext, stringOption } from "../command";
import { ofKnownRecord, recordHashArgument } from "../arguments";
import { CliError, EXIT } from "../errors";
import { printJson } from "../format";
import { KEYSTORE_OPTION, SIGNER_HELP } from "../signer";
import { onSent, signerFor, uidArgument } from "../write";

const ACTIONS = ["attest", "revoke"] as const;
type Action = (typeof ACTIONS)[number];

/** Longest condition name or statement taken: a fact in a few words, not a document (that is what records are for). */
const MAX_TEXT = 200;

function textOption(context: CommandContext, name: string, example: string): string {
  const value = stringOption(context, name)?.trim();
  if (!value) throw new CliError(`integra condition attest needs --${name} TEXT, e.g. --${name} ${example}.`);
  if (value.length > MAX_TEXT) throw new CliError(`--${name} is ${value.length} characters: at most ${MAX_TEXT}.`);
  return value;
}

/** The escrows of the record that wait on an attestation by `attester` (on the condition schema), oldest first. */
async function escrowsWaitingOn(client: Parameters<typeof readEscrowsOf>[0], integraHash: Hex, attester: Address, fromBlock: bigint) {
  const escrows = await readEscrowsOf(client, integraHash, fromBlock);
  return escrows
    .filter((e) => e.conditions.attestation && isAddressEqual(e.conditions.attestation.attester, attester))
    .map((e) => e.escrowId)
    .reverse();
}

async function attest(context: CommandContext, rest: string[]): Promise<number> {
  const integraHash = recordHashArgument(rest[0]);
  const condition = textOption(context, "condition", "inspection");
  const statement = textOption(context, "statement", '"passed"');
  const signer = await signerFor(context);
  const record = await ofKnownRecord(integraHash, readRecord(signer.client, integraHash));
  const attester = signer.account.address;
  const waiting = await escrowsWaitingOn(signer.client, integraHash, attester, record.registeredBlock);
  if (waiting.length === 0)
    process.stderr.write(
      `integra condition attest: no escrow of ${integraHash} names ${attester} as its attester yet: the attestation counts for an escrow that does (one opened later too).\n`,
    );
  const { uid, transactionHash } = await attestCondition(signer, { integraHash, condition, statement }, onSent);
  if (context.json) {
    printJson("condition", { action: "attest", uid, integraHash, condition, statement, attester, transactionHash, escrows: waiting });
    return EXIT.ok;
  }
  process.stdout.write(
    `Attested “${condition}”: “${statement}” on ${integraHash} as ${uid} (in ${transactionHash})${
      waiting.length
        ? `; escrow${waiting.length === 1 ? "" : "s"} ${waiting.map((id) => `#${id}`).join(", ")} count${waiting.length === 1 ? "s" : ""} it`
        : ""
    }.\n`,
  );
  return EXIT.ok;
}

async function revoke(context: CommandContext, rest: string[]): Promise<number> {
  const uid = uidArgument(rest[0]);
  const signer = await signerFor(context);
  const attestation = await signer.client.readContract({ ...eas, functionName: "getAttestation", args: [uid] });
  if (attestation.uid !== uid) throw new CliError(`No attestation ${uid} exists on this chain.`, { code: "UnknownAttestation" });
  if (attestation.schema !== conditionSchemaUid)
    throw new CliError(
      `${uid} is not a condition attestation (its schema is ${attestation.schema}); a capability is revoked with integra revoke.`,
      {
        code: "WrongSchema",
      },
    );
  const [integraHash, condition, statement] = decodeAbiParameters(
    [{ type: "bytes32" }, { type: "string" }, { type: "string" }],
    attestation.data,
  );
  const { transactionHash } = await revokeCondition(signer, uid, onSent);
  if (context.json) {
    printJson("condition", { action: "revoke", uid, integraHash, condition, statement, attester: attestation.attester, transactionHash });
    return EXIT.ok;
  }
  process.stdout.write(
    `Revoked ${uid} (“${condition}”: “${statement}” on ${integraHash}): no escrow counts it from now on (in ${transactionHash}).\n`,
  );
  return EXIT.ok;
}

export const conditionCommand: Command = {
  name: "condition",
  summary: "attest a fact an escrow waits on (an inspection passed), or revoke that attestation",
  arguments: "attest <integraHash> | revoke <uid>",
  positionals: { min: 2, max: 2 },
  options: {
    condition: { type: "string", value: "NAME", help: "attest: what is attested: inspection, compliance, delivery, …" },
    statement: { type: "string", value: "TEXT", help: 'attest: what was found: "passed", "delivered on 2026-03-02", …' },
    ...KEYSTORE_OPTION,
  },
  description:
    "Condition attestations (EAS, on the project's condition schema: the record, a condition's name, a statement):\n\n" +
    '  integra condition attest <integraHash> --condition inspection --statement "passed"\n' +
    "  integra condition revoke <uid>\n\n" +
    "An escrow that names the signer as its attester (integra escrow open --attester A) counts a valid, unrevoked one for\n" +
    "its record: once its other conditions hold, anyone may release it (integra escrow release). A watch of the record or\n" +
    "its workflow delivers it as ConditionAttested (and a revocation as ConditionRevoked). Only its attester revokes it.\n\n" +
    SIGNER_HELP,
  async run(context) {
    const [actionText, ...rest] = context.args;
    if (!(ACTIONS as readonly string[]).includes(actionText))
      throw new CliError(`Unknown condition action "${actionText}": use attest or revoke (see integra condition --help).`);
    const action = actionText as Action;
    if (action === "revoke") {
      const extra = ["condition", "statement"].filter((o) => context.options[o] !== undefined);
      if (extra.length > 0)
        throw new CliError(`integra condition revoke takes the attestation's uid only; --${extra[0]} goes with attest.`);
      return revoke(context, rest);
    }
    return attest(context, rest);
  },
};
