// Records made on the bench chain for sections that need real ones (a record page to load, later many
// records for "at scale" sections). Registered by anvil account 1, which the gas section does not use.
import { type Hex, encodeFunctionData, parseEventLogs, sha256, stringToHex, zeroAddress } from "viem";
import { processHashOf, workflowIdOf } from "@/lib/workflow.ts";
import { forgeArtifact } from "../stack/artifacts.ts";
import { ANVIL_KEYS } from "../stack/chains.ts";
import { clientsFor } from "../stack/clients.ts";
import type { BenchContext } from "./types.ts";

export interface BenchRecord {
  integraHash: Hex;
  contentHash: Hex;
  processHash: Hex;
}

/**
 * Registers one record (multi-party tokenizer, no executor, no resolvers) into the registrant's own new workflow
 * `bench/<label>`, opened in the same transaction (the registry's multicall), and returns its hashes.
 */
export async function registerRecord(ctx: BenchContext, label: string): Promise<BenchRecord> {
  const clients = await clientsFor(ctx.rpcUrl, ANVIL_KEYS[1]);
  const abi = forgeArtifact("IntegraRecordV1").abi;
  const contentHash = sha256(stringToHex(`bench record ${label} ${Date.now()}`));
  const name = `bench/${label}/${Date.now()}`;
  const processHash = processHashOf(clients.walletClient.account.address, name);
  const calls = [
    encodeFunctionData({ abi, functionName: "openWorkflow", args: [workflowIdOf(name)] }),
    encodeFunctionData({
      abi,
      functionName: "register",
      args: [contentHash, "0x01", ctx.deployment.addresses.MultiPartyTokenizerV1, zeroAddress, processHash, []],
    }),
  ];
  const { request } = await clients.publicClient.simulateContract({
    account: clients.walletClient.account,
    address: ctx.deployment.addresses.IntegraRecordV1,
    abi,
    functionName: "multicall",
    args: [calls],
  });
  const hash = await clients.walletClient.writeContract(request);
  const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
  const [event] = parseEventLogs({ abi, logs: receipt.logs, eventName: "RecordRegistered" });
  const { integraHash } = event.args as { integraHash: Hex };
  return { integraHash, contentHash, processHash };
}
