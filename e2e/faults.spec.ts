// Faults lose nothing: the app behind a misbehaving RPC (the fault proxy scripts/e2e.ts puts between the app and
// anvil, switched by e2e/faults.ts and reset after every test), judged by what the page shows.
import { type Locator, type Page } from "@playwright/test";
import type { Hex } from "viem";
import { ACCOUNTS, testChain } from "./anvil";
import { DEMO_PROCESS } from "./demo";
import { arrangeAgreement, attestClaim, claim, roleTokenBalance, tokenStatus } from "./chain";
import { faultsServed, setFaults } from "./faults";
import { connectWallet, demo, expect, expectConfirmed, installWallet, test } from "./fixtures";

const timelineOf = (page: Page) => page.getByRole("list", { name: "Events, newest first" });
/** Each row's whole text (title, time, block, who, transaction): two rows for one event would read the same. */
const rowsOf = (timeline: Locator) => timeline.locator(":scope > li").allInnerTexts();
const outageBanner = (page: Page) => page.getByRole("alert").filter({ hasText: "Can't reach the chain" });

/** Records the text of every alert that shows up on the page, however briefly, from the first paint on. */
async function recordAlerts(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __alertsSeen: string[] }).__alertsSeen = seen;
    new MutationObserver(() => {
      for (const element of document.querySelectorAll('[role="alert"]')) {
        const text = element.textContent?.trim() ?? "";
        if (text && !seen.includes(text)) seen.push(text);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __alertsSeen: string[] }).__alertsSeen);
}

/** The transaction hash a status box shows. */
async function hashIn(scope: Locator): Promise<Hex> {
  const text = (await scope.textContent()) ?? "";
  const hash = /0x[0-9a-f]{64}/.exec(text)?.[0];
  if (!hash) throw new Error(`no transaction hash in "${text}"`);
  return hash as Hex;
}

test("range errors and result caps: the timeline is still complete", async ({ page }) => {
  // A history longer than the cap spans, read whole first through a well-behaved RPC.
  await testChain.mine({ blocks: 40 });
  await page.goto(`/records/${demo.agreement}`);
  const timeline = timelineOf(page);
  await expect(timeline.getByText("Payment #1 requested")).toBeVisible();
  const complete = await rowsOf(timeline);

  // The busiest block decides the result cap: any window holding two such blocks is refused, one block never is.
  const logs = (await testChain.request({
    method: "eth_getLogs",
    params: [{ fromBlock: "0x0", toBlock: "latest", topics: [null, demo.agreement] }],
  } as never)) as { blockNumber: Hex }[];
  const perBlock = new Map<Hex, number>();
  for (const log of logs) perBlock.set(log.blockNumber, (perBlock.get(log.blockNumber) ?? 0) + 1);
  await setFaults({ mode: "range-cap", maxBlocks: 8, maxResults: Math.max(...perBlock.values()) });

  // A fresh page has learned nothing about this provider's caps.
  await page.reload();
  await expect(timeline.getByText("Payment #1 requested")).toBeVisible();
  await expect.poll(() => rowsOf(timeline)).toEqual(complete);
  await expect(page.getByText("2 of 3")).toBeVisible();
  expect((await faultsServed()).refused).toBeGreaterThan(0);
  await expect(page.getByRole("alert").filter({ hasText: /refuses|went wrong|unreachable/ })).toHaveCount(0);
});

