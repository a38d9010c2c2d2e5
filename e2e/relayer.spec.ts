import { type Hex, encodeFunctionData, zeroHash } from "viem";
import { multiPartyTokenizerV1Abi } from "@/lib/generated/integra";
import { LOCAL_RELAYER_ADDRESS } from "@/lib/relay/localRelayerKey";
import { addresses, arrangeAgreement, nonceOf, roleTokenBalance } from "./chain";
import { expect, test } from "./fixtures";
import { claimData, newParty, postRelay, publicClient, signRequest } from "./relay";

/** Each refusal: its status, its words, and nothing sent (the sponsor's nonce does not move). */
async function expectRefused(
  reply: Promise<{ status: number; body: { error?: { check: string; message: string } } }>,
  status: number,
  check: string,
  words: RegExp,
) {
  const before = await nonceOf(LOCAL_RELAYER_ADDRESS);
  const { status: got, body } = await reply;
  expect({ status: got, check: body.error?.check }).toEqual({ status, check });
  expect(body.error?.message).toMatch(words);
  expect(body.error?.message).toMatch(/Nothing was sent\.$/);
  expect(await nonceOf(LOCAL_RELAYER_ADDRESS)).toBe(before);
}

test("the relayer refuses, in words and sending nothing: another contract, another function, a bad signature, an expired or replayed request, a reverting claim, too many requests", async () => {
  const party = newParty();
  const { integraHash, processHash, uids } = await arrangeAgreement("relayer-refusals", [party.address]);
  const claim = { to: addresses.MultiPartyTokenizerV1, data: claimData(integraHash, 1n, uids[0], processHash) };

  await expectRefused(postRelay({ from: "nope" }), 400, "format", /"from" is not an address/);

  const otherContract = await signRequest(party, { to: addresses.IntegraRecordV1, data: claim.data });
  await expectRefused(postRelay(otherContract), 422, "call", /Nothing is sponsored on 0x[0-9a-fA-F]{40}: only claims/);

  const reserve = encodeFunctionData({
    abi: multiPartyTokenizerV1Abi,
    functionName: "reserveToken",
    args: [integraHash, 2n, party.address, 1n, processHash, ""],
  });
  await expectRefused(
    postRelay(await signRequest(party, { to: addresses.MultiPartyTokenizerV1, data: reserve })),
    422,
    "call",
    /Only claims are sponsored on the multi-party tokenizer; this request calls reserveToken/,
  );

  const impostor = newParty();
  await expectRefused(
    postRelay(await signRequest(impostor, { ...claim, from: party.address })),
    400,
    "signature",
    /The signature is not 0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}'s/,
  );

  const tampered = await signRequest(party, claim);
  await expectRefused(postRelay({ ...tampered, gas: tampered.gas + 1n }), 400, "signature", /changed after signing/);

  const now = Number((await publicClient.getBlock()).timestamp);
  await expectRefused(postRelay(await signRequest(party, claim, { deadline: now - 60 })), 400, "deadline", /expired/);

  const noAttestation = { to: addresses.MultiPartyTokenizerV1, data: claimData(integraHash, 1n, zeroHash, processHash) };
  await expectRefused(
    postRelay(await signRequest(party, noAttestation)),
    422,
    "simulation",
    /Would fail if submitted now: No attestation with this UID exists/,
  );

  const padded = await signRequest(party, { ...claim, data: `${claim.data}${"00".repeat(512)}` as Hex });
  await expectRefused(postRelay(padded), 422, "call", /bytes beyond its arguments/);

  const oversized = await fetch("http://localhost:3000/api/relay", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ request: { data: `0x${"00".repeat(20_000)}` } }),
  });
  expect(oversized.status).toBe(413);

  // The real claim, posted four times at once: paid for once; the copies are refused while it is in flight.
  // (Four: with the failed attempt above, five requests of this wallet, its per-minute limit.)
  const good = await signRequest(party, claim);
  const sponsorNonce = await nonceOf(LOCAL_RELAYER_ADDRESS);
  const copies = await Promise.all(Array.from({ length: 4 }, () => postRelay(good)));
  expect(copies.map((c) => c.status).sort()).toEqual([200, 409, 409, 409]);
  for (const copy of copies.filter((c) => c.status === 409))
    expect(copy.body.error?.message).toMatch(/already being submitted|already used/);
  const accepted = copies.find((c) => c.status === 200)!;
  expect(accepted.body.sponsor).toBe(LOCAL_RELAYER_ADDRESS);
  const receipt = await publicClient.waitForTransactionReceipt({ hash: accepted.body.hash as Hex });
  expect(receipt.status).toBe("success");
  expect(await roleTokenBalance(integraHash, 1n, party.address)).toBe(1n);
  expect(await nonceOf(LOCAL_RELAYER_ADDRESS)).toBe(sponsorNonce + 1);
  await expectRefused(postRelay(good), 409, "nonce", /already used/);

  // Per-address limit (5 a minute): a sixth well-signed request from one wallet is refused before simulation.
  const spammer = newParty();
  const spam = await signRequest(spammer, noAttestation);
  for (let i = 0; i < 5; i++) await expectRefused(postRelay(spam), 422, "simulation", /Would fail/);
  await expectRefused(postRelay(spam), 429, "rate", /This wallet has sent 5 requests in the last 1 minute/);
});

