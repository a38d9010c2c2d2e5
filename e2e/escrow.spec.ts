import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { type Address, type Hex, createWalletClient, erc20Abi, http } from "viem";
import { foundry } from "viem/chains";
import { deploymentsByChainId } from "@/lib/generated/deployments";
import { integraEscrowV1Abi, testStablecoinAbi } from "@/lib/generated/integra";
import { LOCAL_RELAYER_ADDRESS } from "@/lib/relay/localRelayerKey";
import { ACCOUNTS, RPC_URL, testChain } from "./anvil";
import { addresses, arrangeAgreement, balanceOf, claim } from "./chain";
import { type EphemeralParty, createEphemeralWallet, openFresh } from "./ephemeral";
import { connectWallet, expect, expectConfirmed, installWallet, test } from "./fixtures";

const local = deploymentsByChainId[31337]?.local;
const TUSD = local?.TestStablecoin as Address;
/** 12,500 test dollars (6 decimals). */
const AMOUNT = 12_500_000_000n;
const INSPECTOR = ACCOUNTS.partyA;

const deployer = createWalletClient({ chain: foundry, transport: http(RPC_URL), account: ACCOUNTS.deployer });

const tusdOf = (account: Address) => testChain.readContract({ address: TUSD, abi: erc20Abi, functionName: "balanceOf", args: [account] });

async function mintTusd(to: Address, amount: bigint): Promise<void> {
  const hash = await deployer.writeContract({ address: TUSD, abi: testStablecoinAbi, functionName: "mint", args: [to, amount] });
  await testChain.waitForTransactionReceipt({ hash });
}

