import { type Address, parseEther } from "viem";
import { LOCAL_RELAYER_ADDRESS } from "@/lib/relay/localRelayerKey";
import { testChain } from "./anvil";
import { arrangeAgreement, balanceOf, nonceOf, roleTokenBalance, tokenStatus } from "./chain";
import { createEphemeralWallet, openFresh } from "./ephemeral";
import { connectWallet, expect, installWallet, test } from "./fixtures";

const claimLink = (integraHash: string, tokenId: number) => `/claims?record=${integraHash}&token=${tokenId}`;

test("parties who never held ether claim from claim links on fresh pages: two through the relayer, one through the clerk's wallet", async ({
  browser,
  page: clerk,
}) => {
  const parties = [await createEphemeralWallet(browser), await createEphemeralWallet(browser), await createEphemeralWallet(browser)];
  const { integraHash } = await arrangeAgreement(
    "gasless-journey",
    parties.map((p) => p.address),
  );
  for (const party of parties) expect(await balanceOf(party.address)).toBe(0n);

  for (const [i, party] of parties.slice(0, 2).entries()) {
    const tokenId = i + 1;
    const page = await openFresh(party, claimLink(integraHash, tokenId));
    const card = page.getByRole("article", { name: new RegExp(`Token #${tokenId} of record`) }).first();
    await expect(card.getByText("Ready to claim.")).toBeVisible();
    await expect(card.getByRole("radio", { name: /sponsored by the Integra relayer/ })).toBeChecked();
    await expect(card.getByRole("radio", { name: /My wallet pays/ })).toBeDisabled();
    await card.getByRole("button", { name: `Claim token #${tokenId}` }).click();
    await expect(card.getByText(/Already claimed/)).toBeVisible();
    await expect(card.getByText(`No ether needed: the network fee is sponsored by the relayer ${LOCAL_RELAYER_ADDRESS}.`)).toBeVisible();
    expect(await roleTokenBalance(integraHash, BigInt(tokenId), party.address)).toBe(1n);
    expect(await balanceOf(party.address)).toBe(0n);
  }

  // The third party has the clerk pay: a signed link, opened by the clerk, checked in words, submitted by the clerk's wallet.
  const third = parties[2];
  const partyPage = await openFresh(third, claimLink(integraHash, 3));
  const card = partyPage.getByRole("article", { name: /Token #3 of record/ }).first();
  await card.getByRole("radio", { name: /the clerk pays/ }).check();
  await card.getByRole("button", { name: "Sign a claim link for token #3" }).click();
  const link = (await card.getByTestId("signed-claim-link").textContent()) ?? "";
  expect(link).toContain(`/records/${integraHash}#signed=`);
  expect((await tokenStatus(integraHash, 3n)).status).toBe("reserved");

  const clerkWallet = (await installWallet(clerk, "clerk")).address as Address;
  const clerkNonce = await nonceOf(clerkWallet);
  await clerk.goto(link);
  await connectWallet(clerk);
  const sponsor = clerk.getByRole("region", { name: "Sponsor a party's signed claim" });
  const checks = sponsor.getByRole("list", { name: "Checks of the signed request" });
  await expect(checks.getByText(/Claim token #3 of record/)).toBeVisible();
  await expect(checks.getByText(`Signed by ${third.address.slice(0, 6)}…${third.address.slice(-4)}.`)).toBeVisible();
  await expect(checks.getByText("Would succeed if submitted now.")).toBeVisible();
  await expect(checks.getByText(/^Failed: /)).toHaveCount(0);
  await sponsor.getByRole("button", { name: "Submit and pay the fee from my wallet" }).click();
  await expect(sponsor.getByText(/is done, paid by your wallet/)).toBeVisible();
  expect(await nonceOf(clerkWallet)).toBe(clerkNonce + 1);
  // The same link again is a replay: refused in words, nothing to submit.
  await expect(checks.getByText(/already used/)).toBeVisible();
  await expect(sponsor.getByRole("button", { name: "Submit and pay the fee from my wallet" })).toHaveCount(0);

  await partyPage.reload();
  await expect(
    partyPage
      .getByRole("article", { name: /Token #3 of record/ })
      .first()
      .getByText(/Already claimed/),
  ).toBeVisible();
  expect(await roleTokenBalance(integraHash, 3n, third.address)).toBe(1n);
  for (const party of parties) expect(await balanceOf(party.address)).toBe(0n);

  await clerk.goto(`/records/${integraHash}`);
  await expect(clerk.getByText("3 of 3")).toBeVisible();
  await expect(clerk.getByText(/Agreement complete since/)).toBeVisible();
  for (const party of parties) await party.context.close();
});

test("an ephemeral wallet that holds ether claims directly, after a reload, and the relayer pays nothing", async ({ browser }) => {
  const party = await createEphemeralWallet(browser);
  await testChain.setBalance({ address: party.address, value: parseEther("1") });
  const { integraHash } = await arrangeAgreement("direct-claim", [party.address]);
  const relayerNonce = await nonceOf(LOCAL_RELAYER_ADDRESS);
  await party.page.reload();
  await expect(party.page.getByTestId("rk-account-button")).toBeVisible();

  const page = await openFresh(party, claimLink(integraHash, 1));
  const card = page.getByRole("article", { name: /Token #1 of record/ }).first();
  await expect(card.getByRole("radio", { name: /My wallet pays/ })).toBeChecked();
  await card.getByRole("button", { name: "Claim token #1" }).click();
  await expect(card.getByText(/Already claimed/)).toBeVisible();
  expect(await roleTokenBalance(integraHash, 1n, party.address)).toBe(1n);
  expect(await balanceOf(party.address)).toBeLessThan(10n ** 18n);
  expect(await nonceOf(party.address)).toBe(1);
  expect(await nonceOf(LOCAL_RELAYER_ADDRESS)).toBe(relayerNonce);
  await party.context.close();
});

test("parties with no ether request a payment and mark it paid: the app relays their calls by itself", async ({ browser }) => {
  const [requestor, payer] = [await createEphemeralWallet(browser), await createEphemeralWallet(browser)];
  const { integraHash } = await arrangeAgreement("gasless-payments", [requestor.address, payer.address]);
  for (const [i, party] of [requestor, payer].entries()) {
    const page = await openFresh(party, claimLink(integraHash, i + 1));
    await page.getByRole("button", { name: `Claim token #${i + 1}` }).click();
    await expect(page.getByText(/Already claimed/).first()).toBeVisible();
    await page.close();
  }

  const asking = await openFresh(requestor, `/records/${integraHash}`);
  const form = asking.getByRole("form", { name: "Request a payment" });
  await form.getByLabel("Ask the holder of").selectOption("2");
  await form.getByLabel("Amount").fill("850 USD");
  await form.getByLabel("Passphrase shared with the payer").fill("closing-fees");
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(form.getByText(`No ether needed: the network fee is sponsored by the relayer ${LOCAL_RELAYER_ADDRESS}.`)).toBeVisible();
  const requested = asking.getByRole("listitem", { name: /Payment request #\d+/ });
  await expect(requested.getByText("pending", { exact: true })).toBeVisible();

  const paying = await openFresh(payer, `/records/${integraHash}`);
  const item = paying.getByRole("listitem", { name: /Payment request #\d+/ });
  await item.getByRole("button", { name: "Mark paid" }).click();
  await expect(item.getByText("paid", { exact: true })).toBeVisible();
  expect(await balanceOf(requestor.address)).toBe(0n);
  expect(await balanceOf(payer.address)).toBe(0n);
  for (const party of [requestor, payer]) await party.context.close();
});
