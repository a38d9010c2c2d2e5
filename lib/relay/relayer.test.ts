import { type Hex, encodeFunctionData, zeroHash } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { easAbi, multiPartyTokenizerV1Abi } from "@/lib/generated/integra";
import type { Relayer } from "./relayer";
import type { RelayOutcome } from "./refusal";
import {
  type TestChain,
  arrangeRecord,
  claimCall,
  makeRelayer,
  newParty,
  post,
  signRequest,
  sponsorNonce,
  startTestChain,
} from "./relayerTestChain";

let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain();
}, 30_000);

afterAll(async () => {
  await chain?.stop();
});

/** A refusal: its status, its check, its words, and nothing sent (the sponsor's nonce and spend do not move). */
async function expectRefused(relayer: Relayer, outcome: Promise<RelayOutcome>, status: number, check: string, words: RegExp) {
  const nonceBefore = await sponsorNonce(chain);
  const spentBefore = await relayer.spentWei();
  const result = await outcome;
  expect({ status: result.status, check: "error" in result.body ? result.body.error.check : undefined }).toEqual({ status, check });
  const message = "error" in result.body ? result.body.error.message : "";
  expect(message).toMatch(words);
  expect(message).toMatch(/Nothing was sent\.$/);
  expect(await sponsorNonce(chain)).toBe(nonceBefore);
  expect(await relayer.spentWei()).toBe(spentBefore);
  return result;
}

async function latestTimestamp(): Promise<number> {
  return Number((await chain.clerk.publicClient.getBlock()).timestamp);
}

