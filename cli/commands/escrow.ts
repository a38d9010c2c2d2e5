import type { Address, Hex, PublicClient } from "viem";
import { revertedErrorName } from "@/lib/errors/revertedErrorName";
import { formatAssetAmount } from "@/lib/format/amount";
import { readAsset } from "@/lib/reads/escrows";
import {
  type EscrowTerms,
  type EscrowView,
  type IntegraSigner,
  IntegraWriteError,
  approveRelease,
  decodeContractCall,
  deposit,
  escrowCalls,
  localContracts,
  openEscrow,
  raiseDispute,
  readEscrow,
  readEscrowsOf,
  readRecord,
  refund,
  release,
  releaseReadiness,
  withdraw,
} from "@/lib/sdk";
import { type Command, type CommandContext, type CommandOption, stringOption } from "../command";
import { addressArgument, ofKnownRecord, recordHashArgument } from "../arguments";
import { connect } from "../connect";
import { callJson, renderCalls } from "../dryRun";
import { CliError, EXIT } from "../errors";
import { amountArgument, approvalsArgument, assetArgument, escrowIdArgument, splitArgument } from "../escrowArguments";
import { escrowDocument, renderEscrow } from "../escrowView";
import { printJson } from "../format";
import { KEYSTORE_OPTION, SIGNER_HELP } from "../signer";
import { parseWhen } from "../when";
import { RELAYER_OPTION, onSent, relayerOption, signerFor, tokenIdArgument, wholeNumberArgument } from "../write";

const ACTIONS = ["status", "list", "open", "deposit", "approve", "release", "refund", "dispute", "withdraw"] as const;
type Action = (typeof ACTIONS)[number];

/** The options each action takes (beyond the common ones); any other is refused, naming the action it goes with. */
const OPTIONS_OF: Record<Action, readonly string[]> = {
  status: [],
  list: [],
  open: [
    "asset",
    "amount",
    "payer-token",
    "payee-token",
    "refund-after",
    "arbitrator",
    "split",
    "complete",
    "approvals",
    "approvers",
    "required",
    "attester",
    "payment",
    "dry-run",
    "keystore",
  ],
  deposit: ["relayer", "keystore"],
  approve: ["token", "relayer", "keystore"],
  release: ["if-ready", "record", "keystore"],
  refund: ["keystore"],
  dispute: ["relayer", "keystore"],
  withdraw: ["keystore"],
};

/** Said before an escrow is opened (stderr, and in a dry run's document): what everyone can see of it. */
export const PUBLIC_AMOUNTS_NOTICE =
  "Escrow amounts are public: the asset, the amount, and who deposits and who is paid can be read by anyone on chain (token transfers are public). Payment signals keep their amounts encrypted; an escrow cannot.";

/** Said before an escrow with no arbitrator is opened. */
export const NO_DISPUTE_NOTICE =
  "No arbitrator is named: this escrow has no dispute path. Once funded, it is released when its conditions hold, or refunded to the payer from the refund time, and nobody can freeze or split it.";

/** Awaits a read of escrow `escrowId`; an id never opened is said in words. */
async function ofKnownEscrow<T>(escrowId: bigint, read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (revertedErrorName(error) === "EscrowNotFound")
      throw new CliError(`No escrow #${escrowId} on this chain.`, { code: "EscrowNotFound" });
    throw error;
  }
}

/** The sent line, saying who pays. */
const sentLine = (relayer: string | undefined) => (hash: Hex) =>
  relayer ? process.stderr.write(`Sent ${hash} through the relayer; waiting for it to be mined…\n`) : onSent(hash);

async function status(context: CommandContext, rest: string[]): Promise<number> {
  const escrowId = escrowIdArgument(rest[0]);
  const client = await connect(context.rpc);
  const view = await ofKnownEscrow(escrowId, readEscrow(client, escrowId));
  if (context.json) printJson("escrow-status", escrowDocument(view));
  else process.stdout.write(renderEscrow(view));
  return EXIT.ok;
}

