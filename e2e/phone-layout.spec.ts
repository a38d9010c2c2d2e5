import path from "node:path";
import type { Page } from "@playwright/test";
import type { AccountName } from "./anvil";
import { DEMO_DEED_SHA256, DEMO_PROCESS } from "./demo";
import { connectWallet, demo, expect, installWallet, test } from "./fixtures";

const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE });

/** With PHONE_SCREENSHOTS=<dir>, each page is also saved as a full-page PNG there, to look at as a user would. */
async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.PHONE_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name.replace(/[^a-z0-9]+/gi, "-")}.png`), fullPage: true });
}

/** Opens the main navigation when it sits behind a menu button (phones), so its links can be checked. */
async function openMainNav(page: Page): Promise<void> {
  const menu = page.getByRole("button", { name: "Menu" });
  if ((await menu.count()) > 0 && (await menu.isVisible()) && (await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
}

/** No horizontal page overflow; on failure, names the elements that stick out so the message says what to fix. */
async function expectNoOverflow(page: Page, where: string): Promise<void> {
  const measured = await page.evaluate(() => {
    const width = window.innerWidth;
    const outside = [...document.querySelectorAll("body *")]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > width + 0.5;
      })
      .slice(0, 8)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)} "${(el.textContent ?? "").trim().slice(0, 30)}" right=${Math.round(el.getBoundingClientRect().right)}`,
      );
    return {
      innerWidth: width,
      documentScrollWidth: document.documentElement.scrollWidth,
      bodyScrollWidth: document.body.scrollWidth,
      outside,
    };
  });
  const report = `${where}: ${JSON.stringify(measured, null, 1)}`;
  expect(measured.documentScrollWidth, report).toBeLessThanOrEqual(measured.innerWidth);
  expect(measured.bodyScrollWidth, report).toBeLessThanOrEqual(measured.innerWidth);
}

/** Every main navigation link is on screen and its text is not cut. */
async function expectNavFits(page: Page): Promise<void> {
  await openMainNav(page);
  const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
  await expect(links).toHaveCount(5);
  for (const link of await links.all()) {
    await expect(link).toBeVisible();
    const box = await link.boundingBox();
    const name = await link.textContent();
    expect(box, `${name} has a box`).not.toBeNull();
    expect(box!.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${name} ends on screen`).toBeLessThanOrEqual(PHONE.width);
    const cut = await link.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(cut.scroll, `${name} text is not cut`).toBeLessThanOrEqual(cut.client);
  }
  const connect = page.getByTestId(/rk-(connect|account)-button/).first();
  await expect(connect).toBeVisible();
  const box = await connect.boundingBox();
  expect(box!.x + box!.width, "the wallet button ends on screen").toBeLessThanOrEqual(PHONE.width);
}

/** Waits until no "Reading…"/"Looking for…" spinner is left on the page. */
async function waitForReads(page: Page): Promise<void> {
  await expect(page.getByRole("status").filter({ hasText: /…$/ })).toHaveCount(0, { timeout: 30_000 });
}

interface Route {
  name: string;
  path: string;
  heading: RegExp | string;
  /** Who is connected in the connected variant. */
  account: AccountName;
  /** Extra waiting once the heading shows, for content that loads later. */
  ready?: (page: Page, connected: boolean) => Promise<void>;
}

const ROUTES: Route[] = [
  {
    name: "dashboard",
    path: "/",
    heading: "Agreements, on one shared state machine",
    account: "clerk",
    ready: async (page, connected) => {
      if (connected) await expect(page.getByRole("region", { name: "Records you own" }).getByRole("link").first()).toBeVisible();
    },
  },
  { name: "register", path: "/register", heading: "Register a document", account: "clerk" },
  {
    name: "claims",
    path: "/claims",
    heading: "Your tokens",
    account: "lender",
    ready: async (page, connected) => {
      // The lender's token on the agreement (chain A) and on the commitment letter (chain B).
      if (connected) await expect(page.getByRole("heading", { name: "Waiting for you (2)" })).toBeVisible();
    },
  },
  {
    name: "claim link",
    path: `/claims?record=${demo.agreement}&token=3`,
    heading: "Your tokens",
    account: "lender",
    ready: async (page, connected) => {
      if (connected) await expect(page.getByRole("heading", { name: "From your link" })).toBeVisible();
    },
  },
  { name: "verify", path: "/verify", heading: "Verify a document", account: "clerk" },
  {
    name: "verify result",
    path: `/verify?hash=${DEMO_DEED_SHA256}`,
    heading: "Verify a document",
    account: "clerk",
    ready: async (page) => {
      await expect(page.getByText(/Registered: \d+ records? of this content/)).toBeVisible();
    },
  },
  { name: "wallet", path: "/wallet", heading: "Ephemeral wallet", account: "clerk" },
  { name: "agreement record", path: `/records/${demo.agreement}`, heading: /^Record 0x/, account: "clerk" },
  { name: "deed record", path: `/records/${demo.deed}`, heading: /^Record 0x/, account: "clerk" },
  {
    name: "agreement certificate",
    path: `/records/${demo.agreement}/certificate`,
    heading: "Certificate of completion",
    account: "clerk",
  },
  {
    name: "workflow",
    path: `/workflows/${DEMO_PROCESS}`,
    heading: /^Records in this workflow/,
    account: "clerk",
  },
  { name: "not found", path: "/no-such-page", heading: "Page not found", account: "clerk" },
];

for (const route of ROUTES) {
  for (const connected of [false, true]) {
    test(`${route.name} fits 390 px ${connected ? `with the ${route.account} connected` : "with no wallet"}`, async ({ page }) => {
      if (connected) await installWallet(page, route.account);
      await page.goto(route.path);
      await expect(page.getByRole("heading", { name: route.heading }).first()).toBeVisible();
      if (connected) await connectWallet(page);
      await route.ready?.(page, connected);
      await waitForReads(page);
      await expectNoOverflow(page, route.name);
      await screenshot(page, `${route.name}-${connected ? route.account : "no-wallet"}`);
      await expectNavFits(page);
      await expectNoOverflow(page, `${route.name}, menu open`);
    });
  }
}

for (const record of ["agreement", "deed"] as const) {
  for (const connected of [false, true]) {
    test(`the ${record}'s token statuses are on screen at 390 px ${connected ? "as the clerk" : "with no wallet"}`, async ({ page }) => {
      if (connected) await installWallet(page, "clerk");
      await page.goto(`/records/${demo[record]}`);
      await expect(page.getByRole("heading", { name: /^Record 0x/ })).toBeVisible();
      if (connected) {
        await connectWallet(page);
        await expect(page.getByRole("region", { name: "Owner actions" })).toBeVisible();
      }
      const tokens = page.getByRole("region", { name: "Tokens" });
      await expect(tokens.getByText(/reserved tokens claimed/)).toBeVisible();
      await waitForReads(page);
      const statuses = tokens.getByText(/^(claimed|reserved)$/);
      await expect(statuses).toHaveCount(record === "agreement" ? 3 : 1);
      for (const status of await statuses.all()) {
        const text = await status.textContent();
        await expect(status).toBeVisible();
        // Scrolls the page only vertically: a status scrolled into view inside a sideways-scrolling table is not what a clerk sees.
        await status.evaluate((el) => window.scrollTo(0, window.scrollY + el.getBoundingClientRect().top - window.innerHeight / 2));
        const box = await status.boundingBox();
        expect(box!.x, `status "${text}" starts on screen`).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, `status "${text}" ends on screen`).toBeLessThanOrEqual(PHONE.width);
        // Nothing clips or covers it: the point at its centre is the status itself.
        const shown = await status.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return top !== null && (top === el || el.contains(top));
        });
        expect(shown, `status "${text}" is not clipped or covered`).toBe(true);
      }
      await expectNoOverflow(page, `${record} record`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `tokens-${record}-${connected ? "clerk" : "no-wallet"}`);
      if (connected) {
        // The clerk's claim-link panel (expiry input, QR code, the link itself) opens inside the stacked row.
        for (const summary of await tokens.getByText(/^Capability and claim link for/).all()) await summary.click();
        await expect(tokens.getByRole("button", { name: "Issue claim capability" }).first()).toBeVisible();
        await expectNoOverflow(page, `${record} record, claim links open`);
        await screenshot(page, `tokens-${record}-clerk-claim-links`);
      }
    });
  }
}

