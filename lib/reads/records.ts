import type { Address, Hex } from "viem";
import { getAbiItem, zeroAddress } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { LOG_BLOCK_RANGE } from "@/lib/config/appChain";
import { integraOf, tokenizerAbi } from "@/lib/contracts";
import { integraRecordV1Abi } from "@/lib/generated/integra";
import { decodeEntry } from "@/lib/timeline/decodeEntry";
import { fetchLogs } from "@/lib/timeline/readTimeline";
import { logsInWindows } from "@/lib/chain/logsInWindows";
import { readWorkflow } from "./workflows";

export type RecordInfo = Awaited<ReturnType<typeof readRecord>>;

/**
 * A record's state; the addresses a pending ownership offer and a pending executor offer are addressed to (zero when
 * none); and its version (`recordVersionOf`), which an accept names so that it lands only on the state shown.
 */
export async function readRecord(client: ReadClient, integraHash: Hex) {
  const { registry } = integraOf(client);
  const [record, pendingOwner, pendingExecutor, version] = await Promise.all([
    client.readContract({ ...registry, functionName: "getRecord", args: [integraHash] }),
    client.readContract({ ...registry, functionName: "pendingOwnerOf", args: [integraHash] }),
    client.readContract({ ...registry, functionName: "pendingExecutorOf", args: [integraHash] }),
    client.readContract({ ...registry, functionName: "recordVersionOf", args: [integraHash] }),
  ]);
  return { ...record, pendingOwner, pendingExecutor, version };
}

export const TOKEN_STATUS = ["none", "reserved", "claimed", "cancelled"] as const;
export type TokenStatusName = (typeof TOKEN_STATUS)[number];

export interface TokenRow {
  tokenId: bigint;
  status: TokenStatusName;
  reservedFor: Address;
  /** True when the claimant still holds the token: a party who may request and be asked for payments. */
  party: boolean;
  amount: bigint;
  processHash: Hex;
  /** The role it was reserved in ("Seller"); empty when none was given. */
  role: string;
  /** The claim, when claimed: chain time, transaction and the attestation that authorized it. */
  claim?: { timestamp: bigint; blockNumber: bigint; transactionHash: Hex; attestationUid: Hex };
}

/** The role token `tokenId` was reserved in, or undefined when the tokens are not read yet or it has none. */
export function roleOfToken(tokens: RecordTokens | undefined, tokenId: bigint): string | undefined {
  return tokens?.tokens.find((t) => t.tokenId === tokenId)?.role;
}

/** How far a record's agreement is: what the status line says, in one round trip. */
export interface RecordProgress {
  reserved: number;
  claimed: number;
  complete: boolean;
  /** Whether the party set is fixed, and its size: the agreement completes when all of them are claimed. */
  sealed: boolean;
  parties: number;
}

/** The tokenizer's progressOf and partySetOf for a record: two calls, batched into one request. */
export async function readRecordProgress(client: ReadClient, integraHash: Hex, tokenizer: Address): Promise<RecordProgress> {
  const contract = { address: tokenizer, abi: tokenizerAbi } as const;
  const [progress, partySet] = await Promise.all([
    client.readContract({ ...contract, functionName: "progressOf", args: [integraHash] }),
    client.readContract({ ...contract, functionName: "partySetOf", args: [integraHash] }),
  ]);
  return {
    reserved: Number(progress[0]),
    claimed: Number(progress[1]),
    complete: progress[2],
    sealed: partySet[0],
    parties: Number(partySet[1]),
  };
}

export interface RecordTokens extends RecordProgress {
  tokens: TokenRow[];
  /** When DocumentComplete was emitted (chain time), if it was. */
  completedAt?: bigint;
  /** The DocumentComplete event's block and transaction, if it was emitted. */
  completion?: { blockNumber: bigint; transactionHash: Hex };
}

/**
 * What the tokenizer's events say of each token: the role of its live reservation, its claim, and the
 * completion. One eth_getLogs (per block window) of the record's events on its tokenizer.
 */
async function readTokenEvents(client: ReadClient, integraHash: Hex, tokenizer: Address, fromBlock: bigint) {
  const latest = await client.getBlockNumber();
  const { logs } = await fetchLogs(client, { addresses: [tokenizer], integraHash, fromBlock }, fromBlock, latest, LOG_BLOCK_RANGE);
  const roles = new Map<bigint, string>();
  const claims = new Map<bigint, NonNullable<TokenRow["claim"]>>();
  let completion: RecordTokens["completion"];
  let completedAt: bigint | undefined;
  for (const entry of logs.map(decodeEntry)) {
    if (!entry) continue;
    const at = { timestamp: entry.timestamp, blockNumber: entry.blockNumber, transactionHash: entry.transactionHash };
    // Logs come oldest first, so a later reservation of the same token overrides an earlier one.
    if (entry.eventName === "TokenReserved") roles.set(entry.args.tokenId, entry.args.role);
    if (entry.eventName === "TokenClaimed") claims.set(entry.args.tokenId, { ...at, attestationUid: entry.args.attestationUid });
    if (entry.eventName === "DocumentComplete") {
      completion = { blockNumber: entry.blockNumber, transactionHash: entry.transactionHash };
      completedAt = entry.timestamp;
    }
  }
  return { roles, claims, completion, completedAt };
}

