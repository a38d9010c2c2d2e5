import { readRecord, sealParties } from "@/lib/sdk";
import type { Command } from "../command";
import { ofKnownRecord, recordHashArgument } from "../arguments";
import { EXIT } from "../errors";
import { printJson } from "../format";
import { KEYSTORE_OPTION, SIGNER_HELP } from "../signer";
import { onSent, signerFor } from "../write";

export const sealCommand: Command = {
  name: "seal",
  summary: "fix a record's party set at the tokens reserved now (claims may begin)",
  arguments: "<integraHash>",
  options: { ...KEYSTORE_OPTION },
  description:
    "Fixes the party set of a record whose tokens were reserved one by one (integra reserve): from then on no party\n" +
    "is added, the parties can claim, and the agreement completes when every one of them has. `integra register`\n" +
    "reserves and seals in its one transaction already.\n\n" +
    SIGNER_HELP,
  async run(context) {
    const integraHash = recordHashArgument(context.args[0]);
    const signer = await signerFor(context);
    await ofKnownRecord(integraHash, readRecord(signer.client, integraHash));
    const sealed = await sealParties(signer, integraHash, onSent);
    const result = { integraHash, ...sealed };
    if (context.json) printJson("seal", result);
    else
      process.stdout.write(
        `Fixed the party set of ${integraHash} at ${sealed.parties} token${sealed.parties === 1 ? "" : "s"} (in ${sealed.transactionHash}).\n`,
      );
    return EXIT.ok;
  },
};
