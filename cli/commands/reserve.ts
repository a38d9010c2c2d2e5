import { readRecord, reserveToken } from "@/lib/sdk";
import { type Command, stringOption } from "../command";
import { ofKnownRecord, recordHashArgument } from "../arguments";
import { CliError, EXIT } from "../errors";
import { printJson } from "../format";
import { parseParty } from "../parties";
import { KEYSTORE_OPTION, SIGNER_HELP } from "../signer";
import { onSent, signerFor, tokenIdArgument, wholeNumberArgument } from "../write";

export const reserveCommand: Command = {
  name: "reserve",
  summary: "reserve a token of a record for a party (the record's owner or accepted executor)",
  arguments: "<integraHash> --party ROLE=ADDRESS",
  options: {
    party: { type: "string", value: "ROLE=ADDRESS", help: "the party and its public role, e.g. Lender=0x9965…A4dc" },
    token: { type: "string", value: "N", help: "the token id (default: the record's next one; a cancelled one's id fills its place)" },
    amount: { type: "string", value: "N", help: "how many units of the role token (default 1)" },
    ...KEYSTORE_OPTION,
  },
  description:
    "Reserves a token for a party on the record's own tokenizer and workflow. Until the party set is fixed (integra\n" +
    "seal), parties can be added; after, only the place of a cancelled reservation can be filled again (--token with\n" +
    "its id). The party claims once it has a CLAIM attestation (integra attest).\n\n" +
    SIGNER_HELP,
  async run(context) {
    const integraHash = recordHashArgument(context.args[0]);
    const partyText = stringOption(context, "party");
    if (partyText === undefined) throw new CliError("Name the party: --party ROLE=ADDRESS.");
    const party = parseParty(partyText);
    const tokenText = stringOption(context, "token");
    const tokenId = tokenText === undefined ? undefined : tokenIdArgument(tokenText, "--token");
    const amountText = stringOption(context, "amount");
    const amount = amountText === undefined ? undefined : wholeNumberArgument(amountText, "--amount");
    const signer = await signerFor(context);
    await ofKnownRecord(integraHash, readRecord(signer.client, integraHash));
    const reserved = await reserveToken(signer, { integraHash, recipient: party.address, role: party.role, amount, tokenId }, onSent);
    const result = {
      integraHash,
      tokenId: reserved.tokenId,
      recipient: party.address,
      role: party.role ?? "",
      amount: amount ?? 1n,
      transactionHash: reserved.transactionHash,
    };
    if (context.json) printJson("reserve", result);
    else
      process.stdout.write(
        `Reserved token #${reserved.tokenId} (${result.role}) of ${integraHash} for ${party.address} (in ${reserved.transactionHash}).\n`,
      );
    return EXIT.ok;
  },
};
