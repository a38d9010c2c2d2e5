import { type Address, type Hex, encodeAbiParameters, isAddressEqual, keccak256 } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { integraOf } from "@/lib/contracts";
import { type ContentRecord, type TokenRow, readRecord, readRecordTokens, readRecordsByContent } from "@/lib/reads/records";

/**
 * The record `registrant` already registered for `contentHash` in the workflow `processHash`, or undefined: what makes
 * a registration run again a no-op (the same document, by the same registrant, in the same workflow).
 */
export async function ownRecordOf(
  client: ReadClient,
  query: { registrant: Address; processHash: Hex; contentHash: Hex },
): Promise<ContentRecord | undefined> {
  const records = await readRecordsByContent(client, query.contentHash);
  return records.find(
    (r) => isAddressEqual(r.registrant, query.registrant) && r.processHash.toLowerCase() === query.processHash.toLowerCase(),
  );
}

/** A registered record's tokens now (reserved, claimed, cancelled), read from its tokenizer from its own block. */
export async function recordTokensOf(client: ReadClient, integraHash: Hex): Promise<TokenRow[]> {
  const record = await readRecord(client, integraHash);
  return (await readRecordTokens(client, integraHash, record.tokenizer, record.registeredBlock)).tokens;
}

/**
 * The integraHash the registry will give the `offset`-th next record `registrant` registers (0: the very next), as
 * it derives it: keccak256(abi.encode(chainid, registry, registrant, contentHash, nonce)). A dry run names the
 * records it would make with it; it holds while the registrant registers nothing else meanwhile.
 */
export async function predictIntegraHash(
  client: ReadClient,
  query: { registrant: Address; contentHash: Hex; offset?: number },
): Promise<Hex> {
  const { registry } = integraOf(client);
  const [chainId, nonce] = await Promise.all([
    client.chain?.id ?? client.getChainId(),
    client.readContract({ ...registry, functionName: "nonces", args: [query.registrant] }),
  ]);
  return keccak256(
    encodeAbiParameters(
      [{ type: "uint256" }, { type: "address" }, { type: "address" }, { type: "bytes32" }, { type: "uint256" }],
      [BigInt(chainId), registry.address, query.registrant, query.contentHash, nonce + BigInt(query.offset ?? 0)],
    ),
  );
}
