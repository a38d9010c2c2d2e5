import { type Hex, parseEventLogs, zeroHash } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { multiPartyTokenizerV1Abi } from "@/lib/generated/integra";
import type { Relayer } from "./relayer";
import type { RelayOutcome } from "./refusal";
import { MAX_BATCH_REQUESTS, parseRelayBody } from "./relayBody";
import {
  type TestChain,
  arrangeRecord,
  claimCall,
  makeRelayer,
  newParty,
  postBatch,
  requestPaymentCall,
  signBatch,
  sponsorNonce,
  startTestChain,
  testStoreOptions,
  expectRefusedOn,
  inOneBlockBehind,
  revokeAhead,
} from "./relayerTestChain";
import { SqliteStore } from "./store/sqliteStore";

let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain();
}, 30_000);

afterAll(async () => {
  await chain?.stop();
});

const expectRefused = (relayer: Relayer, outcome: Promise<RelayOutcome>, status: number, check: string, words: RegExp) =>
  expectRefusedOn(chain, relayer, outcome, status, check, words);

/** The claims of `tokens` of `record` (one party holds them all). */
function claims(record: Awaited<ReturnType<typeof arrangeRecord>>, tokens: number[]) {
  return tokens.map((token) => claimCall(chain, record, token));
}

describe("parseRelayBody", () => {
  it("takes one request or a batch of one signer's requests with nonces in order, and says what is wrong otherwise", async () => {
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address, party.address, party.address]);
    const batch = await signBatch(chain, party, claims(record, [1, 2, 3]));
    const wire = JSON.parse(
      JSON.stringify({ requests: batch.map((r) => ({ ...r, gas: String(r.gas), nonce: String(r.nonce), value: "0" })) }),
    );
    expect(parseRelayBody(wire)).toMatchObject({ ok: true, requests: batch.map((r) => ({ from: r.from, nonce: r.nonce })) });
    expect(parseRelayBody({ requests: [] })).toEqual({ ok: false, message: expect.stringMatching(/not a list/) });
    const tooMany = { requests: Array.from({ length: MAX_BATCH_REQUESTS + 1 }, () => wire.requests[0]) };
    expect(parseRelayBody(tooMany)).toEqual({ ok: false, message: expect.stringMatching(/at most 16/) });
    const gap = { requests: [wire.requests[0], wire.requests[2]] };
    expect(parseRelayBody(gap)).toEqual({ ok: false, message: expect.stringMatching(/^Request 2 of 2 has nonce .*follow each other/) });
    const other = { ...wire.requests[1], from: newParty().address };
    expect(parseRelayBody({ requests: [wire.requests[0], other] })).toEqual({
      ok: false,
      message: expect.stringMatching(/^Request 2 of 2 is signed for .*a batch is one signer's/),
    });
    expect(parseRelayBody({ requests: [wire.requests[0], { from: "nope" }] })).toEqual({
      ok: false,
      message: 'Request 2 of 2: The request\'s "from" is not an address.',
    });
    expect(parseRelayBody({})).toEqual({ ok: false, message: "The request is missing or is not an object." });
  });
});

