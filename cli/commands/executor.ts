import { type IntegraSigner, acceptExecutorRole, offerExecutor, readRecord, removeExecutor } from "@/lib/sdk";
import { zeroAddress } from "viem";
import type { Command } from "../command";
import { addressArgument, ofKnownRecord, recordHashArgument } from "../arguments";
import { connect } from "../connect";
import { CliError, EXIT } from "../errors";
import { printJson } from "../format";
import { KEYSTORE_OPTION, SIGNER_HELP, loadAccount } from "../signer";

const ACTIONS = ["accept", "offer", "remove"] as const;
type Action = (typeof ACTIONS)[number];

const onSent = (hash: string) => process.stderr.write(`Sent ${hash}; waiting for it to be mined…\n`);

export const executorCommand: Command = {
  name: "executor",
  summary: "take the executor role offered to the signer (accept); offer or remove one (the record's owner)",
  arguments: "accept|offer|remove <integraHash> [ADDRESS]",
  positionals: { min: 2, max: 3 },
  options: { ...KEYSTORE_OPTION },
  description:
    "An executor acts for a record's owner (reserves and cancels tokens, issues capabilities), but only once it has\n" +
    "accepted the role: naming an executor (integra register --executor, or offer) only offers it.\n\n" +
    "  integra executor accept <integraHash>           the signer, offered the role, takes it\n" +
    "  integra executor offer <integraHash> ADDRESS    the owner offers the role to ADDRESS (0x0…0 withdraws the offer)\n" +
    "  integra executor remove <integraHash>           the owner removes the executor: its attestations stop counting\n\n" +
    SIGNER_HELP,
  async run(context) {
    const [actionText, hashText, candidateText] = context.args;
    if (!(ACTIONS as readonly string[]).includes(actionText)) {
      throw new CliError(`Unknown executor action "${actionText}": use accept, offer or remove (see integra executor --help).`);
    }
    const action = actionText as Action;
    const integraHash = recordHashArgument(hashText);
    if (action === "offer" && candidateText === undefined)
      throw new CliError("integra executor offer takes the record and the ADDRESS offered the role.");
    if (action !== "offer" && candidateText !== undefined)
      throw new CliError(`integra executor ${action} takes one record hash; got "${candidateText}" too.`);
    const candidate = action === "offer" ? addressArgument(candidateText) : undefined;

    const account = await loadAccount(context);
    const signer: IntegraSigner = { client: await connect(context.rpc), account };
    await ofKnownRecord(integraHash, readRecord(signer.client, integraHash));
    const { transactionHash } =
      action === "accept"
        ? await acceptExecutorRole(signer, integraHash, onSent)
        : action === "offer"
          ? await offerExecutor(signer, { integraHash, candidate: candidate ?? zeroAddress }, onSent)
          : await removeExecutor(signer, integraHash, onSent);
    const words = {
      accept: `${account.address} is now the executor of ${integraHash}`,
      offer:
        candidate === zeroAddress
          ? `Withdrew the executor offer of ${integraHash}`
          : `Offered the executor role of ${integraHash} to ${candidate}: it acts once it accepts (integra executor accept)`,
      remove: `Removed the executor of ${integraHash}: its attestations no longer authorize claims`,
    }[action];
    if (context.json) printJson("executor", { action, integraHash, signer: account.address, candidate, transactionHash });
    else process.stdout.write(`${words} (in ${transactionHash}).\n`);
    return EXIT.ok;
  },
};