async function list(context: CommandContext, rest: string[]): Promise<number> {
  const integraHash = recordHashArgument(rest[0]);
  const client = await connect(context.rpc);
  const record = await ofKnownRecord(integraHash, readRecord(client, integraHash));
  const escrows = await readEscrowsOf(client, integraHash, record.registeredBlock);
  if (context.json) {
    printJson("escrow-list", { integraHash, escrows: escrows.map(escrowDocument) });
    return EXIT.ok;
  }
  if (escrows.length === 0) process.stdout.write(`Record ${integraHash} has no escrow.\n`);
  else
    process.stdout.write(
      `${escrows.length} escrow${escrows.length === 1 ? "" : "s"} on ${integraHash}, newest first:\n\n${escrows.map(renderEscrow).join("\n")}`,
    );
  return EXIT.ok;
}

/** The terms `open` was given, checked, with the asset's symbol and decimals and what to tell the opener. */
async function openTerms(context: CommandContext, client: PublicClient, integraHash: Hex) {
  const option = (name: string) => stringOption(context, name);
  const required = (name: string, hint: string) => {
    const value = option(name);
    if (value === undefined) throw new CliError(`integra escrow open needs --${name} ${hint}.`);
    return value;
  };
  const local = localContracts();
  const payerTokenId = Number(tokenIdArgument(required("payer-token", "N (the payer's token on the record)"), "--payer-token"));
  const payeeTokenId = Number(tokenIdArgument(required("payee-token", "N (the payee's token on the record)"), "--payee-token"));
  if (payerTokenId === payeeTokenId)
    throw new CliError(`The payer and the payee are both token #${payerTokenId}: name two different tokens.`);
  const assetAddress = assetArgument(required("asset", "eth|ADDRESS|tUSD"), local?.TestStablecoin);
  const refundText = required("refund-after", "WHEN (30d, 2026-12-31, unix seconds)");
  const amountText = required("amount", "N (in the asset's units, e.g. 25000)");
  const arbitratorText = option("arbitrator");
  const arbitrator =
    arbitratorText === undefined
      ? undefined
      : /^local$/i.test(arbitratorText.trim())
        ? (local?.SingleSignerArbitratorV1 ??
          (() => {
            throw new CliError("--arbitrator local is the local chain's demo arbitrator: on this chain, give the arbitrator's address.");
          })())
        : addressArgument(arbitratorText);
  const splitText = option("split");
  if (splitText !== undefined && !arbitrator)
    throw new CliError("--split is the payee's share when the arbitrator rules a split: it goes with --arbitrator A.");
  const splitPayeeBps = arbitrator ? (splitText === undefined ? 5_000 : splitArgument(splitText)) : 0;
  const approvers = approvalsArgument({ approvals: option("approvals"), approvers: option("approvers"), required: option("required") });
  const attesterText = option("attester");
  const attester = attesterText === undefined ? undefined : addressArgument(attesterText);
  const paymentText = option("payment");
  const paymentId = paymentText === undefined ? undefined : wholeNumberArgument(paymentText, "--payment");
  if (paymentId === 0n) throw new CliError("Payment ids start at 1.");
  const agreementComplete = context.options.complete === true;
  if (!agreementComplete && !approvers && !attester && paymentId === undefined)
    throw new CliError(
      "Name at least one condition of release: --complete (every party claimed), --approvals K/N or --approvers 1,2 --required K, --attester A (an attestation, integra condition attest), --payment ID (a payment request marked paid).",
    );

  const record = await ofKnownRecord(integraHash, readRecord(client, integraHash));
  let asset;
  try {
    asset = await readAsset(client, assetAddress);
  } catch {
    throw new CliError(
      `${assetAddress} is not an ERC-20 on this chain (it answers no symbol or decimals): give the token's address, or eth.`,
      {
        code: "NotAnAsset",
      },
    );
  }
  const amount = amountArgument(amountText, asset);
  const block = await client.getBlock({ blockTag: "latest" });
  const refundAfter = parseWhen(refundText, Number(block.timestamp), "--refund-after");
  if (refundAfter <= block.timestamp)
    throw new CliError(`--refund-after ${refundText} is not in the future (the chain's time is ${block.timestamp}).`);
  const terms: EscrowTerms = {
    integraHash,
    asset: assetAddress,
    amount,
    payerTokenId,
    payeeTokenId,
    refundAfter: Number(refundAfter),
    ...(arbitrator && { arbitrator, splitPayeeBps }),
    agreementComplete,
    ...(approvers && { approvers }),
    ...(attester && { attestation: { attester } }),
    ...(paymentId !== undefined && { paymentId }),
  };
  const notices = [PUBLIC_AMOUNTS_NOTICE, ...(arbitrator ? [] : [NO_DISPUTE_NOTICE])];
  return { terms, asset, record, notices };
}

