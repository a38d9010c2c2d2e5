import { readFileSync } from "node:fs";
import path from "node:path";
import { type Address, type Hex, createPublicClient, createWalletClient, http, parseEventLogs } from "viem";
import { foundry } from "viem/chains";
import { CAPABILITY, capabilityAttestationRequest } from "../lib/capabilities";
import { easAbi, integraRecordV1Abi, multiPartyTokenizerV1Abi } from "../lib/generated/integra";
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

export async function registerAgreement(owner: AccountName, contentHash: Hex, processHash: Hex): Promise<Hex> {
  const hash = await wallet(owner).writeContract({
    address: addresses.IntegraRecordV1,
    abi: integraRecordV1Abi,
    functionName: "register",
    args: [contentHash, "0x", addresses.MultiPartyTokenizerV1, "0x0000000000000000000000000000000000000000", processHash, []],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  const [event] = parseEventLogs({ abi: integraRecordV1Abi, logs: receipt.logs, eventName: "RecordRegistered" });
  return event.args.integraHash;
}

export async function reserve(owner: AccountName, integraHash: Hex, tokenId: bigint, recipient: AccountName, processHash: Hex): Promise<void> {
  const hash = await wallet(owner).writeContract({
    address: addresses.MultiPartyTokenizerV1,
    abi: multiPartyTokenizerV1Abi,
    functionName: "reserveToken",
    args: [integraHash, tokenId, ACCOUNTS[recipient] as Address, 1n, processHash],
  });
  await publicClient.waitForTransactionReceipt({ hash });
}

export async function attestClaim(attester: AccountName, integraHash: Hex, tokenId: bigint, recipient: AccountName, processHash: Hex, expirationTime = 0n): Promise<Hex> {
  const hash = await wallet(attester).writeContract({
    address: addresses.EAS,
    abi: easAbi,
    functionName: "attest",
    args: [
      capabilityAttestationRequest({
        schema: deployment.capabilitySchemaUid,
        integraHash,
        tokenId,
        capabilities: CAPABILITY.CLAIM,
        processHash,
        recipient: ACCOUNTS[recipient] as Address,
        expirationTime,
      }),
    ],
  });
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
