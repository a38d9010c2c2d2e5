// The SDK (lib/sdk) as an integrator's program uses it: a clerk's key registers and attests, parties with fresh keys
// and no ether claim and request a payment through the app's relayer. No browser.
import { keccak256, stringToHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { decryptPaymentNote } from "../lib/crypto/paymentNote";
import {
  IntegraWriteError,
  claim,
  createIntegraClient,
  issueCapability,
  multiPartyTokenizer,
  processHashOf,
  readPayments,
  readRecordTokens,
  register,
  requestPayment,
} from "../lib/sdk";
import { startAnvil } from "../scripts/lib/anvil";
import { ANVIL_KEYS } from "../scripts/lib/chains";
import { RPC_URL } from "./anvil";
import { balanceOf } from "./chain";
import { expect, test } from "./fixtures";
import { integra } from "./integra";

const RELAYER = "http://localhost:3000";

test("SDK: register with roles, issue capabilities, two gasless claims and a gasless payment request with a sealed note", async () => {
  const client = createIntegraClient(RPC_URL);
  const clerk = { client, account: privateKeyToAccount(ANVIL_KEYS[1]) };
  const buyer = { client, account: privateKeyToAccount(generatePrivateKey()) };
  const seller = { client, account: privateKeyToAccount(generatePrivateKey()) };

  const registered = await register(clerk, {
    contentHash: keccak256(stringToHex(`sdk/${Date.now()}`)),
    tokenizer: "multiParty",
    parties: [
      { address: buyer.account.address, role: "Buyer" },
      { address: seller.account.address, role: "Seller" },
    ],
    processHash: processHashOf("sdk/closing"),
  });
  expect(registered.tokens.map((t) => [t.tokenId, t.role, t.recipient])).toEqual([
    [1n, "Buyer", buyer.account.address],
    [2n, "Seller", seller.account.address],
  ]);
  const { integraHash } = registered;
  for (const [index, party] of [buyer, seller].entries()) {
    const { uid } = await issueCapability(clerk, { integraHash, tokenId: BigInt(index + 1), recipient: party.account.address });
    expect(uid).toMatch(/^0x[0-9a-f]{64}$/);
  }

  await claim(buyer, { integraHash, tokenId: 1n }, { relayer: RELAYER });
  await claim(seller, { integraHash, tokenId: 2n }, { relayer: RELAYER });
  const tokens = await readRecordTokens(client, integraHash, multiPartyTokenizer.address);
  expect(tokens).toMatchObject({ claimed: 2, complete: true });

  const deadline = (await client.getBlock()).timestamp + 86_400n;
  const note = { amount: "25,000 USD", memo: "Earnest money, 12 Harbour Lane", passphrase: "shared with the buyer" };
  const { paymentId } = await requestPayment(
    seller,
    { integraHash, myToken: 2n, payer: buyer.account.address, payerToken: 1n, deadline, note },
    { relayer: RELAYER },
  );
  const [payment] = await readPayments(client, integraHash, registered.blockNumber);
  expect(payment).toMatchObject({ paymentId, status: "pending", requestor: seller.account.address, payer: buyer.account.address });
  expect(await decryptPaymentNote(payment.encryptedAmount, note.passphrase)).toEqual({ amount: note.amount, memo: note.memo });

  // Nobody but the relayer paid: the parties' wallets never held ether.
  expect(await balanceOf(buyer.account.address)).toBe(0n);
  expect(await balanceOf(seller.account.address)).toBe(0n);

  // A refusal is the contract's own error, in words, and nothing is sent.
  const again = claim(
    buyer,
    { integraHash, tokenId: 1n, attestationUid: keccak256(stringToHex("no such attestation")) },
    { relayer: RELAYER },
  );
  await expect(again).rejects.toBeInstanceOf(IntegraWriteError);
});

test("the CLI refuses a chain other than the deployment's with one line and exit code 2", async () => {
  const other = await startAnvil(8549, ["--chain-id", "1337"]);
  try {
    const run = await integra(["status", `0x${"ab".repeat(32)}`], { rpc: other.rpcUrl });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`serves chain 1337, but this deployment is for chain 31337`);
  } finally {
    await other.stop();
  }
});
