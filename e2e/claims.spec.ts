import { createHash } from "node:crypto";
import type { Hex } from "viem";
import { ACCOUNTS, type AccountName, testChain } from "./anvil";
import { attestClaim, latestTimestamp, openWorkflow, registerAgreement, reserve, sealParties, tokenStatus } from "./chain";
import { connectWallet, expect, expectConfirmed, installWallet, test } from "./fixtures";

const agreement = {
  name: "supply-agreement.txt",
  mimeType: "text/plain",
  buffer: Buffer.from("SUPPLY AGREEMENT\nBuyer: Harbour Foods\nSupplier: Bayside Farms\nCarrier: Quay Logistics\n"),
};

test("a clerk registers a three-party agreement and issues attestations; three parties claim in their own browsers; it completes", async ({
  page,
  browser,
}) => {
  await installWallet(page, "clerk");
  await page.goto("/register");
  await connectWallet(page);
  await page.getByLabel(/Choose or drop the document to register/).setInputFiles(agreement);
  await expect(page.getByText(/^SHA-256 0x/)).toBeVisible();
  const parties: [string, AccountName][] = [
    ["Buyer", "partyA"],
    ["Supplier", "partyB"],
    ["Carrier", "partyC"],
  ];
  for (const [i, [role, account]] of parties.entries()) {
    if (i > 0) await page.getByRole("button", { name: "Add a party" }).click();
    await page.getByLabel("Role", { exact: true }).nth(i).fill(role);
    await page.getByLabel(`Address of ${role}`).fill(ACCOUNTS[account]);
  }
  await page.getByRole("button", { name: "Register and reserve 3 tokens" }).click();
  await expect(page).toHaveURL(/\/records\/0x[0-9a-f]{64}$/, { timeout: 30_000 });
  const integraHash = page.url().split("/").pop() as Hex;

  const links: string[] = [];
  for (const tokenId of [1, 2, 3]) {
    await page.getByText(`Capability and claim link for token #${tokenId}`).click();
    await page
      .getByRole("button", { name: "Issue claim capability" })
      .nth(tokenId - 1)
      .click();
    await expectConfirmed(page.getByRole("status").filter({ hasText: `Issue the CLAIM capability for token #${tokenId}` }));
    const shown = await page.getByText(new RegExp(`/claims\\?record=${integraHash}&token=${tokenId}$`)).textContent();
    links.push(new URL(shown ?? "").pathname + new URL(shown ?? "").search);
  }
  await page.reload();
  await expect(page.getByRole("region", { name: "Capabilities (EAS attestations)" }).getByText("active", { exact: true })).toHaveCount(3);

  for (const [i, [role, account]] of parties.entries()) {
    const context = await browser.newContext();
    const party = await context.newPage();
    await installWallet(party, account);
    await party.goto(links[i]);
    await connectWallet(party);
    // The claim link names the token by the role the clerk typed.
    const card = party.getByRole("article", { name: new RegExp(`Token #${i + 1} \\(${role}\\) of record`) }).first();
    await expect(card.getByText("Ready to claim.")).toBeVisible();
    await card.getByRole("button", { name: `Claim token #${i + 1} (${role})` }).click();
    await expect(card.getByText(/Already claimed/)).toBeVisible();
    await context.close();
    expect((await tokenStatus(integraHash, BigInt(i + 1))).status).toBe("claimed");
  }

  await page.reload();
  await expect(page.getByText("3 of 3")).toBeVisible();
  await expect(page.getByText(/Agreement complete since/)).toBeVisible();
});

async function arrange(tokenId: bigint, recipient: AccountName, label: string) {
  const processHash = await openWorkflow("clerk", `e2e/${label}`);
  const contentHash = `0x${createHash("sha256").update(label).digest("hex")}` as Hex;
  const integraHash = await registerAgreement("clerk", contentHash, processHash);
  await reserve("clerk", integraHash, tokenId, recipient, processHash);
  await sealParties("clerk", integraHash);
  return { integraHash, processHash };
}

