import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { keccak256, stringToHex } from "viem";
import { createEphemeralWallet } from "./ephemeral";
import { connectWallet, demo, expect, installWallet, test } from "./fixtures";

/** WCAG 2.1 A and AA, as axe-core checks them in the rendered page. */
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const DEMO_PROCESS = keccak256(stringToHex("closing/12-harbour-lane"));
const DEED_SHA256 = `0x${createHash("sha256")
  .update(readFileSync(path.join(process.cwd(), "public", "demo", "deed-12-harbour-lane.txt")))
  .digest("hex")}`;

/** Each page once it has read the chain (its heading and no skeleton left), then axe over the whole document. */
async function expectAccessible(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expect(page.locator(".animate-pulse")).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`);
  expect(found, `${url}: WCAG violations`).toEqual([]);
}

const READ_PAGES = () => [
  "/",
  "/verify",
  `/verify?hash=${DEED_SHA256}`,
  "/register",
  "/claims",
  "/wallet",
  `/records/${demo.deed}`,
  `/records/${demo.agreement}`,
  `/records/${demo.agreement}/certificate`,
  `/workflows/${DEMO_PROCESS}`,
  `/records/0x${"ab".repeat(32)}`,
  "/records/not-a-hash",
  "/workflows/not-a-hash",
];

test("every page meets WCAG 2.1 AA as axe checks it, without a wallet", async ({ page }) => {
  for (const url of READ_PAGES()) await expectAccessible(page, url);
});

test("the clerk's pages meet WCAG 2.1 AA as axe checks them, with the wallet connected", async ({ page }) => {
  await installWallet(page, "clerk");
  await page.goto("/");
  await connectWallet(page);
  for (const url of ["/", "/register", `/records/${demo.agreement}`, "/claims"]) await expectAccessible(page, url);
});

test("a party's pages meet WCAG 2.1 AA as axe checks them, with the ephemeral wallet created on /wallet", async ({ browser }) => {
  const party = await createEphemeralWallet(browser);
  for (const url of ["/wallet", "/claims", `/records/${demo.deed}`]) await expectAccessible(party.page, url);
  await party.context.close();
});
