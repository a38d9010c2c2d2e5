import { type Hex, type PublicClient, zeroAddress } from "viem";
import {
  CAPABILITY,
  type Capability,
  LOG_BLOCK_RANGE,
  chainFor,
  describeEntry,
  integraOf,
  readCapabilities,
  readPayments,
  readRecord,
  readRecordTokens,
  readTimeline,
  decryptRecordDetails,
  tokenRolesOf,
  displayRole,
} from "@/lib/sdk";
import type { Command } from "../command";
import { ofKnownRecord, recordHashArgument } from "../arguments";
import { chainSearchVerdict, ifRecordKnown, recordNotFound, searchEachChain, searchedRpcs, unreachableLines } from "../chainSearch";
import { connectEachChain } from "../connect";
import { exitCodeOf } from "../errors";
import { fields, printJson, section, shortHex, table, when } from "../format";

const LAST_EVENTS = 5;

/** The capability bits' names, e.g. ["CLAIM"]. */
function capabilityNames(bits: bigint): string[] {
  return Object.entries(CAPABILITY)
    .filter(([, bit]) => (bits & bit) !== 0n)
    .map(([name]) => name);
}

/** An attestation's state now, in one word: valid, revoked, expired, or void (issued under an earlier authority). */
function capabilityState(capability: Capability, now: bigint): "valid" | "revoked" | "expired" | "void" {
  if (capability.revocationTime !== 0n) return "revoked";
  if (capability.expirationTime !== 0n && capability.expirationTime <= now) return "expired";
  if (!capability.attesterAuthorized) return "void";
  return "valid";
}

/** The record's title and reference when `passphrase` opens them; what stands in their place otherwise. */
async function privateDetails(encryptedRef: Hex | undefined, passphrase: string | undefined) {
  if (!encryptedRef || encryptedRef === "0x") return { state: "none" as const };
  if (!passphrase) return { state: "encrypted" as const };
  try {
    return { state: "decrypted" as const, ...(await decryptRecordDetails(encryptedRef, passphrase)) };
  } catch {
    return { state: "wrong passphrase" as const };
  }
}

/** Everything `status` shows, as plain data (the --json document); `passphrase` opens the private title and reference. */
export async function readStatus(client: PublicClient, integraHash: Hex, passphrase?: string) {
  const record = await ofKnownRecord(integraHash, readRecord(client, integraHash));
  // The client's chain's deployment: a record on another chain than the default is read with that chain's contracts.
  const integra = integraOf(client);
  const fromBlock = record.registeredBlock;
  const hasTokenizer = record.tokenizer !== zeroAddress;
  const [tokens, capabilities, payments, timeline, block] = await Promise.all([
    hasTokenizer ? readRecordTokens(client, integraHash, record.tokenizer, fromBlock) : undefined,
    readCapabilities(client, { integraHash, fromBlock }),
    readPayments(client, integraHash, fromBlock),
    readTimeline(client, { addresses: integra.integraAddresses, integraHash, fromBlock }, LOG_BLOCK_RANGE),
    client.getBlock(),
  ]);
  const roles = tokenRolesOf(timeline.entries);
  const registration = timeline.entries.find((e) => e.eventName === "RecordRegistered");
  const details = await privateDetails(
    registration?.eventName === "RecordRegistered" ? registration.args.encryptedRef : undefined,
    passphrase,
  );
  // The CLI makes each client with its chain; asked of the node only for a client made elsewhere.
  const chainId = client.chain?.id ?? (await client.getChainId());
  return {
    integraHash,
    chainId,
    chainName: chainFor(chainId).name,
    details,
    record: {
      owner: record.owner,
      executor: record.executor,
      /** Offered the executor role and not yet accepting (zero: none); no authority until it accepts. */
      pendingExecutor: record.pendingExecutor,
      pendingOwner: record.pendingOwner,
      /** What an accept names (integra accept --version): it lands only if the record has not changed since. */
      version: record.version,
      tokenizer: record.tokenizer,
      tokenizerKind: hasTokenizer ? (integra.tokenizerKindOf(record.tokenizer) ?? "other") : "none",
      contentHash: record.contentHash,
      processHash: record.processHash,
      registeredAt: record.registeredAt,
      registeredBlock: record.registeredBlock,
      resolvers: record.resolvers,
    },
    tokens: tokens && {
      claimed: tokens.claimed,
      /** m of "n of m": the sealed party set's size, or the tokens reserved so far when not sealed. */
      total: tokens.sealed ? tokens.parties : tokens.tokens.length,
      reserved: tokens.reserved,
      sealed: tokens.sealed,
      complete: tokens.complete,
      completedAt: tokens.completedAt,
      items: tokens.tokens.map((t) => ({
        tokenId: t.tokenId,
        role: t.role,
        status: t.status,
        /** Who it is reserved for, or who claimed it. */
        holder: t.reservedFor,
        /** Claimed and still held by its claimant. */
        heldByClaimant: t.party,
        amount: t.amount,
      })),
    },
    capabilities: capabilities.map((c) => ({
      uid: c.uid,
      tokenId: c.tokenId,
      recipient: c.recipient,
      attester: c.attester,
      capabilities: capabilityNames(c.capabilities),
      state: capabilityState(c, block.timestamp),
      expirationTime: c.expirationTime,
    })),
    payments: payments.map((p) => ({
      paymentId: p.paymentId,
      requestor: p.requestor,
      requestorTokenId: p.requestorTokenId,
      payer: p.payer,
      payerTokenId: p.payerTokenId,
      status: p.status,
      deadline: p.deadline,
    })),
    /** The last events, newest first. */
    events: timeline.entries.slice(0, LAST_EVENTS).map((e) => {
      const text = describeEntry(e, roles);
      return {
        event: e.eventName,
        title: text.title,
        who: text.who,
        detail: text.detail,
        blockNumber: e.blockNumber,
        transactionHash: e.transactionHash,
        timestamp: e.timestamp,
      };
    }),
  };
}