/** With ESCROW_SCREENSHOTS=<dir>, the escrow card is saved there as a PNG, to look at as a user would. */
async function screenshot(card: Locator, name: string): Promise<void> {
  const dir = process.env.ESCROW_SCREENSHOTS;
  if (dir) await card.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** The escrow's own article on the record page. */
const escrowOn = (page: Page, escrowId: bigint) => page.getByRole("article", { name: `Escrow #${escrowId}` });

/** A party who never held ether claims its token from the claim link, through the relayer. */
async function claimFromLink(party: EphemeralParty, integraHash: Hex, tokenId: number): Promise<void> {
  const page = await openFresh(party, `/claims?record=${integraHash}&token=${tokenId}`);
  await page.getByRole("button", { name: `Claim token #${tokenId}` }).click();
  await expect(page.getByText(/Already claimed/).first()).toBeVisible();
  await page.close();
}

test("escrow from the record page: opened with 3 of 3 approvers and an inspection, funded with a permit, approved by parties with no ether, attested, released to the payee", async ({
  browser,
  page: clerk,
}) => {
  test.setTimeout(300_000);
  expect(TUSD, "the local chain deploys the test stablecoin").toBeDefined();

  // The buyer (a funded dev account) pays; three parties with ephemeral wallets and no ether approve; the first of them
  // (token 2) is paid.
  const parties = [await createEphemeralWallet(browser), await createEphemeralWallet(browser), await createEphemeralWallet(browser)];
  const payee = parties[0];
  const { integraHash, processHash, uids } = await arrangeAgreement("escrow-journey", ["buyer", ...parties.map((p) => p.address)]);
  await claim("buyer", integraHash, 1n, uids[0], processHash);
  for (const [i, party] of parties.entries()) await claimFromLink(party, integraHash, i + 2);
  await mintTusd(ACCOUNTS.buyer, AMOUNT);

  // The clerk (the record's owner) opens the escrow from the form.
  await installWallet(clerk, "clerk");
  await clerk.goto(`/records/${integraHash}`);
  await connectWallet(clerk);
  const card = clerk.getByRole("region", { name: "Escrow", exact: true });
  await expect(card.getByText("No money is held in escrow for this record yet.")).toBeVisible();
  await card.getByText("Open an escrow on this record").click();
  const form = card.getByRole("form", { name: "Open an escrow" });
  await expect(form.getByRole("radio", { name: /Test USD \(tUSD\)/ })).toBeChecked();
  await expect(form.getByText("Escrow amounts are public")).toBeVisible();
  await form.getByRole("radio", { name: "None" }).check();
  await expect(form.getByText("This escrow has no dispute path")).toBeVisible();
  await form.getByRole("radio", { name: /The local demo arbitrator/ }).check();
  await expect(form.getByText("This escrow has no dispute path")).toHaveCount(0);
  await form.getByLabel("Amount (tUSD)").fill("12,500");
  await form.getByLabel("Who pays (payer)").selectOption("1");
  await form.getByLabel("Who is paid (payee)").selectOption("2");
  for (const tokenId of [2, 3, 4]) await form.getByLabel(`Approver token #${tokenId}`).check();
  await form.getByLabel("Approvals needed").fill("3");
  await form.getByLabel(/An attestation by a named attester/).check();
  await form.getByLabel("Attester address").fill(INSPECTOR);
  await form.getByRole("button", { name: "Open the escrow" }).click();
  await expectConfirmed(form);
  const escrowId = await testChain.readContract({
    address: addresses.IntegraEscrowV1,
    abi: integraEscrowV1Abi,
    functionName: "escrowCount",
  });
  const escrow = escrowOn(clerk, escrowId);
  await expect(escrow.getByText("awaiting deposit")).toBeVisible();
  await expect(escrow.getByText("12,500 tUSD").first()).toBeVisible();
  await expect(escrow.getByText("0 of 3 approved")).toBeVisible();
  await expect(escrow.getByText("Waiting for an attestation by")).toBeVisible();
  await expect(escrow.getByText("The payer deposits the amount.")).toBeVisible();

  // The buyer finds it on the dashboard, and deposits with one permit signature.
  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  await installWallet(buyer, "buyer");
  await buyer.goto("/");
  await connectWallet(buyer);
  const waiting = buyer.getByRole("region", { name: "Escrows waiting for you" });
  await expect(waiting.getByRole("link", { name: new RegExp(`^Escrow #${escrowId} of record`) })).toBeVisible();
  await expect(waiting.getByText("Deposit the amount: you hold the payer token.")).toBeVisible();
  await buyer.goto(`/records/${integraHash}`);
  await connectWallet(buyer);
  const buyerBefore = await tusdOf(ACCOUNTS.buyer);
  const buyerEscrow = escrowOn(buyer, escrowId);
  await buyerEscrow.getByRole("button", { name: "Deposit 12,500 tUSD" }).click();
  await expectConfirmed(buyerEscrow);
  await expect(buyerEscrow.getByText("funded", { exact: true })).toBeVisible();
  expect(await tusdOf(ACCOUNTS.buyer)).toBe(buyerBefore - AMOUNT);
  await buyerContext.close();

  // Three parties approve from their ephemeral wallets with no ether: the relayer pays.
  for (const [i, party] of parties.entries()) {
    const tokenId = i + 2;
    const page = await openFresh(party, `/records/${integraHash}`);
    const mine = escrowOn(page, escrowId);
    await mine.getByRole("button", { name: `Approve the release as token #${tokenId}` }).click();
    await expect(mine.getByText(`No ether needed: the network fee is sponsored by the relayer ${LOCAL_RELAYER_ADDRESS}.`)).toBeVisible({
      timeout: 30_000,
    });
    await expect(mine.getByText(`${i + 1} of 3 approved`)).toBeVisible();
    if (i === 1) {
      await screenshot(page.getByRole("region", { name: "Escrow", exact: true }), "escrow-panel-approving-desktop");
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page.getByRole("region", { name: "Escrow", exact: true }), "escrow-panel-approving-phone");
    }
    await page.close();
    expect(await balanceOf(party.address)).toBe(0n);
  }

  // The inspector attests the inspection from the record page.
  const inspectorContext = await browser.newContext();
  const inspector = await inspectorContext.newPage();
  await installWallet(inspector, "partyA");
  await inspector.goto(`/records/${integraHash}`);
  await connectWallet(inspector);
  const inspectorEscrow = escrowOn(inspector, escrowId);
  const attestation = inspectorEscrow.getByRole("form", { name: `Attest the condition of escrow #${escrowId}` });
  await expect(attestation.getByLabel("Condition")).toHaveValue("inspection");
  await attestation.getByLabel("Statement").fill("passed: no defects found");
  await attestation.getByRole("button", { name: "Attest" }).click();
  await expectConfirmed(inspectorEscrow);
  await expect(inspectorEscrow.getByText("Attested by")).toBeVisible();
  await inspectorContext.close();

  // Every condition holds: the clerk's page shows it live, and the clerk triggers the release.
  await expect(escrow.getByText("3 of 3 approved")).toBeVisible();
  await expect(escrow.getByText("(every one holds)")).toBeVisible();
  const payeeBefore = await tusdOf(payee.address);
  await screenshot(card, "escrow-panel-ready-desktop");
  await escrow.getByRole("button", { name: "Release 12,500 tUSD to the payee" }).click();
  await expectConfirmed(escrow);
  await expect(escrow.getByText("released", { exact: true })).toBeVisible();
  expect(await tusdOf(payee.address)).toBe(payeeBefore + AMOUNT);
  await expect(escrow.getByRole("group", { name: `Outcome of escrow #${escrowId}` })).toContainText("Released 12,500 tUSD");

  const timeline = clerk.getByRole("list", { name: "Events, newest first" });
  await expect(timeline.getByText(`Escrow #${escrowId} released`)).toBeVisible();
  await expect(timeline.getByText(`Escrow #${escrowId} release approved`)).toHaveCount(3);
  await screenshot(card, "escrow-panel-released-desktop");
  await screenshot(clerk.getByRole("region", { name: "Timeline", exact: true }), "escrow-timeline-desktop");
  await clerk.setViewportSize({ width: 390, height: 844 });
  await screenshot(card, "escrow-panel-released-phone");

  // The certificate of completion says where the money went.
  await clerk.goto(`/records/${integraHash}/certificate`);
  const certificate = clerk.getByRole("article", { name: "Certificate of completion" });
  await expect(certificate.getByText(`Released 12,500 tUSD to ${payee.address}`)).toBeVisible();
  for (const party of parties) await party.context.close();
});
