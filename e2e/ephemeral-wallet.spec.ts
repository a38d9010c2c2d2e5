import { getAddress } from "viem";
import { testChain } from "./anvil";
import { expect, test } from "./fixtures";

test("an ephemeral wallet is created with no ether, backed up, survives a reload and is forgotten", async ({ page }) => {
  await page.goto("/wallet");
  await page.getByRole("button", { name: "Create an ephemeral wallet" }).click();
  await expect(page.getByText("Connected.")).toBeVisible();
  const address = (await page.locator("p", { hasText: "Address:" }).locator(".mono").textContent())?.trim() ?? "";
  expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);
  await expect(page.getByText(/It needs no ether/)).toBeVisible();
  expect(await testChain.getBalance({ address: getAddress(address) })).toBe(0n);

  await page.getByRole("button", { name: "Back up: show private key" }).click();
  const key = (await page.getByRole("alert").filter({ hasText: "Anyone with this key" }).locator(".mono").textContent())?.trim() ?? "";
  expect(key).toMatch(/^0x[0-9a-f]{64}$/);

  await page.reload();
  await expect(page.getByTestId("rk-account-button")).toBeVisible();
  await expect(page.getByText(address)).toBeVisible();

  await page.getByRole("button", { name: "Forget this wallet" }).click();
  await page.getByRole("button", { name: "Forget it" }).click();
  await expect(page.getByRole("button", { name: "Create an ephemeral wallet" })).toBeVisible();
  await expect(page.getByTestId("rk-connect-button").first()).toBeVisible();

  await page.getByLabel("Private key").fill("not a key");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText(/64 hexadecimal characters/)).toBeVisible();
  await page.getByLabel("Private key").fill(key);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText(address)).toBeVisible();
});