/** A record's tokens and progress: three reads and the tokenizer's events, then one status read per token, batched. */
export async function readRecordTokens(
  client: ReadClient,
  integraHash: Hex,
  tokenizer: Address,
  fromBlock = integraOf(client).deployBlock,
): Promise<RecordTokens> {
  const contract = { address: tokenizer, abi: tokenizerAbi } as const;
  const [ids, progress, events] = await Promise.all([
    client.readContract({ ...contract, functionName: "tokenIdsOf", args: [integraHash] }),
    readRecordProgress(client, integraHash, tokenizer),
    readTokenEvents(client, integraHash, tokenizer, fromBlock),
  ]);
  const statuses = await Promise.all(
    ids.map((id) => client.readContract({ ...contract, functionName: "tokenStatus", args: [integraHash, id] })),
  );
  // The signal contract's own test: the claimant still holds it (a token handed on is no longer the claimant's).
  const parties = await Promise.all(
    ids.map((id, i) =>
      statuses[i][0] === 2 ? client.readContract({ ...contract, functionName: "isParty", args: [integraHash, id, statuses[i][1]] }) : false,
    ),
  );
  return {
    completedAt: events.completedAt,
    completion: events.completion,
    tokens: ids.map((tokenId, i) => {
      const [status, reservedFor, amount, processHash] = statuses[i];
      const claim = TOKEN_STATUS[status] === "claimed" ? events.claims.get(tokenId) : undefined;
      return {
        tokenId,
        status: TOKEN_STATUS[status],
        reservedFor,
        party: parties[i],
        amount,
        processHash,
        role: events.roles.get(tokenId) ?? "",
        claim,
      };
    }),
    ...progress,
  };
}

const recordRegistered = getAbiItem({ abi: integraRecordV1Abi, name: "RecordRegistered" });

export interface ContentRecord {
  integraHash: Hex;
  /** Who registered it (the owner may have changed since). */
  registrant: Address;
  processHash: Hex;
  /** The owner of the record's workflow (undefined outside any workflow): it or a member it admitted registered it. */
  workflowOwner: Address | undefined;
  owner: Address;
  registeredAt: bigint;
  tokenizer: Address;
  progress: { reserved: number; claimed: number; complete: boolean } | undefined;
}

/** Every record of one content hash: one eth_getLogs on RecordRegistered (topic3 = contentHash), then reads. */
export async function readRecordsByContent(client: ReadClient, contentHash: Hex): Promise<ContentRecord[]> {
  const { registry, deployBlock } = integraOf(client);
  const logs = await logsInWindows(client, deployBlock, (window) =>
    client.getLogs({ address: registry.address, event: recordRegistered, strict: true, args: { contentHash }, ...window }),
  );
  // Everything after the logs in one round trip (the client batches): the tokenizer is in the log, as the record
  // was registered with it and it never changes.
  const workflows = [...new Set(logs.map((log) => log.args.processHash))];
  const [workflowOwners, records] = await Promise.all([
    Promise.all(workflows.map(async (processHash) => [processHash, (await readWorkflow(client, processHash)).owner] as const)).then(
      (owners) => new Map(owners),
    ),
    Promise.all(
      logs.map(async (log) => {
        const { integraHash, tokenizer } = log.args;
        const [record, progress] = await Promise.all([
          client.readContract({ ...registry, functionName: "getRecord", args: [integraHash] }),
          tokenizer === zeroAddress
            ? undefined
            : client.readContract({ address: tokenizer, abi: tokenizerAbi, functionName: "progressOf", args: [integraHash] }),
        ]);
        return { record, progress };
      }),
    ),
  ]);
  return logs.map((log, i) => {
    const { integraHash, processHash, owner: registrant, tokenizer } = log.args;
    const { record, progress } = records[i];
    return {
      integraHash,
      registrant,
      processHash,
      workflowOwner: workflowOwners.get(processHash),
      owner: record.owner,
      registeredAt: record.registeredAt,
      tokenizer,
      progress: progress && { reserved: Number(progress[0]), claimed: Number(progress[1]), complete: progress[2] },
    };
  });
}