test("a provider that refuses eth_getLogs over more than 50 blocks: the claims page and the dashboard's tokens still come, with no log read", async ({
  page,
}) => {
  // A chain longer than the cap: any log scan from the deploy block would be refused, then read in windows.
  await testChain.mine({ blocks: 200 });
  await setFaults({ mode: "range-cap", maxBlocks: 50 });
  await installWallet(page, "lender");
  await page.goto("/claims");
  await connectWallet(page);
  // The agreement's token on chain A (behind the capped provider) and the commitment letter's on chain B.
  await expect(page.getByRole("heading", { name: "Waiting for you (2)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Token #3 \(Lender\) of record/ })).toBeVisible();
  await expect(
    page
      .getByRole("article")
      .filter({ has: page.getByRole("heading", { name: /^Token #3 \(Lender\) of record/ }) })
      .getByText("Ready to claim."),
  ).toBeVisible();
  // The tokens, their roles and the attestations come from the contracts' per-account views: not one log read was refused.
  expect((await faultsServed()).refused).toBe(0);

  await page.goto("/");
  await connectWallet(page);
  await expect(page.getByRole("link", { name: /^Token #3 \(Lender\) of record/ })).toBeVisible();
  // Only "Recent activity" reads logs, over the last 5,000 blocks: its windows shrink to the cap and it still lists the claim capability.
  await expect(
    page
      .getByRole("region", { name: "Recent activity" })
      .getByText(/^Capability issued/)
      .first(),
  ).toBeVisible();
});

test("a 429 storm: the app retries, then shows the data, and never an error", async ({ page }) => {
  const alertsSeen = await recordAlerts(page);
  await setFaults({ mode: "429", count: 8 });
  await page.goto(`/records/${demo.agreement}`);
  await expect(timelineOf(page).getByText("Payment #1 requested")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("2 of 3")).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Capabilities (EAS attestations)" }).getByText("active", { exact: true }).first(),
  ).toBeVisible();
  // Every 429 was served: the data came after retries, not around the storm.
  expect((await faultsServed()).throttled).toBe(8);
  expect(await alertsSeen()).toEqual([]);
});

test("a 30-second outage: a banner with Retry, typed forms and drafts kept, reading resumes by itself", async ({ page }) => {
  // A register draft typed in another tab of the same browser.
  const drafts = await page.context().newPage();
  await drafts.goto("/register");
  await drafts.getByLabel("Document title").fill("Deed of 7 Quay Street");
  await drafts.getByLabel("Role", { exact: true }).first().fill("Surveyor");
  await drafts.getByLabel("Address of Surveyor").fill(ACCOUNTS.partyB);

  await installWallet(page, "clerk");
  await page.goto(`/records/${demo.agreement}`);
  await connectWallet(page);
  const timeline = timelineOf(page);
  await expect(timeline.getByText("Payment #1 requested")).toBeVisible();
  const reserve = page.getByRole("form", { name: "Reserve a token" });
  await reserve.getByLabel("Token id").fill("4");
  await reserve.getByLabel("Role").fill("Surveyor");
  await reserve.getByLabel("Recipient address").fill(ACCOUNTS.partyB);
  const offer = page.getByRole("form", { name: "Offer record ownership" });
  await offer.getByLabel("New owner address").fill(ACCOUNTS.buyer);
  await offer.getByLabel("Reason").fill("Sale closed, the buyer administers the record");

  await setFaults({ mode: "down" });
  const banner = outageBanner(page);
  // The timeline's next refresh (every 4 s) fails and sets off the banner's probe.
  await expect(banner).toBeVisible({ timeout: 10_000 });
  await expect(banner.getByRole("button", { name: "Retry" })).toBeVisible();
  await page.screenshot({ path: "test-results/faults-outage-banner.png" });

  // The chain moves on meanwhile: the lender claims directly on the node, which the app cannot see yet.
  const uid = await attestClaim("clerk", demo.agreement, 3n, "lender", DEMO_PROCESS);
  await claim("lender", demo.agreement, 3n, uid, DEMO_PROCESS);

  // A write during the outage fails in words and keeps what was typed.
  await offer.getByRole("button", { name: "Offer ownership" }).click();
  await expect(offer.getByRole("alert").filter({ hasText: "The chain is unreachable" })).toBeVisible();
  // Retry while the chain is still down: it checks, and the banner stays.
  await banner.getByRole("button", { name: "Retry" }).click();
  await expect(banner.getByRole("button", { name: "Retry" })).toBeEnabled();
  await expect(banner).toBeVisible();
  // A reload during the outage keeps the register draft.
  await drafts.reload();
  await expect(outageBanner(drafts)).toBeVisible({ timeout: 10_000 });
  await expect(drafts.getByLabel("Document title")).toHaveValue("Deed of 7 Quay Street");
  await expect(drafts.getByLabel("Address of Surveyor")).toHaveValue(ACCOUNTS.partyB);

  // Reads never give up while the chain is unreachable (they retry every few seconds, the probe every 2 s), so a
  // shorter outage behaves as a 30-second one does; 12 s outlasts the point where a page that gives up would show
  // its errors (three query retries over 7 s, each after the transport's own retries).
  await page.waitForTimeout(12_000);
  await expect(banner).toBeVisible();
  await expect(timeline.getByText("Payment #1 requested")).toBeVisible();
  await expect(page.getByText("2 of 3")).toBeVisible();

  await setFaults({ mode: "pass" });
  // No click: the banner goes and the reads resume by themselves, with what happened during the outage.
  await expect(banner).toHaveCount(0, { timeout: 10_000 });
  await expect(timeline.getByText("Token #3 (Lender) claimed")).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText("3 of 3")).toBeVisible();
  await expect(reserve.getByLabel("Token id")).toHaveValue("4");
  await expect(reserve.getByLabel("Role")).toHaveValue("Surveyor");
  await expect(reserve.getByLabel("Recipient address")).toHaveValue(ACCOUNTS.partyB);
  await expect(offer.getByLabel("New owner address")).toHaveValue(ACCOUNTS.buyer);
  await offer.getByRole("button", { name: "Offer ownership" }).click();
  await expectConfirmed(offer.getByRole("status").filter({ hasText: "Offer record ownership" }));
  await expect(drafts.getByLabel("Document title")).toHaveValue("Deed of 7 Quay Street");
});

test("the RPC dies after a transaction is submitted: it is remembered across a reload and its outcome shown when the node is back", async ({
  page,
}) => {
  const wallet = await installWallet(page, "clerk");
  await page.goto(`/records/${demo.agreement}`);
  await connectWallet(page);
  const form = page.getByRole("form", { name: "Executor" });
  await form.getByLabel("Offer the executor role to").fill(ACCOUNTS.partyA);
  // The node takes the transaction; the app's RPC dies before the app hears back.
  wallet.afterSend(() => setFaults({ mode: "down" }));
  await form.getByRole("button", { name: "Offer the executor role" }).click();
  const status = form.getByRole("status").filter({ hasText: "Offer the executor role" });
  await expect(status.locator('[aria-current="step"]')).toHaveText("Mining");
  await expect(status.getByText(/can't be reached to ask whether it is mined/)).toBeVisible({ timeout: 10_000 });
  const hash = await hashIn(status);

  await page.reload();
  const remembered = page.getByRole("region", { name: "Transactions sent earlier from this browser" });
  const item = remembered.getByRole("status", { name: "Offer the executor role" });
  await expect(item).toContainText(`Waiting for transaction ${hash} to be mined.`);
  await expect(item).toContainText("The chain can't be reached to ask about it");
  await expect(outageBanner(page)).toBeVisible();
  await page.screenshot({ path: "test-results/faults-remembered-pending.png" });

  await setFaults({ mode: "pass" });
  await expect(remembered.getByRole("alert", { name: "Offer the executor role" })).toContainText(/Confirmed in block \d+\./, {
    timeout: 10_000,
  });
  await expect(outageBanner(page)).toHaveCount(0);
  // The outcome is shown once: a later page load has nothing left to remember.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(remembered).toHaveCount(0);
});

test("a dropped transaction: 'not mined; send it again', and nothing is claimed twice", async ({ page }) => {
  const { integraHash } = await arrangeAgreement("dropped", ["partyA"]);
  await installWallet(page, "partyA");
  await page.goto(`/claims?record=${integraHash}&token=1`);
  await connectWallet(page);
  // A tab left open on the same claim, to try it again later.
  const stale = await page.context().newPage();
  await installWallet(stale, "partyA");
  await stale.goto(`/claims?record=${integraHash}&token=1`);
  await connectWallet(stale);
  await expect(stale.getByRole("article").first().getByText("Ready to claim.")).toBeVisible();

  // The transaction waits in the node's pool, and the node drops it there.
  await testChain.setAutomine(false);
  try {
    const card = page.getByRole("article").first();
    await card.getByRole("button", { name: "Claim token #1" }).click();
    const status = card.getByRole("status").filter({ hasText: "Claim token #1" });
    await expect(status.locator('[aria-current="step"]')).toHaveText("Mining");
    await testChain.request({ method: "anvil_dropTransaction", params: [await hashIn(status)] } as never);

    const notMined = card.getByRole("alert").filter({ hasText: "Not mined: the network dropped it" });
    await expect(notMined).toContainText("Nothing happened; send it again.", { timeout: 15_000 });
    expect((await tokenStatus(integraHash, 1n)).status).toBe("reserved");

    await testChain.setAutomine(true);
    await card.getByRole("button", { name: "Claim token #1" }).click();
    await expect(card.getByText(/Already claimed/)).toBeVisible();
    expect(await roleTokenBalance(integraHash, 1n, ACCOUNTS.partyA)).toBe(1n);

    // Sending it again from the tab that still offers it is refused before anything is sent, in words.
    const staleCard = stale.getByRole("article").first();
    await staleCard.getByRole("button", { name: "Claim token #1" }).click();
    await expect(staleCard.getByRole("alert").filter({ hasText: "Token 1 has already been claimed." })).toBeVisible();
    expect(await roleTokenBalance(integraHash, 1n, ACCOUNTS.partyA)).toBe(1n);
  } finally {
    await testChain.setAutomine(true);
  }
});

test("a reorg while a record's timeline is live: the retracted rows disappear and no row repeats", async ({ page }) => {
  await page.goto(`/records/${demo.agreement}`);
  const timeline = timelineOf(page);
  await expect(timeline.getByText("Payment #1 requested")).toBeVisible();
  await expect(page.getByText("2 of 3")).toBeVisible();
  const before = await rowsOf(timeline);

  // Two blocks: the lender's attestation, then the claim that completes the agreement.
  await claim("lender", demo.agreement, 3n, await attestClaim("clerk", demo.agreement, 3n, "lender", DEMO_PROCESS), DEMO_PROCESS);
  await expect(timeline.getByText("Agreement complete")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("3 of 3")).toBeVisible();

  // The chain replaces those two blocks with empty ones.
  await testChain.request({ method: "anvil_reorg", params: [2, []] } as never);
  await expect(timeline.getByText("Agreement complete")).toHaveCount(0, { timeout: 15_000 });
  await expect(timeline.getByText("Token #3 (Lender) claimed")).toHaveCount(0);
  // Exactly the rows from before the two blocks: the retracted attestation's row went too.
  expect(await rowsOf(timeline)).toEqual(before);
  await expect(page.getByText("2 of 3")).toBeVisible();
  expect((await tokenStatus(demo.agreement, 3n)).status).toBe("reserved");

  // On the new chain the lender claims again: each event shows once.
  await claim("lender", demo.agreement, 3n, await attestClaim("clerk", demo.agreement, 3n, "lender", DEMO_PROCESS), DEMO_PROCESS);
  await expect(timeline.getByText("Agreement complete")).toHaveCount(1, { timeout: 15_000 });
  await expect(timeline.getByText("Token #3 (Lender) claimed")).toHaveCount(1);
  // The seed's attestation for token #3 and the new one.
  await expect(timeline.getByText("Capability issued for token #3 (Lender)")).toHaveCount(2);
  const after = await rowsOf(timeline);
  expect(after).toHaveLength(before.length + 3);
  expect(new Set(after).size).toBe(after.length);
  await expect(page.getByText("3 of 3")).toBeVisible();
});