/** The terms as the --json document holds them. */
function termsDocument(terms: EscrowTerms, amountText: string) {
  return {
    asset: terms.asset,
    amount: terms.amount,
    amountText,
    payerTokenId: BigInt(terms.payerTokenId),
    payeeTokenId: BigInt(terms.payeeTokenId),
    refundAfter: BigInt(terms.refundAfter),
    ...(terms.arbitrator && { arbitrator: terms.arbitrator, splitPayeeBps: terms.splitPayeeBps ?? 0 }),
    agreementComplete: terms.agreementComplete ?? false,
    approverTokenIds: (terms.approvers?.tokenIds ?? []).map(BigInt),
    approvalsRequired: terms.approvers?.required ?? 0,
    ...(terms.attestation && { attester: terms.attestation.attester }),
    ...(terms.paymentId !== undefined && { paymentId: terms.paymentId }),
  };
}

async function open(context: CommandContext, rest: string[]): Promise<number> {
  const integraHash = recordHashArgument(rest[0]);
  const dryRun = context.options["dry-run"] === true;
  const signer = await signerFor(context);
  const { terms, asset, notices } = await openTerms(context, signer.client, integraHash);
  const amountText = formatAssetAmount(terms.amount, asset);
  // Before anything is signed, on stderr: stdout stays one JSON document.
  for (const notice of notices) process.stderr.write(`integra escrow open: ${notice}\n`);
  const base = { opener: signer.account.address, integraHash, terms: termsDocument(terms, amountText), notices };
  if (dryRun) {
    const call = decodeContractCall(escrowCalls.openEscrow(terms));
    if (context.json) printJson("escrow-open", { dryRun: true, ...base, calls: [callJson(call)] });
    else process.stdout.write(`Dry run: nothing is signed or sent. ${signer.account.address} would send:\n\n${renderCalls([call])}\n`);
    return EXIT.ok;
  }
  const { escrowId, transactionHash } = await openEscrow(signer, terms, onSent);
  if (context.json) {
    printJson("escrow-open", { dryRun: false, ...base, escrowId, transactionHash });
    return EXIT.ok;
  }
  process.stdout.write(
    `Opened escrow #${escrowId} on ${integraHash}: ${amountText} from token #${terms.payerTokenId} to token #${terms.payeeTokenId}, refundable from ${new Date(terms.refundAfter * 1000).toISOString()} (in ${transactionHash}). The payer deposits with: integra escrow deposit ${escrowId}\n`,
  );
  return EXIT.ok;
}

