import { type IntegraSigner, acceptRecord, readRecord } from "@/lib/sdk";
import { type Command, stringOption } from "../command";
import { ofKnownRecord, recordHashArgument } from "../arguments";
import { connect } from "../connect";
import { CliError, EXIT } from "../errors";
import { printJson } from "../format";
import { KEYSTORE_OPTION, SIGNER_HELP, loadAccount } from "../signer";

export const acceptOwnershipCommand: Command = {
  name: "accept-ownership",
  summary: "accept a record offered to the signer, as it was shown (--version N from integra status)",
  arguments: "<integraHash>",
  options: {
    version: {
      type: "string",
      value: "N",
      help: "the record's version as you saw it (integra status shows it): refused if the record changed since; default: now",
    },
    ...KEYSTORE_OPTION,
  },
  description:
    "Accepts the ownership of a record offered to the signer (the second step of a transfer). The accept names the\n" +
    "record's version: if anything changed after you looked (its tokens, executor or resolvers), it is refused\n" +
    "(RecordChangedSinceOffer) and nothing changes hands. Give the version `integra status` showed with --version;\n" +
    "without it, the version read just before sending is accepted.\n\n" +
    SIGNER_HELP,
  async run(context) {
    const integraHash = recordHashArgument(context.args[0]);
    const versionText = stringOption(context, "version");
    if (versionText !== undefined && !/^\d+$/.test(versionText))
      throw new CliError(`Not a version: --version "${versionText}". Versions are 0, 1, 2…`);
    const account = await loadAccount(context);
    const signer: IntegraSigner = { client: await connect(context.rpc), account };
    await ofKnownRecord(integraHash, readRecord(signer.client, integraHash));
    const accepted = await acceptRecord(
      signer,
      { integraHash, version: versionText === undefined ? undefined : BigInt(versionText) },
      (hash) => process.stderr.write(`Sent ${hash}; waiting for it to be mined…\n`),
    );
    if (context.json) {
      printJson("accept", { integraHash, owner: account.address, version: accepted.version, transactionHash: accepted.transactionHash });
    } else {
      process.stdout.write(
        `${account.address} now owns ${integraHash} (accepted at version ${accepted.version}, in ${accepted.transactionHash}).\n`,
      );
    }
    return EXIT.ok;
  },
};

/** The command's first name, kept working: `integra accept` is `integra accept-ownership`. */
export const acceptCommand: Command = {
  ...acceptOwnershipCommand,
  name: "accept",
  summary: "the same as accept-ownership (its earlier name)",
};