describe("Relayer refusals", () => {
  it("relays a good claim, paying once, and settles the spend to the real cost", async () => {
    const relayer = await makeRelayer(chain);
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    const request = await signRequest(chain, party, claimCall(chain, record, 1));
    const before = await sponsorNonce(chain);
    const outcome = await post(relayer, request);
    expect(outcome.status).toBe(200);
    const hash = (outcome.body as { hash: Hex }).hash;
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");
    expect(await sponsorNonce(chain)).toBe(before + 1);
    await expect.poll(() => relayer.spentWei()).toBeLessThanOrEqual(receipt.gasUsed * receipt.effectiveGasPrice + 10n ** 9n);
    expect(await relayer.spentWei()).toBeGreaterThan(0n);
    await expectRefused(relayer, post(relayer, request), 409, "nonce", /already used/);
    await relayer.close();
  });

  it("refuses bad formats, other calls, ether, too much gas, a wrong signature and a failing simulation", async () => {
    const relayer = await makeRelayer(chain);
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    const claim = claimCall(chain, record, 1);
    await expectRefused(relayer, post(relayer, { from: "nope" }), 400, "format", /"from" is not an address/);
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, { ...claim, to: chain.contracts.registry })),
      422,
      "call",
      /Nothing is sponsored on/,
    );
    const reserve = encodeFunctionData({
      abi: multiPartyTokenizerV1Abi,
      functionName: "reserveToken",
      args: [record.integraHash, 2n, party.address, 1n, zeroHash, ""],
    });
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, { ...claim, data: reserve })),
      422,
      "call",
      /Only claims are sponsored/,
    );
    await expectRefused(relayer, post(relayer, await signRequest(chain, party, claim, { value: 1n })), 422, "value", /send ether/);
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, claim, { gas: 2_000_000n })),
      422,
      "gas",
      /at most 1,000,000/,
    );
    const signed = await signRequest(chain, party, claim);
    await expectRefused(relayer, post(relayer, { ...signed, gas: signed.gas + 1n }), 400, "signature", /changed after signing/);
    const noAttestation = { ...claim, data: claimCall(chain, { ...record, uids: [zeroHash] }, 1).data };
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, noAttestation)),
      422,
      "simulation",
      /Would fail if submitted now/,
    );
    const future = await signRequest(chain, party, claim, { nonce: 5n });
    await expectRefused(relayer, post(relayer, future), 409, "nonce", /later turn/);
    await relayer.close();
  });

  it("refuses deadlines outside one minute to one hour from the next block, far-future ones included", async () => {
    const relayer = await makeRelayer(chain);
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    const claim = claimCall(chain, record, 1);
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(relayer, post(relayer, await signRequest(chain, party, claim, { deadline: now - 60 })), 400, "deadline", /expired/);
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, claim, { deadline: now + 30 })),
      400,
      "deadline",
      /too soon/,
    );
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, claim, { deadline: now + 3_700 })),
      400,
      "deadline",
      /at most 60 minutes/,
    );
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, claim, { deadline: 2 ** 48 - 1 })),
      400,
      "deadline",
      /at most 60 minutes/,
    );
    expect((await post(relayer, await signRequest(chain, party, claim, { deadline: now + 3_500 }))).status).toBe(200);
    await relayer.close();
  });

  it("judges the deadline at the next block's time, not the latest block's", async () => {
    // The chain has been idle: its latest block is 29 minutes and 50 seconds older than the wall clock.
    const latest = await latestTimestamp();
    const relayer = await makeRelayer(chain, { now: () => (latest + 1_790) * 1000 });
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    // Thirty minutes from the latest block: ten seconds from the next one.
    const request = await signRequest(chain, party, claimCall(chain, record, 1), { deadline: latest + 1_800 });
    await expectRefused(relayer, post(relayer, request), 400, "deadline", /expires in 10 seconds, too soon/);
    await relayer.close();
  });

  it("refuses a claim whose attestation expires within a minute of the next block, before sending anything", async () => {
    const relayer = await makeRelayer(chain);
    const party = newParty();
    const soon = await arrangeRecord(chain, [party.address], { expirationTime: BigInt(Math.floor(Date.now() / 1000) + 40) });
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, claimCall(chain, soon, 1))),
      422,
      "attestation",
      /expires in \d+ seconds/,
    );
    const later = await arrangeRecord(chain, [party.address], { expirationTime: BigInt(Math.floor(Date.now() / 1000) + 3_600) });
    expect((await post(relayer, await signRequest(chain, party, claimCall(chain, later, 1)))).status).toBe(200);
    await relayer.close();
  });

  it("limits each client and each signer, counting a signer only for requests it really signed", async () => {
    const relayer = await makeRelayer(chain, { policy: { perClientLimit: 3, perAddressLimit: 2 } });
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    const failing = await signRequest(chain, party, { ...claimCall(chain, { ...record, uids: [zeroHash] }, 1) });
    await expectRefused(relayer, post(relayer, failing, "10.0.0.1"), 422, "simulation", /Would fail/);
    await expectRefused(relayer, post(relayer, failing, "10.0.0.2"), 422, "simulation", /Would fail/);
    await expectRefused(relayer, post(relayer, failing, "10.0.0.3"), 429, "rate", /This wallet has sent 2 requests/);
    // An impostor's requests in the party's name do not count against the party.
    const impostor = newParty();
    const forged = await signRequest(chain, impostor, claimCall(chain, record, 1));
    for (const client of ["10.0.0.9", "10.0.0.9", "10.0.0.9"]) {
      await expectRefused(relayer, post(relayer, { ...forged, from: party.address }, client), 400, "signature", /not 0x/);
    }
    await expectRefused(relayer, post(relayer, forged, "10.0.0.9"), 429, "rate", /Too many requests from your network \(3 a minute\)/);
    await relayer.close();
  });

  it("pays once for one signed request posted many times at once", async () => {
    const relayer = await makeRelayer(chain);
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    const request = await signRequest(chain, party, claimCall(chain, record, 1));
    const before = await sponsorNonce(chain);
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => post(relayer, request)));
    expect(outcomes.map((o) => o.status).sort()).toEqual([200, 409, 409, 409]);
    expect(await sponsorNonce(chain)).toBe(before + 1);
    await relayer.close();
  });

  it("refuses a signer for a while after its relayed request reverted on chain at the sponsor's cost", async () => {
    const relayer = await makeRelayer(chain);
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address, party.address]);
    const request = await signRequest(chain, party, claimCall(chain, record, 1));
    let hash: Hex;
    await chain.test.setAutomine(false);
    try {
      const outcome = await post(relayer, request);
      expect(outcome.status).toBe(200);
      hash = (outcome.body as { hash: Hex }).hash;
      // The attester revokes the attestation in the same block, ahead of the claim: the claim reverts on chain.
      await chain.clerk.walletClient.writeContract({
        address: chain.contracts.eas,
        abi: easAbi,
        functionName: "revoke",
        args: [{ schema: chain.deployment.capabilitySchemaUid, data: { uid: record.uids[0], value: 0n } }],
        gas: 200_000n,
        maxPriorityFeePerGas: 50n * 10n ** 9n,
        maxFeePerGas: 60n * 10n ** 9n,
      });
      await chain.test.mine({ blocks: 1 });
    } finally {
      await chain.test.setAutomine(true);
    }
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("reverted");
    // Settled (the worst case replaced by the real cost) only after the penalty is recorded.
    await expect.poll(() => relayer.spentWei()).toBeLessThanOrEqual(receipt.gasUsed * receipt.effectiveGasPrice + 10n ** 9n);
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, claimCall(chain, record, 2))),
      429,
      "rate",
      /reverted on chain at the sponsor's cost; it is refused for the next \d+ seconds/,
    );
    await relayer.close();
  });
});
