import type { Hex } from "viem";
import { type IntegraSigner, cancelPayment, markPaid, readRecord, recordTokensOf, requestPayment } from "@/lib/sdk";
import { type Command, type CommandContext, stringOption } from "../command";
import { ofKnownRecord, recordHashArgument } from "../arguments";
import { CliError, EXIT } from "../errors";
import { printJson } from "../format";
import { KEYSTORE_OPTION, SIGNER_HELP } from "../signer";
import { parseWhen } from "../when";
import { RELAYER_OPTION, onSent, relayerOption, signerFor, tokenIdArgument, wholeNumberArgument } from "../write";

const ACTIONS = ["request", "mark-paid", "cancel"] as const;
type Action = (typeof ACTIONS)[number];

/** The sent line, saying who pays. */
const sentLine = (relayer: string | undefined) => (hash: Hex) =>
  relayer ? process.stderr.write(`Sent ${hash} through the relayer; waiting for it to be mined…\n`) : onSent(hash);

/** The holder of token `tokenId`: the party who claimed it (a payment is asked of a party, never of a reservation). */
async function holderOf(signer: IntegraSigner, integraHash: Hex, tokenId: bigint) {
  const token = (await recordTokensOf(signer.client, integraHash)).find((t) => t.tokenId === tokenId);
  if (token?.status !== "claimed" || !token.party)
    throw new CliError(
      `Token #${tokenId} of ${integraHash} has no party holding it (it is ${token?.status ?? "not reserved"}): only a party who claimed its token pays.`,
      {
        code: "NotParty",
      },
    );
  return token.reservedFor;
}

async function request(context: CommandContext, rest: string[], relayer: string | undefined): Promise<number> {
  const integraHash = recordHashArgument(rest[0]);
  const myToken = tokenIdArgument(stringOption(context, "token"), "--token");
  const payerToken = tokenIdArgument(stringOption(context, "payer-token"), "--payer-token");
  const amount = stringOption(context, "amount")?.trim();
  if (!amount) throw new CliError('Say the amount, with its currency: --amount "25,000 USD" (it is encrypted before it goes on chain).');
  const memo = stringOption(context, "memo")?.trim() ?? "";
  const passphrase = process.env.INTEGRA_PAYMENT_PASSPHRASE ?? "";
  if (!passphrase)
    throw new CliError("The amount is encrypted for the payer: set INTEGRA_PAYMENT_PASSPHRASE, and share it with the payer only.");
  const deadline = parseWhen(stringOption(context, "deadline") ?? "7d", Math.floor(Date.now() / 1000), "--deadline");
  const signer = await signerFor(context);
  await ofKnownRecord(integraHash, readRecord(signer.client, integraHash));
  const payer = await holderOf(signer, integraHash, payerToken);
  const { paymentId, transactionHash } = await requestPayment(
    signer,
    { integraHash, myToken, payer, payerToken, deadline, note: { amount, memo, passphrase } },
    { relayer, onSent: sentLine(relayer) },
  );
  const requestor = signer.account.address;
  if (context.json) {
    printJson("payment", {
      action: "request",
      paymentId,
      signer: requestor,
      gasless: relayer !== undefined,
      transactionHash,
      integraHash,
      requestor,
      requestorTokenId: myToken,
      payer,
      payerTokenId: payerToken,
      deadline,
    });
    return EXIT.ok;
  }
  process.stdout.write(
    `Requested payment #${paymentId} of ${payer} (token #${payerToken}) on ${integraHash}, due by ${new Date(Number(deadline) * 1000).toISOString()}; the amount is readable with the passphrase (in ${transactionHash}).\n`,
  );
  return EXIT.ok;
}

async function settle(
  context: CommandContext,
  action: "mark-paid" | "cancel",
  rest: string[],
  relayer: string | undefined,
): Promise<number> {
  const paymentId = wholeNumberArgument(rest[0], "payment id");
  if (paymentId === 0n) throw new CliError("Payment ids start at 1.");
  const signer = await signerFor(context);
  const write = action === "mark-paid" ? markPaid : cancelPayment;
  const { transactionHash } = await write(signer, paymentId, { relayer, onSent: sentLine(relayer) });
  if (context.json) {
    printJson("payment", { action, paymentId, signer: signer.account.address, gasless: relayer !== undefined, transactionHash });
    return EXIT.ok;
  }
  process.stdout.write(
    `${action === "mark-paid" ? `Marked payment #${paymentId} paid` : `Cancelled payment request #${paymentId}`} (in ${transactionHash}${relayer ? ", fee paid by the relayer" : ""}).\n`,
  );
  return EXIT.ok;
}

export const paymentCommand: Command = {
  name: "payment",
  summary: "payment signals between a record's parties: request one (amount encrypted), mark it paid, cancel it",
  arguments: "request <integraHash> | mark-paid <paymentId> | cancel <paymentId>",
  positionals: { min: 2, max: 2 },
  options: {
    token: { type: "string", value: "N", help: "request: the token the signer holds on the record" },
    "payer-token": { type: "string", value: "N", help: "request: the token of the party asked to pay" },
    amount: { type: "string", value: "TEXT", help: 'request: the amount with its currency ("25,000 USD"), encrypted' },
    memo: { type: "string", value: "TEXT", help: "request: what it is for, encrypted with the amount" },
    deadline: { type: "string", value: "WHEN", help: "request: when it expires: 7d (default), 12h, a date (2026-12-31) or unix seconds" },
    ...RELAYER_OPTION,
    ...KEYSTORE_OPTION,
  },
  description:
    "Payment signals (IntegraSignalV1) between the parties of one record, each a party who claimed its token:\n\n" +
    '  integra payment request <integraHash> --token 2 --payer-token 1 --amount "25,000 USD" [--memo TEXT] [--deadline 7d]\n' +
    "                                  the signer, holder of token 2, asks the holder of token 1 to pay\n" +
    "  integra payment mark-paid <paymentId>    the payer says it paid\n" +
    "  integra payment cancel <paymentId>       the requestor withdraws its request\n\n" +
    "The amount and memo are encrypted (AES-GCM, as the app's payment form does) with INTEGRA_PAYMENT_PASSPHRASE:\n" +
    "share it with the payer only: the record page shows the amount to whoever enters it. With\n" +
    "--relayer the signer signs a request the app's relayer pays for, and needs no ether.\n\n" +
    SIGNER_HELP,
  async run(context) {
    const [actionText, ...rest] = context.args;
    if (!(ACTIONS as readonly string[]).includes(actionText))
      throw new CliError(`Unknown payment action "${actionText}": use request, mark-paid or cancel (see integra payment --help).`);
    const action = actionText as Action;
    const relayer = relayerOption(context);
    if (action !== "request") {
      const extra = ["token", "payer-token", "amount", "memo", "deadline"].filter((o) => context.options[o] !== undefined);
      if (extra.length > 0) throw new CliError(`integra payment ${action} takes the payment id only; --${extra[0]} goes with request.`);
      return settle(context, action, rest, relayer);
    }
    return request(context, rest, relayer);
  },
};
