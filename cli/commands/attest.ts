import type { Address, Hex } from "viem";
import { type CapabilityGrant, attestParties, issueCapabilities, readRecord, recordTokensOf } from "@/lib/sdk";
import { type Command, listOption, stringOption } from "../command";
import { addressArgument, ofKnownRecord, recordHashArgument } from "../arguments";
import { capabilityNames, parseCapabilities } from "../capabilities";
import { CliError, EXIT } from "../errors";
import { printJson, table } from "../format";
import { KEYSTORE_OPTION, SIGNER_HELP } from "../signer";
import { parseWhen } from "../when";
import { onSent, signerFor, tokenIdArgument } from "../write";

/** An attestation as the command reports it (capabilities by name: one type per field). */
function reported(grant: CapabilityGrant, uid: Hex) {
  return {
    uid,
    tokenId: grant.tokenId,
    recipient: grant.recipient,
    capabilities: capabilityNames(grant.capabilities),
    expirationTime: grant.expirationTime ?? 0n,
  };
}

export const attestCommand: Command = {
  name: "attest",
  summary: "issue a capability attestation (CLAIM by default) for a reserved token to its party, or --all: every party",
  arguments: "<integraHash> --token N | --all",
  options: {
    token: { type: "string", value: "N", help: "the token the capability is for (0: any token of the record, with --to)" },
    to: { type: "string", value: "ADDRESS", help: "the recipient (default: the party the token is reserved for)" },
    capability: {
      type: "string",
      multiple: true,
      value: "NAME",
      help: "CLAIM (default), TRANSFER, REQUEST_PAYMENT or APPROVE_PAYMENT",
    },
    expires: { type: "string", value: "WHEN", help: "when it expires: 90m, 12h, 7d, a date (2026-12-31) or unix seconds; default never" },
    all: {
      type: "boolean",
      help: "CLAIM to every party of a reserved token that has no attestation it can use now, in one transaction",
    },
    ...KEYSTORE_OPTION,
  },
  description:
    "The record's owner, or its accepted executor, grants a party a capability with an EAS attestation under the\n" +
    "Integra capability schema. CLAIM is the one the tokenizers check: with it the party can claim its token (`integra\n" +
    "claim`), gasless or not. The attestation is for the record's current owner and executor: it stops counting if the\n" +
    "record changes hands or executors. --all makes every reserved token claimable at once (one transaction, nothing\n" +
    "sent when every party already has a usable one). Revoke one with `integra revoke <uid>`.\n\n" +
    "  integra attest <integraHash> --token 2                   CLAIM on token #2 to the party it is reserved for\n" +
    "  integra attest <integraHash> --all --expires 30d         CLAIM to every party still waiting for one\n" +
    "  integra attest <integraHash> --token 2 --capability REQUEST_PAYMENT --capability APPROVE_PAYMENT\n\n" +
    SIGNER_HELP,
  async run(context) {
    const integraHash = recordHashArgument(context.args[0]);
    const all = context.options.all === true;
    const tokenText = stringOption(context, "token");
    const toText = stringOption(context, "to");
    const capabilityList = listOption(context, "capability");
    if (all && (tokenText !== undefined || toText !== undefined || capabilityList.length > 0))
      throw new CliError("--all attests CLAIM to each party of its own token: it takes no --token, --to or --capability.");
    if (!all && tokenText === undefined) throw new CliError("Name the token: --token N (or --all for every party).");
    const tokenId = all ? 0n : tokenIdArgument(tokenText, "--token", true);
    const capabilities = parseCapabilities(capabilityList);
    const named = toText === undefined ? undefined : addressArgument(toText);
    if (tokenId === 0n && !all && !named) throw new CliError("--token 0 (any token) needs the recipient: --to ADDRESS.");
    const expiresText = stringOption(context, "expires");
    const expirationTime = expiresText === undefined ? undefined : parseWhen(expiresText, Math.floor(Date.now() / 1000), "--expires");

    const signer = await signerFor(context);
    const record = await ofKnownRecord(integraHash, readRecord(signer.client, integraHash));
    let grants: CapabilityGrant[];
    let uids: Hex[];
    let transactionHash: Hex | undefined;
    if (all) {
      ({ grants, uids, transactionHash } = await attestParties(signer, integraHash, { expirationTime, onSent }));
    } else {
      const recipient = named ?? (await reservedParty(signer.client, integraHash, tokenId));
      grants = [{ integraHash, tokenId, recipient, capabilities, processHash: record.processHash, expirationTime }];
      ({ uids, transactionHash } = await issueCapabilities(signer, grants, onSent));
    }
    const attestations = grants.map((grant, i) => reported(grant, uids[i]));
    if (context.json) {
      printJson("attest", { integraHash, attester: signer.account.address, attestations, transactionHash });
    } else if (attestations.length === 0) {
      process.stdout.write(`Every reserved token of ${integraHash} can be claimed already: nothing was sent.\n`);
    } else {
      process.stdout.write(
        `Attested ${attestations.length === 1 ? "1 capability" : `${attestations.length} capabilities`} on ${integraHash} in ${transactionHash}:\n\n${table(
          ["token", "recipient", "capabilities", "uid"],
          attestations.map((a) => [a.tokenId === 0n ? "any" : `#${a.tokenId}`, a.recipient, a.capabilities.join("+"), a.uid]),
        )}\n`,
      );
    }
    return EXIT.ok;
  },
};

/** The party token `tokenId` is reserved for, or a refusal that says why there is none. */
async function reservedParty(client: Parameters<typeof recordTokensOf>[0], integraHash: Hex, tokenId: bigint): Promise<Address> {
  const token = (await recordTokensOf(client, integraHash)).find((t) => t.tokenId === tokenId);
  if (token?.status !== "reserved") {
    const state = !token || token.status === "none" ? "not reserved" : token.status;
    throw new CliError(
      `Token #${tokenId} of ${integraHash} is ${state}: no party is waiting to claim it. Name the recipient with --to ADDRESS, or reserve it first (integra reserve).`,
      { code: "NotReserved" },
    );
  }
  return token.reservedFor;
}
