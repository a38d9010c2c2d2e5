import { type Hash, decodeFunctionData } from "viem";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { easAbi, integraForwarderV1Abi } from "@/lib/generated/integra";
import { LOCAL_RELAYER_ADDRESS } from "./localRelayerKey";
import type { RelayOutcome } from "./refusal";
import {
  type TestChain,
  arrangeRecord,
  claimCall,
  makeRelayer,
  newParty,
  post,
  relayerOverRpc,
  signRequest,
  sponsorNonce,
  sponsorPool,
  startTestChain,
} from "./relayerTestChain";

let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain();
}, 30_000);

afterAll(async () => {
  await chain?.stop();
});

afterEach(async () => {
  // A test may leave sponsor transactions in the pool (the chain-rewind one does, on purpose): none outlives it.
  for (const { hash } of (await pooled()).values()) await chain.test.dropTransaction({ hash });
  await chain.test.setBlockGasLimit({ gasLimit: 30_000_000n });
  await chain.test.setAutomine(true);
});

const FEES = { maxFeePerGas: 2n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n };

const hashOf = (outcome: RelayOutcome): Hash => {
  expect(outcome.status).toBe(200);
  return (outcome.body as { hash: Hash }).hash;
};

/** The sponsor's transactions waiting in anvil's pool, by nonce. */
async function pooled(): Promise<Map<number, { hash: Hash; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }>> {
  const content = await chain.test.getTxpoolContent();
  const mine =
    Object.entries(content.pending).find(([address]) => address.toLowerCase() === LOCAL_RELAYER_ADDRESS.toLowerCase())?.[1] ?? {};
  return new Map(
    // Anvil answers with the RPC's hex quantities, whatever viem's type says: read them as numbers either way.
    Object.values(mine).map((tx) => [
      Number(tx.nonce),
      { hash: tx.hash, maxFeePerGas: BigInt(String(tx.maxFeePerGas)), maxPriorityFeePerGas: BigInt(String(tx.maxPriorityFeePerGas)) },
    ]),
  );
}

async function claimRequests(count: number) {
  const requests = [];
  for (let i = 0; i < count; i++) {
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    requests.push(await signRequest(chain, party, claimCall(chain, record, 1)));
  }
  return requests;
}