/** A write on one escrow: deposit, approve, refund, dispute, withdraw. */
async function settle(
  context: CommandContext,
  action: "deposit" | "approve" | "refund" | "dispute" | "withdraw",
  rest: string[],
): Promise<number> {
  const escrowId = escrowIdArgument(rest[0]);
  const relayer = relayerOption(context);
  const signer = await signerFor(context);
  const view = await ofKnownEscrow(escrowId, readEscrow(signer.client, escrowId));
  const amountOf = (amount: bigint) => formatAssetAmount(amount, view.asset);
  const common = { action, escrowId, signer: signer.account.address };
  let result: Record<string, unknown>;
  let words: string;
  switch (action) {
    case "deposit": {
      const done = await deposit(signer, escrowId, { relayer, onSent: sentLine(relayer) });
      const gasless = relayer !== undefined && done.method === "permit";
      result = { ...common, gasless, transactionHash: done.transactionHash, method: done.method, amount: done.amount };
      if (done.approveTransactionHash) result.approveTransactionHash = done.approveTransactionHash;
      words = `Deposited ${amountOf(done.amount)} into escrow #${escrowId} (${done.method === "permit" ? "one permit signature" : done.method === "approve" ? "approved, then deposited" : "ether with the call"}; in ${done.transactionHash}${gasless ? ", fee paid by the relayer" : ""}).`;
      break;
    }
    case "approve": {
      const tokenText = stringOption(context, "token");
      const tokenId = tokenText === undefined ? undefined : tokenIdArgument(tokenText, "--token");
      const done = await approveRelease(signer, { escrowId, tokenId }, { relayer, onSent: sentLine(relayer) });
      result = {
        ...common,
        gasless: relayer !== undefined,
        transactionHash: done.transactionHash,
        tokenId: done.tokenId,
        approvalsGiven: done.approvals,
        approvalsRequired: done.required,
      };
      words = `Approved the release of escrow #${escrowId} as token #${done.tokenId}: ${done.approvals} of ${done.required} approvals (in ${done.transactionHash}).`;
      break;
    }
    case "refund": {
      const done = await refund(signer, escrowId, onSent);
      result = {
        ...common,
        gasless: false,
        transactionHash: done.transactionHash,
        payer: done.payer,
        amount: done.amount,
        deferred: done.deferred,
      };
      words = `Refunded ${amountOf(done.amount)} of escrow #${escrowId} to the payer ${done.payer}${done.deferred ? " (it refused the transfer: the escrow keeps it for the payer to withdraw)" : ""} (in ${done.transactionHash}).`;
      break;
    }
    case "dispute": {
      const done = await raiseDispute(signer, escrowId, { relayer, onSent: sentLine(relayer) });
      result = {
        ...common,
        gasless: relayer !== undefined && done.fee === 0n,
        transactionHash: done.transactionHash,
        arbitrator: done.arbitrator,
        disputeId: done.disputeId,
        fee: done.fee,
      };
      words = `Escrow #${escrowId} is disputed: frozen until arbitrator ${done.arbitrator} rules on dispute ${done.disputeId} (in ${done.transactionHash}).`;
      break;
    }
    case "withdraw": {
      const done = await withdraw(signer, escrowId, onSent);
      result = { ...common, gasless: false, transactionHash: done.transactionHash, amount: done.amount };
      words = `Withdrew ${amountOf(done.amount)} kept for ${signer.account.address} by escrow #${escrowId} (in ${done.transactionHash}).`;
      break;
    }
  }
  if (context.json) printJson("escrow", result);
  else process.stdout.write(`${words}\n`);
  return EXIT.ok;
}

/** The contract's refusals of a release that another keeper's release (or the clock) explains: --if-ready says so, exit 0. */
const RACED = new Set([
  "WrongStatus",
  "RefundTimeReached",
  "NotEnoughApprovals",
  "AttestationNotAccepted",
  "AgreementNotComplete",
  "PaymentNotPaid",
]);

/** One escrow's release, as `release` reports it. */
interface ReleaseEntry {
  escrowId: bigint;
  released: boolean;
  status: EscrowView["status"];
  transactionHash?: Hex;
  payee?: Address;
  amount?: bigint;
  amountText?: string;
  attestationUid?: Hex;
  deferred?: boolean;
  note?: string;
}

/** Releases one escrow; with `ifReady`, an escrow that cannot be released now is a note, not a failure. */
async function releaseOne(signer: IntegraSigner, view: EscrowView, ifReady: boolean): Promise<ReleaseEntry> {
  const escrowId = view.escrowId;
  if (ifReady) {
    const readiness = releaseReadiness(view);
    if (!readiness.ready) return { escrowId, released: false, status: view.status, note: readiness.words };
  }
  try {
    const done = await release(signer, escrowId, onSent);
    return {
      escrowId,
      released: true,
      status: "released",
      transactionHash: done.transactionHash,
      payee: done.payee,
      amount: done.amount,
      amountText: formatAssetAmount(done.amount, view.asset),
      ...(done.attestationUid && { attestationUid: done.attestationUid }),
      deferred: done.deferred,
    };
  } catch (error) {
    if (!ifReady || !(error instanceof IntegraWriteError) || !RACED.has(error.errorName ?? "")) throw error;
    // Someone else released it (or the refund time came) between our read and our send: nothing left to do.
    const now = await readEscrow(signer.client, escrowId);
    const readiness = releaseReadiness(now);
    return { escrowId, released: false, status: now.status, note: readiness.ready ? error.message : readiness.words };
  }
}

