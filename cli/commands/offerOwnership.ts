import { offerOwnership, readRecord, withdrawOwnershipOffer } from "@/lib/sdk";
import { type Command, stringOption } from "../command";
import { addressArgument, ofKnownRecord, recordHashArgument } from "../arguments";
import { CliError, EXIT } from "../errors";
import { printJson } from "../format";
import { KEYSTORE_OPTION, SIGNER_HELP } from "../signer";
import { onSent, signerFor } from "../write";

export const offerOwnershipCommand: Command = {
  name: "offer-ownership",
  summary: "the record's owner offers the record to a new owner, with a reason (or --withdraw the offer)",
  arguments: "<integraHash> ADDRESS --reason TEXT | --withdraw",
  positionals: { min: 1, max: 2 },
  options: {
    reason: { type: "string", value: "TEXT", help: 'why it changes hands, public on the record\'s timeline (e.g. "sale closed")' },
    withdraw: { type: "boolean", help: "withdraw the pending offer instead" },
    ...KEYSTORE_OPTION,
  },
  description:
    "The first step of a two-step transfer: the owner offers the record to ADDRESS, which takes it with `integra\n" +
    "accept-ownership <integraHash> --version N` (the version it was shown). Until then nothing changes hands; a new\n" +
    "offer replaces the pending one. Once accepted, every earlier owner's and executor's power over the record ends,\n" +
    "their attestations included.\n\n" +
    '  integra offer-ownership <integraHash> 0x90F7…b906 --reason "sale closed"\n' +
    "  integra offer-ownership <integraHash> --withdraw\n\n" +
    SIGNER_HELP,
  async run(context) {
    const integraHash = recordHashArgument(context.args[0]);
    const withdraw = context.options.withdraw === true;
    const reason = stringOption(context, "reason");
    if (withdraw && (context.args.length > 1 || reason !== undefined))
      throw new CliError("--withdraw takes only the record: no new owner, no reason.");
    if (!withdraw && context.args.length < 2)
      throw new CliError("Name the new owner: integra offer-ownership <integraHash> ADDRESS --reason TEXT.");
    if (!withdraw && !reason?.trim())
      throw new CliError('Say why it changes hands: --reason TEXT (e.g. --reason "sale closed"); it is public.');
    const newOwner = withdraw ? undefined : addressArgument(context.args[1]);

    const signer = await signerFor(context);
    await ofKnownRecord(integraHash, readRecord(signer.client, integraHash));
    if (!newOwner) {
      const { transactionHash } = await withdrawOwnershipOffer(signer, integraHash, onSent);
      if (context.json) printJson("offer-ownership", { integraHash, withdrawn: true, transactionHash });
      else process.stdout.write(`Withdrew the ownership offer of ${integraHash} (in ${transactionHash}).\n`);
      return EXIT.ok;
    }
    const { transactionHash } = await offerOwnership(signer, { integraHash, newOwner, reason: reason?.trim() ?? "" }, onSent);
    if (context.json) printJson("offer-ownership", { integraHash, withdrawn: false, newOwner, reason: reason?.trim(), transactionHash });
    else
      process.stdout.write(
        `Offered ${integraHash} to ${newOwner}: it owns the record once it accepts (integra accept-ownership) (in ${transactionHash}).\n`,
      );
    return EXIT.ok;
  },
};
