import { type IntegraSigner, claim, parseBytes32 } from "@/lib/sdk";
import { type Command, stringOption } from "../command";
import { recordHashArgument } from "../arguments";
import { connect } from "../connect";
import { CliError, EXIT } from "../errors";
import { toJson } from "../format";
import { KEYSTORE_OPTION, SIGNER_HELP, loadAccount } from "../signer";

export const claimCommand: Command = {
  name: "claim",
  summary: "claim a token reserved for the signer, paying the fee or gasless through a relayer",
  arguments: "--record H --token N",
  positionals: { min: 0, max: 0 },
  options: {
    record: { type: "string", value: "H", help: "the record (its integraHash)" },
    token: { type: "string", value: "N", help: "the token id reserved for the signer" },
    attestation: { type: "string", value: "UID", help: "the CLAIM attestation to use (default: the signer's usable one)" },
    relayer: {
      type: "string",
      value: "URL",
      help: "gasless: sign a request that the app's relayer at URL submits and pays for (e.g. http://localhost:3000)",
    },
    ...KEYSTORE_OPTION,
  },
  description:
    "Claims token N of record H for the signer, with the CLAIM attestation the record's owner issued. Without\n" +
    "--relayer the signer pays the network fee; with it the signer signs an ERC-2771 request and needs no ether.\n" +
    "Why a token cannot be claimed (not reserved for the signer, no attestation, revoked, expired…) is said in words.\n\n" +
    SIGNER_HELP,
  async run(context) {
    const integraHash = recordHashArgument(stringOption(context, "record"));
    const tokenText = stringOption(context, "token") ?? "";
    if (!/^\d+$/.test(tokenText) || BigInt(tokenText) === 0n)
      throw new CliError(`Not a token id: --token "${tokenText}". Token ids are 1, 2, 3…`);
    const uidText = stringOption(context, "attestation");
    const attestationUid = uidText === undefined ? undefined : parseBytes32(uidText);
    if (uidText !== undefined && !attestationUid) throw new CliError(`Not an attestation UID: "${uidText}".`);
    const relayer = stringOption(context, "relayer");
    if (relayer !== undefined && !/^https?:\/\//.test(relayer)) throw new CliError(`Not a relayer URL: "${relayer}". Expected http(s)://…`);

    const account = await loadAccount(context);
    const signer: IntegraSigner = { client: await connect(context.rpc), account };
    const result = await claim(
      signer,
      { integraHash, tokenId: BigInt(tokenText), attestationUid },
      {
        relayer,
        onSent: (hash) => process.stderr.write(`Sent ${hash}${relayer ? " through the relayer" : ""}; waiting for it to be mined…\n`),
      },
    );
    const claimed = { integraHash, tokenId: BigInt(tokenText), claimant: account.address, gasless: relayer !== undefined, ...result };
    process.stdout.write(
      context.json
        ? `${toJson(claimed)}\n`
        : `Claimed token #${claimed.tokenId} of ${integraHash} for ${account.address} in ${result.transactionHash}${relayer ? " (fee paid by the relayer)" : ""}.\n`,
    );
    return EXIT.ok;
  },
};
