import { type Hex, TransactionReceiptNotFoundError } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedForwardRequest, forwardRequestTypedData, toWire } from "@/lib/forwarder/forwardRequest";
import { multiPartyTokenizerV1Abi } from "@/lib/generated/integra";
import type { Relayer } from "./relayer";
import type { RelayerPolicy } from "./relayerPolicy";
import { type TestChain, arrangeRecord, claimCall, newParty, signRequest, sponsorNonce } from "./relayerTestChain";
import { CHAIN_B, ONE_CLAIM_WEI, type TwoChains, minedOn, postAcross, relayersOnBoth, startTwoChains } from "./relayerTwoChains";

// Two chains, as the local stack runs them: chain A (anvil's 31337) and chain B (31338), whose contracts are deployed
// from another deployer nonce, so none of chain B's addresses is one of chain A's.
let chains: TwoChains;
let chainA: TestChain;
let chainB: TestChain;

beforeAll(async () => {
  chains = await startTwoChains("apart");
  ({ a: chainA, b: chainB } = chains);
}, 90_000);

afterAll(async () => {
  await chains?.stop();
});

const ONE_CLAIM_CAP: Partial<RelayerPolicy> = { spendCapWei: ONE_CLAIM_WEI, perAddressLimit: 100 };

const relayersOn = (file: string, policy: Partial<RelayerPolicy> = {}) => relayersOnBoth(chains, file, policy);

/** POST /api/relay with `body`, naming `chainInAddress` in the address when given. */
const postRelay = (relayers: readonly Relayer[], body: Record<string, unknown>, chainInAddress?: number) =>
  postAcross(relayers, chainA.deployment.chainId, body, { chainInAddress, peer: "198.51.100.7" });

const wire = (request: SignedForwardRequest) => toWire(request);

async function holderOn(chain: TestChain, integraHash: Hex, tokenId: bigint) {
  return chain.clerk.publicClient.readContract({
    address: chain.contracts.multiPartyTokenizer,
    abi: multiPartyTokenizerV1Abi,
    functionName: "holderOf",
    args: [integraHash, tokenId],
  });
}

describe("a relayer per served chain", () => {
  it("relays a claim signed for chain B on chain B, and leaves chain A untouched", async () => {
    expect(chainB.contracts.forwarder).not.toBe(chainA.contracts.forwarder);
    const relayers = await relayersOn("relay.sqlite");
    const party = newParty();
    const record = await arrangeRecord(chainB, [party.address]);
    const request = await signRequest(chainB, party, claimCall(chainB, record, 1));
    const [nonceA, nonceB] = await Promise.all([sponsorNonce(chainA), sponsorNonce(chainB)]);

    const outcome = await postRelay(relayers, { chainId: CHAIN_B, request: wire(request) }, CHAIN_B);
    expect(outcome.status).toBe(200);
    await minedOn(chainB, outcome.hash);
    expect(await holderOn(chainB, record.integraHash, 1n)).toBe(party.address);
    expect(await sponsorNonce(chainB)).toBe(nonceB + 1);
    expect(await sponsorNonce(chainA)).toBe(nonceA);
    await expect(chainA.clerk.publicClient.getTransactionReceipt({ hash: outcome.hash as Hex })).rejects.toBeInstanceOf(
      TransactionReceiptNotFoundError,
    );

    // An older client's body naming its chain alone is relayed on that chain too.
    const other = newParty();
    const another = await arrangeRecord(chainB, [other.address]);
    const bodyOnly = await postRelay(relayers, {
      chainId: CHAIN_B,
      request: wire(await signRequest(chainB, other, claimCall(chainB, another, 1))),
    });
    expect(bodyOnly.status).toBe(200);
    await minedOn(chainB, bodyOnly.hash);
    expect(await sponsorNonce(chainA)).toBe(nonceA);
    await Promise.all(relayers.map((relayer) => relayer.close()));
  });

  it("refuses a request signed for chain A's domain sent as chain B, and a chain it does not serve, sending nothing", async () => {
    const relayers = await relayersOn("domains.sqlite");
    const party = newParty();
    const record = await arrangeRecord(chainB, [party.address]);
    const onB = await signRequest(chainB, party, claimCall(chainB, record, 1));
    // The same request, signed in chain A's forwarder's domain (its chain id and address): the typed data's message
    // is the request's fields alone.
    const signedForA = {
      ...onB,
      signature: await party.signTypedData(forwardRequestTypedData(onB, chainA.deployment.chainId, chainA.contracts.forwarder)),
    };
    const [nonceA, nonceB] = await Promise.all([sponsorNonce(chainA), sponsorNonce(chainB)]);

    const refused = await postRelay(relayers, { chainId: CHAIN_B, request: wire(signedForA) }, CHAIN_B);
    expect(refused).toMatchObject({
      status: 400,
      check: "signature",
      message: expect.stringMatching(/The signature is not .*Nothing was sent\.$/),
    });

    // A claim wholly of chain A (its tokenizer, its domain) sent as chain B names no contract chain B sponsors on.
    const partyA = newParty();
    const recordA = await arrangeRecord(chainA, [partyA.address]);
    const claimOnA = await signRequest(chainA, partyA, claimCall(chainA, recordA, 1));
    expect(await postRelay(relayers, { chainId: CHAIN_B, request: wire(claimOnA) }, CHAIN_B)).toMatchObject({ status: 422, check: "call" });
    expect(await postRelay(relayers, { chainId: 999, request: wire(claimOnA) }, 999)).toMatchObject({
      status: 422,
      check: "unserved-chain",
      message: expect.stringMatching(/Chain 999 is not served here\. Nothing was sent\.$/),
    });
    expect(await postRelay(relayers, { chainId: CHAIN_B, request: wire(claimOnA) }, chainA.deployment.chainId)).toMatchObject({
      status: 400,
      check: "format",
    });
    expect(await Promise.all([sponsorNonce(chainA), sponsorNonce(chainB)])).toEqual([nonceA, nonceB]);
    expect(await holderOn(chainB, record.integraHash, 1n)).not.toBe(party.address);

    // Refused as chain B, the request for chain A is still good on chain A (the default chain: no chain named).
    const onA = await postRelay(relayers, { request: wire(claimOnA) });
    expect(onA.status).toBe(200);
    await minedOn(chainA, onA.hash);
    expect(await holderOn(chainA, recordA.integraHash, 1n)).toBe(partyA.address);
    await Promise.all(relayers.map((relayer) => relayer.close()));
  });

  it("keeps a spending cap per chain: chain A's cap used up does not refuse chain B", async () => {
    const [relayerA, relayerB] = await relayersOn("caps.sqlite", ONE_CLAIM_CAP);
    const claimOn = async (chain: TestChain) => {
      const party = newParty();
      const record = await arrangeRecord(chain, [party.address]);
      return postRelay(
        [relayerA, relayerB],
        { chainId: chain.deployment.chainId, request: wire(await signRequest(chain, party, claimCall(chain, record, 1))) },
        chain.deployment.chainId,
      );
    };
    await minedOn(chainA, (await claimOn(chainA)).hash);
    expect(await claimOn(chainA)).toMatchObject({
      status: 503,
      check: "spend",
      message: expect.stringMatching(/reached its spending cap/),
    });
    expect(await relayerB.spentWei()).toBe(0n);

    await minedOn(chainB, (await claimOn(chainB)).hash);
    expect(await relayerB.spentWei()).toBeGreaterThan(0n);
    expect(await claimOn(chainB)).toMatchObject({ status: 503, check: "spend" });
    await Promise.all([relayerA.close(), relayerB.close()]);
  });
});
