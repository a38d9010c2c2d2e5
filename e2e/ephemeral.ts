import type { Browser, BrowserContext, Page } from "@playwright/test";
import type { Address } from "viem";
import { expect } from "./fixtures";

export interface EphemeralParty {
  context: BrowserContext;
  page: Page;
  address: Address;
}

/** A party's own browser: opens /wallet and creates the ephemeral wallet there, as a person does. */
export async function createEphemeralWallet(browser: Browser): Promise<EphemeralParty> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/wallet");
  await page.getByRole("button", { name: "Create an ephemeral wallet" }).click();
  await expect(page.getByText("Connected.")).toBeVisible();
  const address = (await page.locator("p", { hasText: "Address:" }).locator(".mono").textContent())?.trim() as Address;
  expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);
  return { context, page, address };
}

/** Opens `path` in a fresh page of the party's browser (a new page load: the wallet reconnects by itself). */
export async function openFresh(party: EphemeralParty, path: string): Promise<Page> {
  const page = await party.context.newPage();
  await page.goto(path);
  await expect(page.getByTestId("rk-account-button")).toBeVisible();
  return page;
}
