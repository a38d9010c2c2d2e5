import {
  type Address,
  type Hex,
  createWalletClient,
  encodeFunctionData,
  formatEther,
  http,
  keccak256,
  parseEther,
  parseEventLogs,
  stringToHex,
  zeroAddress,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { integraRecordV1Abi, integraSignalV1Abi } from "@/lib/generated/integra";
import { type RunningAppServer, startAppServer } from "../scripts/relayer/appServer";
import { freePort } from "../scripts/relayer/freePort";
import { ACCOUNTS, APP_RPC_URL, RPC_URL, testChain } from "./anvil";
import {
  addresses,
  arrangeAgreement,
  attestClaim,
  balanceOf,
  nonceOf,
  openWorkflow,
  registerAgreement,
  reserve,
  roleTokenBalance,
  sealParties,
  tokenStatus,
} from "./chain";
import { createEphemeralWallet, openFresh } from "./ephemeral";
import { expect, test } from "./fixtures";
import { type PartyAccount, type RelayReply, claimData, newParty, postRelay, publicClient, signRequest } from "./relay";

/**
 * A relayer as a public deployment runs it: it pays only for the records of two principals (the clerk and the title
 * company), out of a small daily cap split between them, of which payment signals may use a fifth. Its own app
 * server (scripts/server.ts on a port of its own, the same build as the e2e app), its own sponsor key and store.
 */
const SPONSOR_KEY = generatePrivateKey();
const SPONSOR = privateKeyToAccount(SPONSOR_KEY).address;
const SIGNAL_SHARE = 0.2;
/**
 * The relayer reserves, before it sends, the transaction's gas (its estimate + 10%, and a claim's completion headroom
 * of 100,000) times the max fee per gas: about 263,000 gas for a forwarded claim, 215,000 for a payment request,
 * 69,000 for a cancellation (measured on anvil).
 * The caps are set in units of a bound on a claim's, times the fee when the server starts (about 1 gwei on anvil).
 */
const CLAIM_GAS_BOUND = 350_000n;
/**
 * Each principal's share: room for six claims, of which signals may use a fifth (420,000 gas: a request and its
 * cancellation, not a second request). The four claims of the clerk's record fit in the rest.
 */
const CLAIMS_PER_SHARE = 6n;

let app: RunningAppServer | undefined;
let starting: Promise<RunningAppServer> | undefined;
let shareCapWei = 0n;

/** Starts this spec's app server once, whichever asks first: beforeAll, or the baseURL of the parties' browsers. */
function appServer(): Promise<RunningAppServer> {
  starting ??= (async () => {
    const { maxFeePerGas } = await testChain.estimateFeesPerGas();
    shareCapWei = CLAIMS_PER_SHARE * CLAIM_GAS_BOUND * maxFeePerGas;
    app = await startAppServer(await freePort(), {
      NEXT_PUBLIC_RPC_URL: APP_RPC_URL,
      RELAYER_STORE: "sqlite::memory:",
      RELAYER_PRIVATE_KEY: SPONSOR_KEY,
      RELAYER_SPONSORED_PRINCIPALS: `${ACCOUNTS.clerk},${ACCOUNTS.titleCompany}`,
      RELAYER_SPEND_CAP_ETH: formatEther(2n * shareCapWei),
      RELAYER_SIGNAL_SHARE: String(SIGNAL_SHARE),
    });
    return app;
  })();
  return starting;
}

test.describe.configure({ timeout: 90_000 });

test.beforeAll(async () => {
  await appServer();
});

test.afterAll(async () => {
  await app?.stop();
});

// The parties' browsers open this relayer's app, not the e2e app on :3000.
test.use({ baseURL: async ({}, provide) => provide((await appServer()).url) });

const post = (request: Parameters<typeof postRelay>[0]) => postRelay(request, app!.url);

/** Each refusal: its status, its check, plain words ending "Nothing was sent.", and the sponsor's nonce and balance unmoved. */
async function expectRefused(reply: Promise<RelayReply>, status: number, check: string, words: RegExp) {
  const [nonce, balance] = [await nonceOf(SPONSOR), await balanceOf(SPONSOR)];
  const { status: got, body } = await reply;
  expect({ status: got, check: body.error?.check }).toEqual({ status, check });
  expect(body.error?.message).toMatch(words);
  expect(body.error?.message).toMatch(/ Nothing was sent\.$/);
  expect(await nonceOf(SPONSOR)).toBe(nonce);
  expect(await balanceOf(SPONSOR)).toBe(balance);
}

/** Accepted: mined, successful, paid by this relayer's sponsor. */
async function expectAccepted(reply: Promise<RelayReply>) {
  const { status, body } = await reply;
  expect({ status, error: body.error }).toEqual({ status: 200, error: undefined });
  expect(body.sponsor).toBe(SPONSOR);
  const receipt = await publicClient.waitForTransactionReceipt({ hash: body.hash as Hex });
  expect(receipt.status).toBe("success");
  return receipt;
}

const NOT_SPONSORED = /This relayer pays only for the records of the offices it serves .*; this record is not one of them\./;

const claimCall = (integraHash: Hex, tokenId: bigint, uid: Hex, processHash: Hex) => ({
  to: addresses.MultiPartyTokenizerV1,
  data: claimData(integraHash, tokenId, uid, processHash),
});

const signal = (data: Hex) => ({ to: addresses.IntegraSignalV1, data });
let amounts = 0;
const requestPayment = (integraHash: Hex, fromToken: bigint, payer: Address, payerToken: bigint, deadline: bigint) =>
  signal(
    encodeFunctionData({
      abi: integraSignalV1Abi,
      functionName: "requestPayment",
      args: [integraHash, fromToken, payer, payerToken, stringToHex(`ciphertext ${++amounts}`), deadline],
    }),
  );
const cancelPayment = (paymentId: bigint) =>
  signal(encodeFunctionData({ abi: integraSignalV1Abi, functionName: "cancelPayment", args: [paymentId] }));
const markPaid = (paymentId: bigint) =>
  signal(encodeFunctionData({ abi: integraSignalV1Abi, functionName: "markPaid", args: [paymentId, stringToHex("receipt")] }));

function paymentIdOf(receipt: { logs: Parameters<typeof parseEventLogs>[0]["logs"] }): bigint {
  const [event] = parseEventLogs({ abi: integraSignalV1Abi, logs: receipt.logs, eventName: "PaymentRequested" });
  return event.args.paymentId;
}

/** A throwaway party paying its own way (the test gives it the ether first). */
async function send(party: PartyAccount, call: { to: Address; data: Hex }) {
  const wallet = createWalletClient({ chain: foundry, transport: http(RPC_URL), account: party });
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await wallet.sendTransaction(call) });
  expect(receipt.status).toBe("success");
  return receipt;
}

