import path from "node:path";
import {
  type Abi,
  type Address,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  parseEventLogs,
  zeroAddress,
  zeroHash,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDeployment } from "@/lib/deployment";
import { forwardRequestTypedData, toWire } from "@/lib/forwarder/forwardRequest";
import { testDeployment } from "@/lib/sdk/testDeployment";
import { integraEscrowV1Abi, multiPartyTokenizerV1Abi } from "@/lib/generated/integra";
import type { Clients } from "@/scripts/stack/clients.ts";
import { LOCAL_RELAYER_KEY } from "./localRelayerKey";
import { PEER_ADDRESS_HEADER } from "./peerAddress";
import { handleRelayPost } from "./relayHttp";
import { Relayer } from "./relayer";
import { DEFAULT_POLICY, type RelayerPolicy } from "./relayerPolicy";
import {
  type Party,
  type TestChain,
  arrangeRecord,
  claimCall,
  newParty,
  signRequest,
  sponsorNonce,
  testStoreOptions,
} from "./relayerTestChain";
import { CHAIN_B, ONE_CLAIM_WEI, type TwoChains, minedOn, postAcross, relayersOnBoth, startTwoChains } from "./relayerTwoChains";
import { SqliteStore } from "./store/sqliteStore";

// The relayer across chains as an attacker sees it, on the harder layout: chain B's contracts at the SAME addresses as
// chain A's (a deterministic deployment, as public chains often get), so only the chain id tells the two apart. One
// sponsor key and one store serve both chains, as the app's server runs them.
let chains: TwoChains;
let chainA: TestChain;
let chainB: TestChain;

beforeAll(async () => {
  chains = await startTwoChains("same addresses");
  ({ a: chainA, b: chainB } = chains);
}, 90_000);

afterAll(async () => {
  await chains?.stop();
});

/** Both chains' relayers, each allowing 100 requests per address unless `policy` says otherwise. */
const relayersOn = (file: string, policy: Partial<RelayerPolicy> = {}) => relayersOnBoth(chains, file, { perAddressLimit: 100, ...policy });

/** POST /api/relay of `request`, naming `chainId` in the address and the body. */
const postOn = (relayers: readonly Relayer[], chainId: number, request: Parameters<typeof toWire>[0]) =>
  postAcross(relayers, chainA.deployment.chainId, { chainId, request: toWire(request) }, { chainInAddress: chainId, peer: "198.51.100.9" });