describe("stuck and dropped sponsor transactions", () => {
  it("replaces a transaction still pending after the wait (same nonce, fees up 12.5%), while later sends go on", async () => {
    const relayer = await makeRelayer(chain, { policy: { replaceAfterMs: 300 } });
    const [first, second] = await claimRequests(2);
    // No blocks: everything the relayer sends stays pending.
    await chain.test.setAutomine(false);
    const firstHash = hashOf(await post(relayer, first));
    const secondHash = hashOf(await post(relayer, second));
    const sent = await pooled();
    const [nonceA, nonceB] = [...sent.keys()].sort((a, b) => a - b);
    expect(nonceB).toBe(nonceA + 1);
    expect(sent.get(nonceA)?.hash).toBe(firstHash);

    // Both are replaced in place: same nonces, new hashes, both fees at least 12.5% higher.
    await expect.poll(async () => (await pooled()).get(nonceA)?.hash, { timeout: 5_000 }).not.toBe(firstHash);
    await expect.poll(async () => (await pooled()).get(nonceB)?.hash, { timeout: 5_000 }).not.toBe(secondHash);
    const replaced = await pooled();
    const before = sent.get(nonceA)!;
    const after = replaced.get(nonceA)!;
    expect(after.maxFeePerGas * 1000n).toBeGreaterThanOrEqual(before.maxFeePerGas * 1125n);
    expect(after.maxPriorityFeePerGas * 1000n).toBeGreaterThanOrEqual(before.maxPriorityFeePerGas * 1125n);
    expect(replaced.size).toBe(2);

    await chain.test.mine({ blocks: 1 });
    const receiptA = await chain.clerk.publicClient.waitForTransactionReceipt({ hash: after.hash });
    expect(receiptA.status).toBe("success");
    expect((await chain.clerk.publicClient.waitForTransactionReceipt({ hash: replaced.get(nonceB)!.hash })).status).toBe("success");
    // Settled to what was really paid: the reservations of the replacements' higher fees are released.
    await expect.poll(() => relayer.spentWei()).toBeLessThan(2n * 10n ** 15n);
    await relayer.close();
  });

  it("sends a dropped transaction again with the same nonce", async () => {
    const relayer = await makeRelayer(chain, { policy: { replaceAfterMs: 300 } });
    const [request] = await claimRequests(1);
    await chain.test.setAutomine(false);
    const hash = hashOf(await post(relayer, request));
    const nonce = [...(await pooled()).keys()][0];
    await chain.test.dropTransaction({ hash });
    expect((await pooled()).size).toBe(0);
    await expect.poll(async () => (await pooled()).get(nonce)?.hash, { timeout: 5_000 }).toBeDefined();
    const again = (await pooled()).get(nonce)!.hash;
    expect(again).not.toBe(hash);
    await chain.test.mine({ blocks: 1 });
    expect((await chain.clerk.publicClient.waitForTransactionReceipt({ hash: again })).status).toBe("success");
    await relayer.close();
  });

  it("does not pay to replace a transaction whose call would fail now, and frees its request", async () => {
    const relayer = await makeRelayer(chain, { policy: { replaceAfterMs: 300 } });
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    const request = await signRequest(chain, party, claimCall(chain, record, 1));
    await chain.test.setAutomine(false);
    const hash = hashOf(await post(relayer, request));
    await chain.test.dropTransaction({ hash });
    // Meanwhile the attester revokes the attestation the claim uses: sending the claim again would only revert.
    await chain.clerk.walletClient.writeContract({
      address: chain.contracts.eas,
      abi: easAbi,
      functionName: "revoke",
      args: [{ schema: chain.deployment.capabilitySchemaUid, data: { uid: record.uids[0], value: 0n } }],
      gas: 200_000n,
    });
    await chain.test.mine({ blocks: 1 });
    const nonce = await sponsorNonce(chain);
    // Once the wait is over the watcher looks, finds the call would fail, and lets the request go: posting it again
    // is judged afresh (the simulation refuses it) instead of "already being submitted".
    await expect
      .poll(
        async () => {
          const again = await post(relayer, request);
          return "error" in again.body ? again.body.error.check : "sent";
        },
        { timeout: 5_000 },
      )
      .toBe("simulation");
    expect((await pooled()).size).toBe(0);
    expect(await sponsorNonce(chain)).toBe(nonce);
    await relayer.close();
  });

  it("gives up a dropped transaction whose nonce went to a later request, and lets its party post again", async () => {
    const relayer = await makeRelayer(chain, { policy: { replaceAfterMs: 60_000 } });
    const [dropped, next] = await claimRequests(2);
    await chain.test.setAutomine(false);
    const droppedHash = hashOf(await post(relayer, dropped));
    await chain.test.dropTransaction({ hash: droppedHash });
    // The node no longer knows the last transaction: the next send takes the freed nonce rather than leave a gap.
    const nextHash = hashOf(await post(relayer, next));
    const pool = await pooled();
    expect([...pool.values()].map((t) => t.hash)).toEqual([nextHash]);
    await chain.test.mine({ blocks: 1 });
    await chain.test.setAutomine(true);
    // The dropped request never ran: once the nonce is used by the other, it is released, and may be posted again.
    await expect
      .poll(async () => {
        const retry = await post(relayer, dropped);
        return retry.status === 200 ? "sent" : "error" in retry.body ? retry.body.error.message : "";
      })
      .toBe("sent");
    await relayer.close();
  });
  it("gives up what was pending when the chain goes back (a reorg, a reset, a snapshot revert) instead of replaying it", async () => {
    const relayer = await makeRelayer(chain, { policy: { replaceAfterMs: 300 } });
    const [first, second] = await claimRequests(2);
    const before = await chain.snapshot();
    await chain.test.setAutomine(false);
    hashOf(await post(relayer, first));
    await chain.test.mine({ blocks: 1 });
    const secondHash = hashOf(await post(relayer, second));
    // The chain goes back to before the first claim: the second's nonce is now one past the sponsor's count.
    await chain.revert(before);
    // Given up, not replaced into that gap: after the wait the pool holds only what was there, and the request is
    // free to be posted again (judged afresh rather than "already being submitted").
    await expect
      .poll(async () => {
        const again = await post(relayer, second);
        return "error" in again.body ? again.body.error.message : "sent";
      })
      .toBe("sent");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([...(await pooled()).values()].map((t) => t.hash)).toContain(secondHash);
    await relayer.close();
  });

  it("cancels a pending transaction whose call would fail now (a stranger ran its request first) so later nonces are not held back", async () => {
    const relayer = await makeRelayer(chain, { policy: { replaceAfterMs: 400 }, fees: FEES });
    const [victim, honest] = [newParty(), newParty()];
    const record = await arrangeRecord(chain, [victim.address, honest.address]);
    const victimRequest = await signRequest(chain, victim, claimCall(chain, record, 1));
    const honestRequest = await signRequest(chain, honest, claimCall(chain, record, 2));
    await chain.test.setAutomine(false);
    const copiedHash = hashOf(await post(relayer, victimRequest));
    const nonce = [...(await pooled()).keys()][0];
    // A stranger copies the forward request out of the pending transaction and gets it mined first; the block has
    // room for nothing else (on geth, the sponsor's fee under the base fee does the same).
    const pending = await chain.clerk.publicClient.getTransaction({ hash: copiedHash });
    const { args } = decodeFunctionData({ abi: integraForwarderV1Abi, data: pending.input });
    const stranger = chain.stranger.walletClient;
    await stranger.writeContract({
      account: stranger.account,
      chain: stranger.chain,
      address: chain.contracts.forwarder,
      abi: integraForwarderV1Abi,
      functionName: "execute",
      args: args as never,
      gas: 250_000n,
      maxFeePerGas: 50n * 10n ** 9n,
      maxPriorityFeePerGas: 40n * 10n ** 9n,
    });
    await chain.test.setBlockGasLimit({ gasLimit: 260_000n });
    await chain.test.mine({ blocks: 1 });
    await chain.test.setBlockGasLimit({ gasLimit: 30_000_000n });

    // Replaced at the same nonce by a 0-value transfer to the sponsor, fees up 12.5%: the copied call never runs.
    await expect
      .poll(async () => (await sponsorPool(chain)).get(nonce)?.to?.toLowerCase(), { timeout: 5_000 })
      .toBe(LOCAL_RELAYER_ADDRESS.toLowerCase());
    const cancel = (await sponsorPool(chain)).get(nonce)!;
    expect(cancel.value).toBe(0n);
    expect(cancel.maxFeePerGas * 1000n).toBeGreaterThanOrEqual(FEES.maxFeePerGas * 1125n);
    // The victim's request is free again, judged afresh: its forwarder nonce was used, so it is refused as such.
    await expect
      .poll(async () => {
        const again = await post(relayer, victimRequest);
        return "error" in again.body ? again.body.error.check : "sent";
      })
      .toBe("nonce");
    // The next claim takes the next nonce, and both are mined at once: nothing is held back.
    const honestHash = hashOf(await post(relayer, honestRequest));
    await chain.test.mine({ blocks: 1 });
    await chain.test.setAutomine(true);
    expect((await chain.clerk.publicClient.waitForTransactionReceipt({ hash: honestHash })).status).toBe("success");
    const cancelReceipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash: cancel.hash });
    expect(cancelReceipt.status).toBe("success");
    expect(cancelReceipt.gasUsed).toBe(21_000n);
    // The cancellation cost its real price and no penalty: the victim's next request goes through.
    await expect.poll(() => relayer.spentWei()).toBeLessThan(10n ** 15n);
    expect((await post(relayer, await signRequest(chain, victim, claimCall(chain, record, 1)))).status).not.toBe(429);
    await relayer.close();
  });

  it("settles a mined transaction at its real cost when receipt lookups lag or fail (never at 0)", async () => {
    // A load-balanced node: the first receipt lookup of each transaction lands on a backend a block behind (null),
    // the second on one that is rate-limited (an error); only the third answers.
    const looks = new Map<string, number>();
    const relayer = await relayerOverRpc(chain, { fees: FEES }, async (method, params, forward) => {
      if (method === "eth_getTransactionReceipt") {
        const hash = (params as string[])[0];
        const n = (looks.get(hash) ?? 0) + 1;
        looks.set(hash, n);
        if (n === 1) return null;
        if (n === 2) throw new Error("429 Too Many Requests");
      }
      return forward();
    });
    const [request] = await claimRequests(1);
    const hash = hashOf(await post(relayer, request));
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash });
    const paid = receipt.gasUsed * receipt.effectiveGasPrice;
    await expect.poll(() => relayer.spentWei()).toBeLessThanOrEqual(paid + 10n ** 9n);
    expect(await relayer.spentWei()).toBeGreaterThanOrEqual(paid);
    await relayer.close();
  });

  it("answers with the hash when the node took the transaction but its answer was lost, and pays for it once", async () => {
    let lose = true;
    const relayer = await relayerOverRpc(chain, { fees: FEES }, async (method, _params, forward) => {
      if (method === "eth_sendRawTransaction" && lose) {
        lose = false;
        await forward();
        throw new Error("The request took too long to respond.");
      }
      return forward();
    });
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address, party.address]);
    const request = await signRequest(chain, party, claimCall(chain, record, 1));
    await chain.test.setAutomine(false);
    const hash = hashOf(await post(relayer, request));
    expect([...(await pooled()).values()].map((t) => t.hash)).toEqual([hash]);
    expect(await relayer.spentWei()).toBeGreaterThan(0n);
    // Posted again: already being submitted, with its hash; nothing is paid twice.
    const again = await post(relayer, request);
    expect({ status: again.status, check: "error" in again.body ? again.body.error.check : undefined }).toEqual({
      status: 409,
      check: "nonce",
    });
    expect("error" in again.body && again.body.error.message).toContain(hash);
    expect((await pooled()).size).toBe(1);
    await chain.test.mine({ blocks: 1 });
    await chain.test.setAutomine(true);
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");
    await expect.poll(() => relayer.spentWei()).toBeLessThanOrEqual(receipt.gasUsed * receipt.effectiveGasPrice + 10n ** 9n);
    expect(await relayer.spentWei()).toBeGreaterThan(0n);
    expect((await post(relayer, await signRequest(chain, party, claimCall(chain, record, 2)))).status).toBe(200);
    await relayer.close();
  });
});