async function releaseCommand(context: CommandContext, rest: string[]): Promise<number> {
  const ifReady = context.options["if-ready"] === true;
  const recordText = stringOption(context, "record");
  if (recordText !== undefined && rest.length > 0)
    throw new CliError("integra escrow release takes an escrow id, or --record H: not both.");
  if (recordText === undefined && rest.length === 0)
    throw new CliError("Name the escrow: integra escrow release <escrowId>, or --record H --if-ready.");
  if (recordText !== undefined && !ifReady)
    throw new CliError(
      "--record releases each escrow of the record whose conditions hold and passes over the others: it goes with --if-ready.",
    );
  const signer = await signerFor(context);
  let views: EscrowView[];
  let integraHash: Hex | undefined;
  if (recordText !== undefined) {
    integraHash = recordHashArgument(recordText);
    // A hook on every event of a workflow also hears the workflow's own events (integraHash zero): no escrow there.
    views = /^0x0{64}$/.test(integraHash) ? [] : await readEscrowsOf(signer.client, integraHash);
    views.reverse();
  } else {
    const escrowId = escrowIdArgument(rest[0]);
    views = [await ofKnownEscrow(escrowId, readEscrow(signer.client, escrowId))];
  }
  const releases: ReleaseEntry[] = [];
  for (const view of views) releases.push(await releaseOne(signer, view, ifReady));
  if (context.json) {
    printJson("escrow-release", { signer: signer.account.address, ...(integraHash && { integraHash }), ifReady, releases });
    return EXIT.ok;
  }
  if (releases.length === 0) process.stdout.write(`Record ${integraHash} has no escrow: nothing to release.\n`);
  for (const r of releases) {
    process.stdout.write(
      r.released
        ? `Released escrow #${r.escrowId}: ${r.amountText} to ${r.payee}${r.deferred ? " (it refused the transfer: the escrow keeps it for the payee to withdraw)" : ""} (in ${r.transactionHash}).\n`
        : `${r.note}\n`,
    );
  }
  return EXIT.ok;
}

const OPTIONS: Record<string, CommandOption> = {
  asset: {
    type: "string",
    value: "eth|A|tUSD",
    help: "open: the asset: eth, an ERC-20's address, or tUSD (the local chain's test stablecoin)",
  },
  amount: { type: "string", value: "N", help: "open: the amount in the asset's units (25000, 0.5), by its decimals" },
  "payer-token": { type: "string", value: "N", help: "open: the token whose holder deposits (and gets a refund)" },
  "payee-token": { type: "string", value: "N", help: "open: the token whose holder is paid on release" },
  "refund-after": {
    type: "string",
    value: "WHEN",
    help: "open: from when an unreleased deposit is refundable: 30d, a date (2026-12-31) or unix seconds",
  },
  arbitrator: { type: "string", value: "A|local", help: "open: an ERC-792 arbitrator who rules on a dispute (none: no dispute path)" },
  split: { type: "string", value: "P%", help: "open: the payee's share when the arbitrator rules a split (default 50%)" },
  complete: { type: "boolean", help: "open: condition: every party of the record claimed its token" },
  approvals: { type: "string", value: "K/N", help: "open: condition: K of the tokens 1..N approve (integra escrow approve)" },
  approvers: { type: "string", value: "1,2,3", help: "open: condition: these tokens approve, --required K of them (default all)" },
  required: { type: "string", value: "K", help: "open: with --approvers: how many must approve" },
  attester: { type: "string", value: "A", help: "open: condition: A attests on the condition schema (integra condition attest)" },
  payment: { type: "string", value: "ID", help: "open: condition: payment request ID of the record is marked paid" },
  "dry-run": { type: "boolean", help: "open: print the call that would be sent, decoded; sign and send nothing" },
  token: { type: "string", value: "N", help: "approve: the approver token the signer holds (default: the first that has not approved)" },
  "if-ready": {
    type: "boolean",
    help: "release: an escrow that cannot be released now (already released, conditions missing, not funded) is a note, exit 0",
  },
  record: { type: "string", value: "H", help: "release --if-ready: every escrow of record H whose conditions hold (a keeper's hook)" },
  ...RELAYER_OPTION,
  ...KEYSTORE_OPTION,
};

