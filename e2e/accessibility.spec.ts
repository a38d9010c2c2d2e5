import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO_DEED_SHA256, DEMO_PROCESS } from "./demo";
import { createEphemeralWallet } from "./ephemeral";
import { connectWallet, demo, expect, installWallet, test } from "./fixtures";

/** WCAG 2.1 A and AA, as axe-core checks them in the rendered page. */
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * The page once it has read the chain (its heading, no skeleton or spinner left) and, with a wallet, once it is
 * connected; then axe over the whole document.
 */
async function expectAccessible(page: Page, url: string, wallet: "none" | "connected"): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  if (wallet === "connected") await expect(page.getByTestId("rk-account-button")).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expect(page.locator(".animate-pulse, .animate-spin")).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`);
  expect(found, `${url}: WCAG violations`).toEqual([]);
}

const READ_PAGES: [name: string, url: string][] = [
  ["the dashboard", "/"],
  ["/verify", "/verify"],
  ["/verify with a registered hash", `/verify?hash=${DEMO_DEED_SHA256}`],
  ["/register", "/register"],
  ["/claims", "/claims"],
  ["/wallet", "/wallet"],
  ["the deed's record", `/records/${demo.deed}`],
  ["the agreement's record", `/records/${demo.agreement}`],
  ["the agreement's certificate", `/records/${demo.agreement}/certificate`],
  ["the demo workflow", `/workflows/${DEMO_PROCESS}`],
  ["an unknown record", `/records/0x${"ab".repeat(32)}`],
  ["a broken record link", "/records/not-a-hash"],
  ["a broken workflow link", "/workflows/not-a-hash"],
  ["the network status", "/status"],
];

for (const [name, url] of READ_PAGES) {
  test(`${name} meets WCAG 2.1 AA as axe checks it, without a wallet`, async ({ page }) => {
    await page.goto(url);
    await expectAccessible(page, url, "none");
  });
}

test("the clerk's pages meet WCAG 2.1 AA as axe checks them, with the wallet connected", async ({ page }) => {
  await installWallet(page, "clerk");
  for (const url of ["/", "/register", `/records/${demo.agreement}`, "/claims"]) {
    // The injected test wallet forgets its permission on each load, as an extension asked again would not: connect.
    await page.goto(url);
    await connectWallet(page);
    await expectAccessible(page, url, "connected");
  }
});

test("a party's pages meet WCAG 2.1 AA as axe checks them, with the ephemeral wallet created on /wallet", async ({ browser }) => {
  const party = await createEphemeralWallet(browser);
  try {
    // The ephemeral wallet reconnects by itself on every load.
    for (const url of ["/wallet", "/claims", `/records/${demo.deed}`]) {
      await party.page.goto(url);
      await expectAccessible(party.page, url, "connected");
    }
  } finally {
    await party.context.close();
  }
});
