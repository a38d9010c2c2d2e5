import { ACCOUNTS, APP_RPC_URL } from "./anvil";
import { connectWallet, demo, expect, expectConfirmed, installWallet, switchWalletNetwork, test } from "./fixtures";

test("a malformed record id in the URL gets a specific message", async ({ page }) => {
  await page.goto("/records/0x1234-not-a-hash");
  await expect(page.getByRole("alert").filter({ hasText: "This record link is broken" })).toBeVisible();
});

test("an unknown record id says no such record on this chain", async ({ page }) => {
  await page.goto(`/records/0x${"ab".repeat(32)}`);
  await expect(page.getByRole("alert").filter({ hasText: "No such record" })).toBeVisible();
});

test("a pasted hash that is not a SHA-256 is refused with the reason", async ({ page }) => {
  await page.goto("/verify");
  await page.getByLabel("Content hash (SHA-256)").fill("0x1234");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText(/64 hexadecimal characters/)).toBeVisible();
  await expect(page.getByLabel("Content hash (SHA-256)")).toHaveValue("0x1234");
});

test("the wrong network is named, and switching fixes it", async ({ page }) => {
  await installWallet(page, "clerk");
  await page.goto("/");
  await connectWallet(page);
  await switchWalletNetwork(page, 1);
  const banner = page.getByRole("alert").filter({ hasText: "Your wallet is on another network" });
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: /Switch to/ }).click();
  await expect(banner).toBeHidden();
});

test("a rejected signature is explained and the form keeps what was typed", async ({ page }) => {
  const wallet = await installWallet(page, "clerk");
  await page.goto(`/records/${demo.agreement}`);
  await connectWallet(page);
  await expect(page.getByText("You are this record's owner.")).toBeVisible();
  wallet.rejectSignatures(true);
  await page.getByLabel("Offer the executor role to").fill(ACCOUNTS.partyA);
  await page.getByRole("button", { name: "Offer the executor role" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Signature rejected" })).toBeVisible();
  await expect(page.getByLabel("Offer the executor role to")).toHaveValue(ACCOUNTS.partyA);

  wallet.rejectSignatures(false);
  await page.getByRole("button", { name: "Offer the executor role" }).click();
  await expectConfirmed(page.getByRole("status").filter({ hasText: "Offer the executor role" }));
});

test("a transaction that would revert is decoded into plain words, and nothing is sent", async ({ page }) => {
  await installWallet(page, "clerk");
  await page.goto(`/records/${demo.agreement}`);
  await connectWallet(page);
  // Token 3 of the seeded agreement is already reserved for the lender.
  await page.getByLabel("Token id").fill("3");
  await page.getByLabel("Recipient address").fill(ACCOUNTS.partyA);
  await page.getByRole("button", { name: "Reserve", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Token 3 is already reserved" })).toBeVisible();
  await expect(page.getByLabel("Recipient address")).toHaveValue(ACCOUNTS.partyA);
});

test("an RPC that is down is reported without a blank page", async ({ page }) => {
  await page.route(`${APP_RPC_URL}/**`, (route) => route.abort("connectionrefused"));
  await page.goto(`/records/${demo.deed}`);
  await expect(page.getByRole("alert").filter({ hasText: "Can't reach the chain" }).first()).toBeVisible({ timeout: 30_000 });
  await expect(
    page
      .getByRole("heading", { name: /Integra|Record|Page/ })
      .or(page.getByRole("link", { name: /Integra/ }))
      .first(),
  ).toBeVisible();
});