test("50 concurrent relay requests from 50 wallets are all mined, with consecutive sponsor nonces and nothing lost", async () => {
  test.setTimeout(180_000);
  const parties = Array.from({ length: 50 }, () => newParty());
  const { integraHash, processHash, uids } = await arrangeAgreement(
    "relayer-load",
    parties.map((p) => p.address),
  );
  const requests = await Promise.all(
    parties.map((p, i) =>
      signRequest(p, { to: addresses.MultiPartyTokenizerV1, data: claimData(integraHash, BigInt(i + 1), uids[i], processHash) }),
    ),
  );
  const before = await nonceOf(LOCAL_RELAYER_ADDRESS);

  const replies = await Promise.all(requests.map((r) => postRelay(r)));
  expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
  const hashes = replies.map((r) => r.body.hash as Hex);
  expect(new Set(hashes).size).toBe(50);
  const receipts = await Promise.all(hashes.map((hash) => publicClient.waitForTransactionReceipt({ hash })));
  expect(receipts.every((r) => r.status === "success")).toBe(true);
  const nonces = (await Promise.all(hashes.map((hash) => publicClient.getTransaction({ hash })))).map((t) => t.nonce).sort((a, b) => a - b);
  expect(nonces).toEqual(Array.from({ length: 50 }, (_, i) => before + i));
  expect(await nonceOf(LOCAL_RELAYER_ADDRESS)).toBe(before + 50);
  const balances = await Promise.all(parties.map((p, i) => roleTokenBalance(integraHash, BigInt(i + 1), p.address)));
  expect(balances).toEqual(parties.map(() => 1n));
});

test("requests that would fail, from 130 fresh wallets, do not crowd out a party whose claim would succeed", async () => {
  const party = newParty();
  const { integraHash, processHash, uids } = await arrangeAgreement("relayer-crowding", [party.address]);
  const failing = await Promise.all(
    Array.from({ length: 130 }, () => newParty()).map((p) =>
      signRequest(p, { to: addresses.MultiPartyTokenizerV1, data: claimData(integraHash, 1n, zeroHash, processHash) }),
    ),
  );
  const replies = [];
  for (let i = 0; i < failing.length; i += 26) replies.push(...(await Promise.all(failing.slice(i, i + 26).map((r) => postRelay(r)))));
  expect(new Set(replies.map((r) => `${r.status} ${r.body.error?.check}`))).toEqual(new Set(["422 simulation"]));

  const real = await postRelay(
    await signRequest(party, { to: addresses.MultiPartyTokenizerV1, data: claimData(integraHash, 1n, uids[0], processHash) }),
  );
  expect(real.status).toBe(200);
  await publicClient.waitForTransactionReceipt({ hash: real.body.hash as Hex });
  expect(await roleTokenBalance(integraHash, 1n, party.address)).toBe(1n);
});
