import { cancelReservation, readRecord } from "@/lib/sdk";
import { type Command, stringOption } from "../command";
import { ofKnownRecord, recordHashArgument } from "../arguments";
import { EXIT } from "../errors";
import { printJson } from "../format";
import { KEYSTORE_OPTION, SIGNER_HELP } from "../signer";
import { onSent, signerFor, tokenIdArgument } from "../write";

export const cancelCommand: Command = {
  name: "cancel",
  summary: "cancel a token's reservation before anyone has claimed (the record's owner or accepted executor)",
  arguments: "<integraHash> --token N",
  options: { token: { type: "string", value: "N", help: "the reserved token" }, ...KEYSTORE_OPTION },
  description:
    "Cancels the reservation of token N. Refused once any party of the record has claimed (the party set is locked\n" +
    "then). In a sealed party set the place stays open until it is reserved again: `integra reserve <integraHash>\n" +
    "--token N --party ROLE=ADDRESS`. (Payment requests are cancelled with `integra payment cancel`.)\n\n" +
    SIGNER_HELP,
  async run(context) {
    const integraHash = recordHashArgument(context.args[0]);
    const tokenId = tokenIdArgument(stringOption(context, "token"), "--token");
    const signer = await signerFor(context);
    await ofKnownRecord(integraHash, readRecord(signer.client, integraHash));
    const { transactionHash } = await cancelReservation(signer, { integraHash, tokenId }, onSent);
    if (context.json) printJson("cancel", { integraHash, tokenId, transactionHash });
    else process.stdout.write(`Cancelled the reservation of token #${tokenId} of ${integraHash} (in ${transactionHash}).\n`);
    return EXIT.ok;
  },
};