describe("Relayer batches", () => {
  it("relays one party's claims as one executeBatch transaction, paying once, and refuses the same batch again", async () => {
    const relayer = await makeRelayer(chain);
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address, party.address, party.address]);
    const batch = await signBatch(chain, party, claims(record, [1, 2, 3]));
    const before = await sponsorNonce(chain);
    const outcome = await postBatch(relayer, batch);
    expect(outcome.status).toBe(200);
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash: (outcome.body as { hash: Hex }).hash });
    expect(receipt.status).toBe("success");
    expect(await sponsorNonce(chain)).toBe(before + 1);
    const claimed = parseEventLogs({ abi: multiPartyTokenizerV1Abi, logs: receipt.logs, eventName: "TokenClaimed" });
    expect(claimed.map((e) => e.args.tokenId)).toEqual([1n, 2n, 3n]);
    expect(parseEventLogs({ abi: multiPartyTokenizerV1Abi, logs: receipt.logs, eventName: "DocumentComplete" })).toHaveLength(1);
    // The spend is settled to the real cost of the one transaction.
    await expect.poll(() => relayer.spentWei()).toBeLessThanOrEqual(receipt.gasUsed * receipt.effectiveGasPrice + 10n ** 9n);
    expect(await relayer.spentWei()).toBeGreaterThan(0n);
    await expectRefused(relayer, postBatch(relayer, batch), 409, "nonce", /^Request 1 of 3: This signed request was already used/);
    await relayer.close();
  });

  it("refuses a batch whole, naming the request at fault: a bad signature, a failing claim, a payment signal, a token twice", async () => {
    const relayer = await makeRelayer(chain);
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address, party.address]);
    const good = await signBatch(chain, party, claims(record, [1, 2]));
    await expectRefused(
      relayer,
      postBatch(relayer, [good[0], { ...good[1], gas: good[1].gas + 1n }]),
      400,
      "signature",
      /^Request 2 of 2: The signature is not/,
    );
    const failing = await signBatch(chain, party, [
      claimCall(chain, record, 1),
      claimCall(chain, { ...record, uids: [zeroHash, zeroHash] }, 2),
    ]);
    await expectRefused(relayer, postBatch(relayer, failing), 422, "simulation", /^Request 2 of 2: Would fail if submitted now/);
    const deadline = BigInt(Math.floor(Date.now() / 1000) + 86_400);
    const mixed = await signBatch(chain, party, [
      claimCall(chain, record, 1),
      requestPaymentCall(chain, record, 1, party.address, 2, deadline),
    ]);
    await expectRefused(relayer, postBatch(relayer, mixed), 422, "batch", /^Request 2 of 2 is not a claim: a batch holds claims only/);
    const twice = await signBatch(chain, party, claims(record, [1, 1]));
    await expectRefused(relayer, postBatch(relayer, twice), 422, "batch", /^Request 2 of 2 claims token #1 .* again/);
    // Nothing was claimed, and the good batch still goes through.
    expect((await postBatch(relayer, good)).status).toBe(200);
    await relayer.close();
  });

  it("counts every request of a batch in the signer's and the client's limits, and says when to come back", async () => {
    const relayer = await makeRelayer(chain, { policy: { perAddressLimit: 4, perClientLimit: 6 } });
    expect(relayer.maxBatch).toBe(4);
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address, party.address, party.address, party.address, party.address]);
    const five = await signBatch(chain, party, claims(record, [1, 2, 3, 4, 5]));
    await expectRefused(relayer, postBatch(relayer, five, "10.0.0.1"), 422, "batch", /takes at most 4 of one wallet's at once/);
    const three = await signBatch(chain, party, claims(record, [1, 2, 3]));
    const sent = await postBatch(relayer, three, "10.0.0.1");
    expect(sent.status).toBe(200);
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash: (sent.body as { hash: Hex }).hash });
    // Settled (the worst case replaced by the real cost) before the refusals below check that nothing moves.
    await expect.poll(() => relayer.spentWei()).toBeLessThanOrEqual(receipt.gasUsed * receipt.effectiveGasPrice + 10n ** 9n);
    // 3 of the wallet's 4 are used: a batch of 2 does not fit, and is told when it will.
    const two = await signBatch(chain, party, claims(record, [4, 5]));
    const refused = await expectRefused(
      relayer,
      postBatch(relayer, two, "10.0.0.2"),
      429,
      "rate",
      /This wallet has sent 4 requests .*this batch counts 2.*Try again in \d+ seconds/,
    );
    expect(refused.status === 429 && refused.retryAfter).toBeGreaterThan(0);
    // The first client has used 1 (the refused 5) + 3 of its 6; a batch of 3 more does not fit in its limit.
    const other = newParty();
    const otherRecord = await arrangeRecord(chain, [other.address, other.address, other.address]);
    await expectRefused(
      relayer,
      postBatch(relayer, await signBatch(chain, other, claims(otherRecord, [1, 2, 3])), "10.0.0.1"),
      429,
      "rate",
      /Too many requests from your network \(6 a minute\)/,
    );
    await relayer.close();
  });

  it("reserves a batch's worst case under the signer's spending cap, as it would its requests one by one", async () => {
    // Fees fixed, so the worst cases are known: a claim reserves about 290,000 gas (its completion headroom included)
    // x 10 gwei = 0.0029 ETH: two fit under 0.007 ETH, four do not.
    const fees = { maxFeePerGas: 10n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n };
    const relayer = await makeRelayer(chain, { fees, policy: { perSignerSpendCapWei: 7n * 10n ** 15n, perAddressLimit: 10 } });
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address, party.address, party.address, party.address]);
    await expectRefused(
      relayer,
      postBatch(relayer, await signBatch(chain, party, claims(record, [1, 2, 3, 4]))),
      429,
      "spend",
      /paid what it pays for one wallet/,
    );
    const two = await postBatch(relayer, await signBatch(chain, party, claims(record, [1, 2])));
    expect(two.status).toBe(200);
    await relayer.close();
  });

  it("penalizes the signer and the token whose claim failed inside a mined batch (the batch itself does not revert)", async () => {
    const store = new SqliteStore(":memory:", testStoreOptions(chain));
    const relayer = await makeRelayer(chain, { store });
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address, party.address, party.address]);
    const batch = await signBatch(chain, party, claims(record, [1, 2]));
    // The attester revokes token 2's attestation in the same block, ahead of the batch.
    const outcome = await inOneBlockBehind(
      chain,
      () => postBatch(relayer, batch),
      () => revokeAhead(chain, record.uids[1]),
    );
    expect(outcome.status).toBe(200);
    const hash = (outcome.body as { hash: Hex }).hash;
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");
    expect(
      parseEventLogs({ abi: multiPartyTokenizerV1Abi, logs: receipt.logs, eventName: "TokenClaimed" }).map((e) => e.args.tokenId),
    ).toEqual([1n]);
    // Settled after the penalties are recorded: wait for both before checking that refusals move nothing.
    await expect.poll(() => relayer.spentWei()).toBeLessThanOrEqual(receipt.gasUsed * receipt.effectiveGasPrice + 10n ** 9n);
    expect(await store.get(`penalty:${party.address.toLowerCase()}`)).toBeDefined();
    await expectRefused(
      relayer,
      postBatch(relayer, await signBatch(chain, party, claims(record, [3]))),
      429,
      "rate",
      /reverted on chain at the sponsor's cost/,
    );
    // Token 2 itself, whoever signs for it next.
    await store.delete(`penalty:${party.address.toLowerCase()}`);
    const again = await signBatch(chain, party, claims(record, [2]));
    await expectRefused(relayer, postBatch(relayer, again), 429, "rate", /claim of this token reverted on chain/);
    await relayer.close();
  });
});