test("a revoked attestation is named as the reason and a claim with it is refused without changing the chain", async ({ page }) => {
  const { integraHash, processHash } = await arrange(1n, "partyA", "revoked");
  const uid = await attestClaim("clerk", integraHash, 1n, "partyA", processHash);

  const clerk = page;
  await installWallet(clerk, "clerk");
  await clerk.goto(`/records/${integraHash}`);
  await connectWallet(clerk);
  await clerk.getByRole("button", { name: "Revoke" }).click();
  await expectConfirmed(clerk.getByRole("status").filter({ hasText: "Revoke the capability" }));
  // The capability's own row (the timeline also gains a "Capability revoked" row).
  await expect(clerk.getByRole("region", { name: "Capabilities (EAS attestations)" }).locator("li", { hasText: "revoked" })).toBeVisible();

  const context = await page.context().browser()!.newContext();
  const party = await context.newPage();
  await installWallet(party, "partyA");
  await party.goto(`/claims?record=${integraHash}&token=1`);
  await connectWallet(party);
  const card = party.getByRole("article").first();
  await expect(card.getByText(/Cannot be claimed yet: Revoked on/)).toBeVisible();
  await expect(card.getByRole("button", { name: /^Claim token #1/ })).toHaveCount(0);
  await card.getByText("Claim with a specific attestation UID").click();
  await card.getByLabel("Attestation UID").fill(uid);
  await card.getByRole("button", { name: "Claim with this UID" }).click();
  await expect(card.getByRole("alert").filter({ hasText: "revoked by its issuer" })).toBeVisible();
  expect((await tokenStatus(integraHash, 1n)).status).toBe("reserved");
  await context.close();
});

test("an expired attestation is named as the reason and refused", async ({ page }) => {
  const { integraHash, processHash } = await arrange(1n, "partyB", "expired");
  const uid = await attestClaim("clerk", integraHash, 1n, "partyB", processHash, (await latestTimestamp()) + 3600n);
  await testChain.increaseTime({ seconds: 7200 });
  await testChain.mine({ blocks: 1 });

  await installWallet(page, "partyB");
  await page.goto(`/claims?record=${integraHash}&token=1`);
  await connectWallet(page);
  const card = page.getByRole("article").first();
  await expect(card.getByText(/Cannot be claimed yet: Expired on/)).toBeVisible();
  await card.getByText("Claim with a specific attestation UID").click();
  await card.getByLabel("Attestation UID").fill(uid);
  await card.getByRole("button", { name: "Claim with this UID" }).click();
  await expect(card.getByRole("alert").filter({ hasText: "This attestation expired on" })).toBeVisible();
  expect((await tokenStatus(integraHash, 1n)).status).toBe("reserved");
});

test("the wrong wallet is told whose token it is, and cannot claim", async ({ page }) => {
  const { integraHash, processHash } = await arrange(1n, "partyA", "wrong-wallet");
  const uid = await attestClaim("clerk", integraHash, 1n, "partyA", processHash);

  await installWallet(page, "partyC");
  await page.goto(`/claims?record=${integraHash}&token=1`);
  await connectWallet(page);
  const card = page.getByRole("article").first();
  await expect(card.getByText(/Reserved for another wallet \(0x976E/)).toBeVisible();
  await card.getByText("Claim with a specific attestation UID").click();
  await card.getByLabel("Attestation UID").fill(uid);
  await card.getByRole("button", { name: "Claim with this UID" }).click();
  await expect(card.getByRole("alert").filter({ hasText: "issued to another wallet" })).toBeVisible();
  expect(await tokenStatus(integraHash, 1n)).toEqual({ status: "reserved", reservedFor: ACCOUNTS.partyA });
});

test("a token cannot be claimed twice: a second tab's claim is refused with the reason", async ({ page }) => {
  const { integraHash, processHash } = await arrange(1n, "partyA", "twice");
  await attestClaim("clerk", integraHash, 1n, "partyA", processHash);

  await installWallet(page, "partyA");
  await page.goto(`/claims?record=${integraHash}&token=1`);
  await connectWallet(page);
  const second = await page.context().newPage();
  await installWallet(second, "partyA");
  await second.goto(`/claims?record=${integraHash}&token=1`);
  await connectWallet(second);
  const secondCard = second.getByRole("article").first();
  await expect(secondCard.getByText("Ready to claim.")).toBeVisible();

  const card = page.getByRole("article").first();
  await card.getByRole("button", { name: "Claim token #1" }).click();
  await expect(card.getByText(/Already claimed/)).toBeVisible();
  const nonce = await testChain.getTransactionCount({ address: ACCOUNTS.partyA, blockTag: "latest" });

  await secondCard.getByRole("button", { name: "Claim token #1" }).click();
  await expect(secondCard.getByRole("alert").filter({ hasText: "Token 1 has already been claimed." })).toBeVisible();
  expect(await testChain.getTransactionCount({ address: ACCOUNTS.partyA, blockTag: "latest" })).toBe(nonce);
  expect((await tokenStatus(integraHash, 1n)).status).toBe("claimed");
});