export const escrowCommand: Command = {
  name: "escrow",
  summary: "money held for a record, released by its conditions: status, list, open, deposit, approve, release, refund, dispute, withdraw",
  arguments: "<action> <escrowId | integraHash>",
  positionals: { min: 1, max: 2 },
  options: OPTIONS,
  description:
    "Escrows (IntegraEscrowV1): the record's owner or executor opens one, naming the asset, the amount, the payer and\n" +
    "payee (tokens of the record: whoever holds each when money moves), the conditions and a refund time; the payer\n" +
    "deposits; once every condition holds anyone may release it to the payee; from the refund time anyone may refund it.\n\n" +
    "  integra escrow status <escrowId>            each condition live, who acts next, the time left before refund\n" +
    "  integra escrow list <integraHash>           the record's escrows, newest first\n" +
    "  integra escrow open <integraHash> --asset tUSD --amount 25000 --payer-token 1 --payee-token 2 --refund-after 30d\n" +
    "        [--arbitrator A --split 50%] [--complete] [--approvals 2/3 | --approvers 1,2,3 --required 2]\n" +
    "        [--attester A] [--payment ID] [--dry-run]\n" +
    "  integra escrow deposit <escrowId> [--relayer URL]   the payer: one permit signature when the token offers\n" +
    "                                              ERC-2612 (gasless with --relayer), else approve, then deposit\n" +
    "  integra escrow approve <escrowId> [--token N] [--relayer URL]   a named approver\n" +
    "  integra escrow release <escrowId> [--if-ready] | --record H --if-ready   anyone, once every condition holds\n" +
    "  integra escrow refund <escrowId>            anyone, from the refund time\n" +
    "  integra escrow dispute <escrowId>           the payer or payee, when an arbitrator is named, before the refund time\n" +
    "  integra escrow withdraw <escrowId>          a payout the escrow kept because the transfer was refused\n\n" +
    "Escrow amounts are public on chain: open says so before it signs, and says when no arbitrator is named that the\n" +
    "escrow has no dispute path (on stderr; with --dry-run also in the document). release --if-ready never fails for an\n" +
    "escrow that is released already or not ready yet (exit 0, a note): the keeper's hook (cli/README.md):\n\n" +
    "  integra watch --workflow W --cursor keeper.cursor --exec 'integra escrow release --if-ready --record \"$INTEGRA_HASH\"'\n\n" +
    SIGNER_HELP,
  async run(context) {
    const [actionText, ...rest] = context.args;
    if (!(ACTIONS as readonly string[]).includes(actionText))
      throw new CliError(`Unknown escrow action "${actionText}": use ${ACTIONS.join(", ")} (see integra escrow --help).`);
    const action = actionText as Action;
    const extra = Object.keys(context.options).filter((o) => context.options[o] !== undefined && !OPTIONS_OF[action].includes(o));
    if (extra.length > 0) throw new CliError(`integra escrow ${action} takes no --${extra[0]} (see integra escrow --help).`);
    if (action !== "release" && rest.length === 0)
      throw new CliError(
        `integra escrow ${action} takes ${action === "list" || action === "open" ? "a record's integraHash" : "an escrow id"}.`,
      );
    switch (action) {
      case "status":
        return status(context, rest);
      case "list":
        return list(context, rest);
      case "open":
        return open(context, rest);
      case "release":
        return releaseCommand(context, rest);
      default:
        return settle(context, action, rest);
    }
  },
};