test("a checked proof file fits 390 px on /verify", async ({ page }, testInfo) => {
  await page.goto(`/records/${demo.agreement}`);
  const proofCard = page.getByRole("region", { name: "Proof", exact: true });
  const [download] = await Promise.all([page.waitForEvent("download"), proofCard.getByRole("button", { name: "Download proof" }).click()]);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);

  await page.goto("/verify");
  await page.getByLabel(/Choose or drop a proof file/).setInputFiles(file);
  const result = page.getByRole("region", { name: "Proof check result" });
  await expect(result.getByText(/^Genuine: all \d+ checks passed$/)).toBeVisible();
  await expectNoOverflow(page, "verify, proof checked");
  await screenshot(page, "verify-proof-checked");
});

test("the record page keeps its tokens table with column headers at 1280 px", async ({ page }) => {
  await installWallet(page, "clerk");
  await page.goto(`/records/${demo.agreement}`);
  await connectWallet(page);
  await expect(page.getByRole("region", { name: "Owner actions" })).toBeVisible();
  // From sm (640 px) up the table is a table again: at its narrowest it must still fit.
  await page.setViewportSize({ width: 640, height: 900 });
  await waitForReads(page);
  await expectNoOverflow(page, "agreement record at 640 px");
  await page.setViewportSize({ width: 1280, height: 900 });
  const tokens = page.getByRole("region", { name: "Tokens" });
  for (const header of ["Token", "Reserved for / holder", "Amount", "Status"]) {
    await expect(tokens.getByRole("columnheader", { name: header, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Wallet" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  await waitForReads(page);
  await screenshot(page, "desktop-agreement-record-clerk");
});

test("the phone menu opens and closes from the keyboard, and its links take you there", async ({ page }) => {
  await page.goto("/verify");
  const menu = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "Claims" })).toBeHidden();
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await screenshot(page, "menu-open");
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await page.keyboard.press("Space");
  await nav.getByRole("link", { name: "Claims" }).click();
  await expect(page).toHaveURL(/\/claims$/);
  await expect(page.getByRole("heading", { name: "Your tokens" })).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "Claims" })).toBeHidden();
});
