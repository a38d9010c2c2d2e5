import { readFileSync } from "node:fs";
import path from "node:path";
import {
  type Address,
  type Hex,
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  parseEventLogs,
  stringToHex,
  zeroAddress,
} from "viem";
import { foundry } from "viem/chains";
import { integraCalls } from "@/lib/writes";
import { CAPABILITY } from "@/lib/capabilities";
import { easAbi, integraRecordV1Abi, multiPartyTokenizerV1Abi } from "@/lib/generated/integra";
import { processHashOf, workflowIdOf } from "@/lib/workflow";
import { ACCOUNTS, type AccountName, RPC_URL } from "./anvil";

/** Direct chain actions for arranging a test (anvil signs for its dev accounts). */
const deployment = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "contracts", "deployments", "31337.json"), "utf8")) as {
  capabilitySchemaUid: Hex;
  addresses: Record<string, Address>;
};
export const addresses = deployment.addresses;
const publicClient = createPublicClient({ chain: foundry, transport: http(RPC_URL) });

function wallet(name: AccountName) {
  return createWalletClient({ chain: foundry, transport: http(RPC_URL), account: ACCOUNTS[name] as Address });
}

/** Opens `owner`'s workflow `name` unless it is open already (a test may arrange two records in one), and returns its hash. */
export async function openWorkflow(owner: AccountName, name: string): Promise<Hex> {
  const processHash = processHashOf(ACCOUNTS[owner] as Address, name);
  const registry = { address: addresses.IntegraRecordV1, abi: integraRecordV1Abi } as const;
  const [current] = await publicClient.readContract({ ...registry, functionName: "workflowOf", args: [processHash] });
  if (current === zeroAddress) {
    const hash = await wallet(owner).writeContract({ ...registry, functionName: "openWorkflow", args: [workflowIdOf(name)] });
    await publicClient.waitForTransactionReceipt({ hash });
  }
  return processHash;
}

/**
 * Registers a bare agreement into a workflow `owner` owns or is a member of (`processHash`), without parties; a named
 * `executor` is only offered the role.
 */