test("with principals and a small cap, a stranger's records and signals cost the sponsor nothing, signals stop at their part, and an honest party still claims gaslessly", async ({
  browser,
}) => {
  const info = (await (await fetch(`${app!.url}/api/relay`)).json()) as { enabled: boolean; sponsor: Address };
  expect(info).toMatchObject({ enabled: true, sponsor: SPONSOR });
  await testChain.setBalance({ address: SPONSOR, value: parseEther("1") });
  const funded = await balanceOf(SPONSOR);
  const deadline = (await testChain.getBlock()).timestamp + 3_600n;

  // 1. A stranger opens its own workflow and registers records naming the clerk, and the title company, as executor
  // (an offer neither accepts), reserves and attests tokens for throwaway parties, who ask the relayer to pay their claims.
  const workflow = await openWorkflow("stranger", "abuse/sponsor-squat");
  const [a, b, c] = [newParty(), newParty(), newParty()];
  const squatted: { integraHash: Hex; tokens: Array<{ party: PartyAccount; uid: Hex }> }[] = [];
  for (const [executor, parties] of [
    [ACCOUNTS.clerk, [a, b]],
    [ACCOUNTS.titleCompany, [c]],
  ] as const) {
    const integraHash = await registerAgreement("stranger", keccak256(stringToHex(`squat/${executor}`)), workflow, executor);
    for (const [i, party] of parties.entries()) await reserve("stranger", integraHash, BigInt(i + 1), party.address, workflow);
    await sealParties("stranger", integraHash);
    const tokens = [];
    for (const [i, party] of parties.entries())
      tokens.push({ party, uid: await attestClaim("stranger", integraHash, BigInt(i + 1), party.address, workflow) });
    squatted.push({ integraHash, tokens });
    const registry = { address: addresses.IntegraRecordV1, abi: integraRecordV1Abi } as const;
    expect(await publicClient.readContract({ ...registry, functionName: "pendingExecutorOf", args: [integraHash] })).toBe(executor);
    const [owner, acceptedExecutor] = await publicClient.readContract({ ...registry, functionName: "authorityOf", args: [integraHash] });
    expect([owner, acceptedExecutor]).toEqual([ACCOUNTS.stranger, zeroAddress]);
  }
  for (const { integraHash, tokens } of squatted) {
    for (const [i, { party, uid }] of tokens.entries()) {
      // Every check before it passes (the claim would succeed): it is refused for whose record it is.
      await expectRefused(
        post(await signRequest(party, claimCall(integraHash, BigInt(i + 1), uid, workflow))),
        422,
        "sponsorship",
        NOT_SPONSORED,
      );
    }
  }

  // 2a. The stranger's parties flood payment signals on the stranger's record: requests, a cancellation, a payment.
  // (A signal needs parties who claimed: they claim, and one asks once, paying their own way; then they hold no ether.)
  const own = squatted[0];
  for (const { party } of own.tokens) await testChain.setBalance({ address: party.address, value: parseEther("0.01") });
  for (const [i, { party, uid }] of own.tokens.entries()) await send(party, claimCall(own.integraHash, BigInt(i + 1), uid, workflow));
  const asked = paymentIdOf(await send(a, requestPayment(own.integraHash, 1n, b.address, 2n, deadline)));
  for (const { party } of own.tokens) await testChain.setBalance({ address: party.address, value: 0n });
  for (const [party, call] of [
    [a, requestPayment(own.integraHash, 1n, b.address, 2n, deadline)],
    [a, requestPayment(own.integraHash, 1n, b.address, 2n, deadline)],
    [a, cancelPayment(asked)],
    [b, markPaid(asked)],
    [b, requestPayment(own.integraHash, 2n, a.address, 1n, deadline)],
  ] as const) {
    await expectRefused(post(await signRequest(party, call)), 422, "sponsorship", NOT_SPONSORED);
  }
  expect(await nonceOf(SPONSOR)).toBe(0);
  expect(await balanceOf(SPONSOR)).toBe(funded);

  // 2b. On a record of the clerk's, its parties are sponsored, signals included, until signals have used their part
  // of the clerk's share; claims keep the rest. The honest party made its ephemeral wallet in its own browser first.
  const honest = await createEphemeralWallet(browser);
  const [p1, p2, p3] = [newParty(), newParty(), newParty()];
  const { integraHash, processHash, uids } = await arrangeAgreement("sponsor-abuse", [p1.address, p2.address, p3.address, honest.address]);
  for (const [i, party] of [p1, p2].entries())
    await expectAccepted(post(await signRequest(party, claimCall(integraHash, BigInt(i + 1), uids[i], processHash))));

  // Each party asks the other for a payment and cancels it again, in turn (pending requests stay bounded), until refused.
  let accepted = 0;
  let refused: RelayReply | undefined;
  const signalOnce = async (party: PartyAccount, call: { to: Address; data: Hex }) => {
    const reply = await post(await signRequest(party, call));
    if (reply.status !== 200) {
      refused = reply;
      return undefined;
    }
    const receipt = await expectAccepted(Promise.resolve(reply));
    accepted++;
    return receipt;
  };
  const [nonceBefore, balanceBefore] = [await nonceOf(SPONSOR), await balanceOf(SPONSOR)];
  for (const [from, fromToken, to, toToken] of [
    [p1, 1n, p2, 2n],
    [p2, 2n, p1, 1n],
    [p1, 1n, p2, 2n],
    [p2, 2n, p1, 1n],
  ] as const) {
    const requested = await signalOnce(from, requestPayment(integraHash, fromToken, to.address, toToken, deadline));
    if (!requested || !(await signalOnce(from, cancelPayment(paymentIdOf(requested))))) break;
  }
  expect(refused, "eight signals were all sponsored: the signals' part did not stop them").toBeDefined();
  expect(accepted).toBeGreaterThan(0);
  const [nonceAfter, balanceAfter] = [await nonceOf(SPONSOR), await balanceOf(SPONSOR)];
  expect(nonceAfter).toBe(nonceBefore + accepted);
  await expectRefused(
    Promise.resolve(refused!),
    503,
    "spend",
    /^Payment signals on the records of 0x7099…79C8 have used their part \([\d.]+ ETH\) of the relayer's daily budget; the rest is kept for claims\./,
  );
  // The refused signal sent nothing: nothing moved after the last accepted one was mined.
  expect(await nonceOf(SPONSOR)).toBe(nonceAfter);
  expect(await balanceOf(SPONSOR)).toBe(balanceAfter);
  expect(balanceBefore - balanceAfter).toBeLessThanOrEqual(shareCapWei / 4n);

  // A claim on the same record is still paid for.
  await expectAccepted(post(await signRequest(p3, claimCall(integraHash, 3n, uids[2], processHash))));
  expect(await roleTokenBalance(integraHash, 3n, p3.address)).toBe(1n);

  // 3. The honest party claims from its claim link, on a fresh page of its own browser, gaslessly through this relayer.
  const sponsorNonce = await nonceOf(SPONSOR);
  const page = await openFresh(honest, `/claims?record=${integraHash}&token=4`);
  const card = page.getByRole("article", { name: /Token #4 of record/ }).first();
  await expect(card.getByText("Ready to claim.")).toBeVisible();
  await expect(card.getByRole("radio", { name: /sponsored by the Integra relayer/ })).toBeChecked();
  await card.getByRole("button", { name: "Claim token #4" }).click();
  await expect(card.getByText(/Already claimed/)).toBeVisible();
  await expect(card.getByText(`No ether needed: the network fee is sponsored by the relayer ${SPONSOR}.`)).toBeVisible();
  expect((await tokenStatus(integraHash, 4n)).status).toBe("claimed");
  expect(await roleTokenBalance(integraHash, 4n, honest.address)).toBe(1n);
  expect(await balanceOf(honest.address)).toBe(0n);
  expect(await nonceOf(SPONSOR)).toBe(sponsorNonce + 1);

  // Everything the sponsor paid was for the clerk's record, within the clerk's share of the cap.
  expect(funded - (await balanceOf(SPONSOR))).toBeLessThanOrEqual(shareCapWei);
  await honest.context.close();
});