/** Sends a write from `who` and waits for it; throws when it reverts. */
async function write(who: Clients, call: { address: Address; abi: Abi; functionName: string; args: readonly unknown[] }) {
  const hash = await who.walletClient.writeContract({ ...call, chain: who.walletClient.chain, account: who.walletClient.account });
  const receipt = await who.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${call.functionName} reverted in ${hash}`);
  return receipt;
}

/** `party` on `chain` with ether of its own, sending its own transactions. */
async function funded(chain: TestChain, party: Party): Promise<Clients> {
  await chain.test.setBalance({ address: party.address, value: 10n ** 18n });
  const walletClient = createWalletClient({ account: party, chain: chain.clerk.walletClient.chain, transport: http(chain.rpcUrl) });
  return { ...chain.clerk, walletClient } as Clients;
}

/**
 * An escrow on a record of `owner` on `chain`: tokens 1 (payer), 2 (payee) and 3 (the approver, claimed by the
 * approver paying its own gas), opened by the owner, released on token 3's approval. Returns the escrow's id and the
 * approver, whose approveRelease is a sponsored escrow call.
 */
async function escrowOn(chain: TestChain, owner: Clients): Promise<{ escrowId: bigint; approver: Party }> {
  const [payer, payee, approver] = [newParty(), newParty(), newParty()];
  const record = await arrangeRecord(chain, [payer.address, payee.address, approver.address], { owner });
  await write(await funded(chain, approver), {
    address: chain.contracts.multiPartyTokenizer,
    abi: multiPartyTokenizerV1Abi,
    functionName: "claimToken",
    args: [record.integraHash, 3n, record.uids[2], record.processHash],
  });
  const stablecoin = chain.deployment.local?.TestStablecoin;
  if (!stablecoin) throw new Error("The test chain has no local stablecoin.");
  const now = Number((await chain.clerk.publicClient.getBlock()).timestamp);
  const receipt = await write(owner, {
    address: chain.contracts.escrow,
    abi: integraEscrowV1Abi,
    functionName: "open",
    args: [
      {
        integraHash: record.integraHash,
        asset: stablecoin,
        amount: 1_000_000n,
        payerTokenId: 1,
        payeeTokenId: 2,
        refundAfter: now + 86_400,
        arbitrator: zeroAddress,
        splitPayeeBps: 0,
        agreementComplete: false,
        approverTokenIds: [3],
        approvalsRequired: 1,
        attester: zeroAddress,
        attestationSchema: zeroHash,
        paymentId: 0n,
      },
    ],
  });
  const [opened] = parseEventLogs({ abi: integraEscrowV1Abi, logs: receipt.logs, eventName: "EscrowOpened" });
  return { escrowId: opened.args.escrowId, approver };
}

const approveRelease = (chain: TestChain, escrowId: bigint) => ({
  to: chain.contracts.escrow,
  data: encodeFunctionData({ abi: integraEscrowV1Abi, functionName: "approveRelease", args: [escrowId, 3n] }),
});

describe("the relayer across chains deployed at the same addresses", () => {
  it("refuses on chain B a request signed for chain A (same forwarder, other chain id), and it still runs on chain A", async () => {
    expect(chainB.contracts).toEqual(chainA.contracts);
    const relayers = await relayersOn("replay.sqlite");
    const party = newParty();
    const record = await arrangeRecord(chainA, [party.address]);
    const signedForA = await signRequest(chainA, party, claimCall(chainA, record, 1));
    // The same bytes re-signed in chain B's domain would be a different signature: this one names chain A only.
    const domainB = forwardRequestTypedData(signedForA, CHAIN_B, chainB.contracts.forwarder).domain;
    expect(domainB.verifyingContract).toBe(chainA.contracts.forwarder);
    const [nonceA, nonceB] = await Promise.all([sponsorNonce(chainA), sponsorNonce(chainB)]);

    expect(await postOn(relayers, CHAIN_B, signedForA)).toMatchObject({ status: 400, check: "signature" });
    expect(await Promise.all([sponsorNonce(chainA), sponsorNonce(chainB)])).toEqual([nonceA, nonceB]);

    const onA = await postOn(relayers, chainA.deployment.chainId, signedForA);
    expect(onA.status).toBe(200);
    await minedOn(chainA, onA.hash);
    expect(await sponsorNonce(chainB)).toBe(nonceB);
    await Promise.all(relayers.map((relayer) => relayer.close()));
  });

  it("judges a record by chain B's registry and escrow: a principal's record or escrow #n on chain A pays for nothing on chain B", async () => {
    const clerk = chainA.clerk.walletClient.account.address;
    expect(chainB.clerk.walletClient.account.address).toBe(clerk);
    const relayers = await relayersOn("principals.sqlite", { sponsoredPrincipals: [{ address: clerk, weight: 1 }] });

    // A claim: the clerk's record on chain A is sponsored there; a stranger's record on chain B is not.
    const party = newParty();
    const [ours, theirs] = await Promise.all([
      arrangeRecord(chainA, [party.address]),
      arrangeRecord(chainB, [party.address], { owner: chainB.stranger }),
    ]);
    await minedOn(
      chainA,
      (await postOn(relayers, chainA.deployment.chainId, await signRequest(chainA, party, claimCall(chainA, ours, 1)))).hash,
    );
    const nonceB = await sponsorNonce(chainB);
    expect(await postOn(relayers, CHAIN_B, await signRequest(chainB, party, claimCall(chainB, theirs, 1)))).toMatchObject({
      status: 422,
      check: "sponsorship",
    });

    // An escrow: the same id on both chains, the clerk's on chain A and the stranger's on chain B.
    const onA = await escrowOn(chainA, chainA.clerk);
    const onB = await escrowOn(chainB, chainB.stranger);
    expect(onB.escrowId).toBe(onA.escrowId);
    expect(await postOn(relayers, CHAIN_B, await signRequest(chainB, onB.approver, approveRelease(chainB, onB.escrowId)))).toMatchObject({
      status: 422,
      check: "sponsorship",
    });
    expect(await sponsorNonce(chainB)).toBe(nonceB);

    // Not that chain B sponsors nothing: the clerk's own escrow there is paid for.
    const clerksOnB = await escrowOn(chainB, chainB.clerk);
    const paid = await postOn(relayers, CHAIN_B, await signRequest(chainB, clerksOnB.approver, approveRelease(chainB, clerksOnB.escrowId)));
    expect(paid.status).toBe(200);
    await minedOn(chainB, paid.hash);
    await Promise.all(relayers.map((relayer) => relayer.close()));
  });

  it("holds one sponsor key's nonce lock per chain: chain A's lock held elsewhere does not stop chain B", async () => {
    const relayers = await relayersOn("lock.sqlite");
    // Another instance sharing the store is sending on chain A: it holds chain A's nonce lock (storeLock.ts).
    const otherInstance = new SqliteStore(path.join(chains.storeDir, "lock.sqlite"), testStoreOptions(chainA));
    expect(await otherInstance.putIfAbsent("lock:nonce", "another instance", 120_000)).toBeUndefined();
    const [partyA, partyB] = [newParty(), newParty()];
    const [recordA, recordB] = await Promise.all([arrangeRecord(chainA, [partyA.address]), arrangeRecord(chainB, [partyB.address])]);
    const nonceA = await sponsorNonce(chainA);

    let settledOnA = false;
    const waitingOnA = postOn(
      relayers,
      chainA.deployment.chainId,
      await signRequest(chainA, partyA, claimCall(chainA, recordA, 1)),
    ).finally(() => (settledOnA = true));
    const onB = await postOn(relayers, CHAIN_B, await signRequest(chainB, partyB, claimCall(chainB, recordB, 1)));
    expect(onB.status).toBe(200);
    await minedOn(chainB, onB.hash);
    // Chain A's request waits for its own chain's lock, and only for that.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(settledOnA).toBe(false);
    expect(await sponsorNonce(chainA)).toBe(nonceA);

    await otherInstance.delete("lock:nonce", "another instance");
    const onA = await waitingOnA;
    expect(onA.status).toBe(200);
    await minedOn(chainA, onA.hash);
    await otherInstance.close();
    await Promise.all(relayers.map((relayer) => relayer.close()));
  }, 20_000);

  it("bounds a signer per chain: a wallet at its cap on chain A is still paid for on chain B (documented: each chain's cap is its own)", async () => {
    const relayers = await relayersOn("signer.sqlite", { perSignerSpendCapWei: ONE_CLAIM_WEI });
    const party = newParty();
    // One after the other on chain A: the clerk's transactions take its nonces in turn.
    const firstA = await arrangeRecord(chainA, [party.address]);
    const [secondA, onB] = await Promise.all([arrangeRecord(chainA, [party.address]), arrangeRecord(chainB, [party.address])]);
    await minedOn(
      chainA,
      (await postOn(relayers, chainA.deployment.chainId, await signRequest(chainA, party, claimCall(chainA, firstA, 1)))).hash,
    );
    expect(
      await postOn(relayers, chainA.deployment.chainId, await signRequest(chainA, party, claimCall(chainA, secondA, 1))),
    ).toMatchObject({
      status: 429,
      check: "spend",
      message: expect.stringMatching(/what it pays for one wallet/),
    });
    const paidOnB = await postOn(relayers, CHAIN_B, await signRequest(chainB, party, claimCall(chainB, onB, 1)));
    expect(paidOnB.status).toBe(200);
    await minedOn(chainB, paidOnB.hash);
    await Promise.all(relayers.map((relayer) => relayer.close()));
  });
});

describe("POST /api/relay: a body that names its chain, without the address naming one", () => {
  /** A relayer on chain B that never reaches a chain: the request below stops at its format check. */
  function offlineRelayerOnB(): Relayer {
    // A relayer knows its chain's deployment; this one never reaches its chain, so made-up addresses will do.
    addDeployment({ ...testDeployment, chainId: CHAIN_B });
    const chain = { ...foundry, id: CHAIN_B };
    const transport = http("http://127.0.0.1:9", { retryCount: 0 });
    return new Relayer({
      publicClient: createPublicClient({ chain, transport }),
      walletClient: createWalletClient({ chain, transport, account: privateKeyToAccount(LOCAL_RELAYER_KEY) }),
      policy: DEFAULT_POLICY,
      store: new SqliteStore(":memory:", { namespace: "offline-b:", rateWindowMs: 60_000, spendWindowMs: 86_400_000 }),
    });
  }

  // A deployment whose default chain runs no relayer (RELAYER_PRIVATE_KEY_<B> alone set): a hand-written client that
  // names its chain only in the body still reaches that chain's relayer, not the default chain's refusal.
  it("is answered by that chain's relayer even when the default chain runs none", async () => {
    const onB = offlineRelayerOnB();
    const response = await handleRelayPost(
      new Request("http://localhost/api/relay", {
        method: "POST",
        headers: { "content-type": "application/json", [PEER_ADDRESS_HEADER]: "198.51.100.10" },
        body: JSON.stringify({ chainId: CHAIN_B }),
      }),
      {
        relayer: async (id) => (id === CHAIN_B ? onB : { disabled: "This deployment runs no relayer (no RELAYER_PRIVATE_KEY is set)." }),
        defaultChainId: foundry.id,
        identity: () => ({ trustedProxies: 0 }),
        peerStamped: () => true,
      },
    );
    await onB.close();
    // Chain B's relayer reads the body and finds no signed request in it; not the default chain's "disabled" (503).
    expect(((await response.json()) as { error: { check: string } }).error.check).toBe("format");
  });
});