export async function registerAgreement(
  owner: AccountName,
  contentHash: Hex,
  processHash: Hex,
  executor: Address = zeroAddress,
): Promise<Hex> {
  const hash = await wallet(owner).writeContract({
    address: addresses.IntegraRecordV1,
    abi: integraRecordV1Abi,
    functionName: "register",
    args: [contentHash, "0x", addresses.MultiPartyTokenizerV1, executor, processHash, []],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  const [event] = parseEventLogs({ abi: integraRecordV1Abi, logs: receipt.logs, eventName: "RecordRegistered" });
  return event.args.integraHash;
}

/** The owner offers the record to `newOwner` (who must accept it). */
export async function offerRecord(owner: AccountName, integraHash: Hex, newOwner: AccountName, reason: string): Promise<void> {
  const hash = await wallet(owner).writeContract({
    address: addresses.IntegraRecordV1,
    abi: integraRecordV1Abi,
    functionName: "offerRecordOwnership",
    args: [integraHash, ACCOUNTS[newOwner] as Address, reason],
  });
  await publicClient.waitForTransactionReceipt({ hash });
}

/** A dev account by name, or any address (an ephemeral wallet made in a test). */
type Party = AccountName | Address;
const addressOf = (party: Party): Address => (party.startsWith("0x") ? (party as Address) : (ACCOUNTS[party as AccountName] as Address));

export async function reserve(owner: AccountName, integraHash: Hex, tokenId: bigint, recipient: Party, processHash: Hex): Promise<void> {
  const hash = await wallet(owner).writeContract({
    address: addresses.MultiPartyTokenizerV1,
    abi: multiPartyTokenizerV1Abi,
    functionName: "reserveToken",
    args: [integraHash, tokenId, addressOf(recipient), 1n, processHash, ""],
  });
  await publicClient.waitForTransactionReceipt({ hash });
}

/** Fixes the party set of a record whose tokens were reserved one by one; claims need it. */
export async function sealParties(owner: AccountName, integraHash: Hex): Promise<void> {
  const hash = await wallet(owner).writeContract({
    address: addresses.MultiPartyTokenizerV1,
    abi: multiPartyTokenizerV1Abi,
    functionName: "sealParties",
    args: [integraHash],
  });
  await publicClient.waitForTransactionReceipt({ hash });
}

export async function attestClaim(
  attester: AccountName,
  integraHash: Hex,
  tokenId: bigint,
  recipient: Party,
  processHash: Hex,
  expirationTime = 0n,
): Promise<Hex> {
  const call = integraCalls.issueCapability({
    integraHash,
    tokenId,
    capabilities: CAPABILITY.CLAIM,
    recipient: addressOf(recipient),
    processHash,
    expirationTime,
  });
  const hash = await wallet(attester).sendTransaction({ to: call.to, data: call.data });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  const [event] = parseEventLogs({ abi: easAbi, logs: receipt.logs, eventName: "Attested" });
  return event.args.uid;
}

export async function tokenStatus(integraHash: Hex, tokenId: bigint) {
  const [status, reservedFor] = await publicClient.readContract({
    address: addresses.MultiPartyTokenizerV1,
    abi: multiPartyTokenizerV1Abi,
    functionName: "tokenStatus",
    args: [integraHash, tokenId],
  });
  return { status: ["none", "reserved", "claimed", "cancelled"][status], reservedFor };
}

export async function latestTimestamp(): Promise<bigint> {
  return (await publicClient.getBlock()).timestamp;
}

export async function claim(claimant: AccountName, integraHash: Hex, tokenId: bigint, uid: Hex, processHash: Hex): Promise<void> {
  const hash = await wallet(claimant).writeContract({
    address: addresses.MultiPartyTokenizerV1,
    abi: multiPartyTokenizerV1Abi,
    functionName: "claimToken",
    args: [integraHash, tokenId, uid, processHash],
  });
  await publicClient.waitForTransactionReceipt({ hash });
}

/** The ERC-1155 balance of a record's role token `tokenId` held by `holder`. */
export async function roleTokenBalance(integraHash: Hex, tokenId: bigint, holder: Address): Promise<bigint> {
  const id = await publicClient.readContract({
    address: addresses.MultiPartyTokenizerV1,
    abi: multiPartyTokenizerV1Abi,
    functionName: "erc1155IdOf",
    args: [integraHash, tokenId],
  });
  return publicClient.readContract({
    address: addresses.MultiPartyTokenizerV1,
    abi: multiPartyTokenizerV1Abi,
    functionName: "balanceOf",
    args: [holder, id],
  });
}

export async function balanceOf(address: Address): Promise<bigint> {
  return publicClient.getBalance({ address });
}

export async function nonceOf(address: Address): Promise<number> {
  return publicClient.getTransactionCount({ address, blockTag: "pending" });
}

/** Registers a multi-party agreement with `parties` (token i+1 each, sealed, one transaction) and attests each claim. */
export async function arrangeAgreement(label: string, parties: Party[]): Promise<{ integraHash: Hex; processHash: Hex; uids: Hex[] }> {
  const processHash = await openWorkflow("clerk", `e2e/${label}`);
  const contentHash = keccak256(stringToHex(`content/${label}`));
  const hash = await wallet("clerk").writeContract({
    address: addresses.IntegraRecordV1,
    abi: integraRecordV1Abi,
    functionName: "registerWithParties",
    args: [
      contentHash,
      "0x",
      addresses.MultiPartyTokenizerV1,
      "0x0000000000000000000000000000000000000000",
      processHash,
      [],
      parties.map((party) => ({ recipient: addressOf(party), amount: 1n, role: "" })),
    ],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  const [event] = parseEventLogs({ abi: integraRecordV1Abi, logs: receipt.logs, eventName: "RecordRegistered" });
  const integraHash = event.args.integraHash;
  const uids: Hex[] = [];
  for (const [i, party] of parties.entries()) uids.push(await attestClaim("clerk", integraHash, BigInt(i + 1), party, processHash));
  return { integraHash, processHash, uids };
}