type Status = Awaited<ReturnType<typeof readStatus>>;

/** The text of `status`; `namesChain` adds the chain it was found on (when several were searched). */
function human(status: Status, namesChain: boolean): string {
  const { record, tokens } = status;
  const out = [
    `Record ${status.integraHash}`,
    fields([
      ...(namesChain ? [["chain", `${status.chainId} (${status.chainName})`] as const] : []),
      ["owner", record.owner],
      ["executor", record.executor === zeroAddress ? "none" : record.executor],
      ...(record.pendingExecutor === zeroAddress ? [] : [["executor offered to", `${record.pendingExecutor} (not accepted yet)`] as const]),
      ...(record.pendingOwner === zeroAddress ? [] : [["offered to", record.pendingOwner] as const]),
      [
        "version",
        record.pendingOwner === zeroAddress
          ? String(record.version)
          : `${record.version} (accept it as it is now: integra accept ${status.integraHash} --version ${record.version})`,
      ],
      ["tokenizer", `${record.tokenizerKind} ${record.tokenizer === zeroAddress ? "" : record.tokenizer}`.trimEnd()],
      ["content hash", record.contentHash],
      ["workflow", record.processHash],
      ["registered", `${when(record.registeredAt)} (block ${record.registeredBlock})`],
      [
        "title",
        status.details.state === "decrypted"
          ? status.details.title || "none"
          : status.details.state === "none"
            ? "none"
            : status.details.state === "encrypted"
              ? "encrypted (set INTEGRA_PASSPHRASE to read it)"
              : "encrypted: INTEGRA_PASSPHRASE is not its passphrase",
      ],
      ...(status.details.state === "decrypted" ? [["reference", status.details.reference || "none"] as const] : []),
    ]),
    "",
  ];
  if (tokens) {
    const progress = `${tokens.claimed} of ${tokens.total} claimed${tokens.sealed ? "" : " (party set not sealed)"}${
      tokens.complete ? `: complete${tokens.completedAt ? ` on ${when(tokens.completedAt)}` : ""}` : ""
    }`;
    out.push(
      section(
        `Tokens: ${progress}`,
        tokens.items.length
          ? table(
              ["token", "status", "holder", "amount"],
              tokens.items.map((t) => [
                `#${t.tokenId}${displayRole(t.role) ? ` ${displayRole(t.role)}` : ""}`,
                t.status,
                t.holder,
                t.amount.toString(),
              ]),
            )
          : undefined,
      ),
    );
  }
  out.push(
    section(
      "Capabilities",
      status.capabilities.length
        ? table(
            ["attestation", "token", "to", "grants", "state"],
            status.capabilities.map((c) => [
              shortHex(c.uid, 10, 6),
              c.tokenId === 0n ? "any" : `#${c.tokenId}`,
              c.recipient,
              c.capabilities.join(","),
              c.state,
            ]),
          )
        : undefined,
    ),
    section(
      "Payments",
      status.payments.length
        ? table(
            ["payment", "from (payer)", "to (requestor)", "status", "deadline"],
            status.payments.map((p) => [`#${p.paymentId}`, p.payer, p.requestor, p.status, when(p.deadline)]),
          )
        : undefined,
    ),
    section(
      `Last ${LAST_EVENTS} events (newest first)`,
      status.events.length
        ? table(
            ["block", "event", "who", "detail"],
            status.events.map((e) => [String(e.blockNumber), e.title, e.who ?? "", e.detail ?? ""]),
          )
        : undefined,
    ),
  );
  return out.join("\n");
}

export const statusCommand: Command = {
  name: "status",
  summary: "a record: its tokens (n of m), capabilities, payments and last events",
  arguments: "<integraHash>",
  description:
    "Shows a record's state: owner, tokenizer, content and workflow hashes; its tokens (n of m claimed) with each\n" +
    "token's role, status and holder; its capability attestations; its payment requests; and its last 5 events.\n" +
    "With INTEGRA_PASSPHRASE set, also the private title and reference (decrypted here; nothing is sent).\n" +
    "Several chains: --rpc repeated, one per chain (or INTEGRA_RPCS=URL,URL): the record is looked up on each, and the\n" +
    "first in that order that has it answers, naming its chain; a chain that does not answer is named on stderr. On\n" +
    "none of them: RecordNotFound (exit 3), or exit 4 (try later) if a chain did not answer.",
  async run(context) {
    const integraHash = recordHashArgument(context.args[0]);
    const connections = await connectEachChain(searchedRpcs(context));
    const passphrase = process.env.INTEGRA_PASSPHRASE || undefined;
    const outcomes = await searchEachChain(connections, (client) => ifRecordKnown(readStatus(client, integraHash, passphrase)));
    const verdict = chainSearchVerdict(outcomes, "first", exitCodeOf({ code: "RecordNotFound", retry: false }));
    if (verdict.kind !== "found") throw recordNotFound(verdict, integraHash, connections.length);
    process.stderr.write(unreachableLines("status", verdict.unreachable));
    const [{ value: status }] = verdict.hits;
    if (context.json) printJson("status", status);
    else process.stdout.write(human(status, connections.length > 1));
    return verdict.exitCode;
  },
};
