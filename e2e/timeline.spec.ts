import { attestClaim, claim } from "./chain";
import { DEMO_PROCESS } from "./demo";
import { connectWallet, demo, expect, installWallet, test } from "./fixtures";

test("a record's timeline tells its whole story in order, and new events appear without a reload", async ({ page, browser }) => {
  // A visitor with no wallet watches the seeded agreement.
  await page.goto(`/records/${demo.agreement}`);
  const timeline = page.getByRole("list", { name: "Events, newest first" });
  await expect(timeline.getByText("Payment #1 requested")).toBeVisible();

  // The lender claims the last role token from outside this page: the agreement completes.
  const uid = await attestClaim("clerk", demo.agreement, 3n, "lender", DEMO_PROCESS);
  await claim("lender", demo.agreement, 3n, uid, DEMO_PROCESS);
  await expect(timeline.getByText("Agreement complete")).toBeVisible({ timeout: 15_000 });
  await expect(timeline.getByText("Token #3 (Lender) claimed")).toBeVisible();
  await expect(page.getByText("3 of 3")).toBeVisible();

  // The buyer reads the encrypted amount and marks payment #1 paid.
  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  await installWallet(buyer, "buyer");
  await buyer.goto(`/records/${demo.agreement}`);
  await connectWallet(buyer);
  const payment1 = buyer.getByRole("listitem", { name: "Payment request #1" });
  await payment1.getByLabel("Passphrase to read the amount").fill("wrong");
  await payment1.getByRole("button", { name: "Read amount" }).click();
  await expect(payment1.getByRole("alert")).toHaveText("Wrong passphrase or corrupted payment note.");
  await payment1.getByLabel("Passphrase to read the amount").fill("harbour-demo");
  await payment1.getByRole("button", { name: "Read amount" }).click();
  await expect(payment1.getByText("25000 USD")).toBeVisible();
  await payment1.getByRole("button", { name: "Mark paid" }).click();
  await expect(payment1.getByText("paid", { exact: true })).toBeVisible();
  await buyerContext.close();
  await expect(timeline.getByText("Payment #1 marked paid")).toBeVisible({ timeout: 15_000 });

  // The seller asks the buyer for another payment, then cancels it.
  const sellerContext = await browser.newContext();
  const seller = await sellerContext.newPage();
  await installWallet(seller, "seller");
  await seller.goto(`/records/${demo.agreement}`);
  await connectWallet(seller);
  const form = seller.getByRole("form", { name: "Request a payment" });
  await form.getByLabel("Ask the holder of").selectOption("1");
  await form.getByLabel("Amount").fill("1,200 USD");
  await form.getByLabel("Memo (optional)").fill("Survey fee");
  await form.getByLabel("Passphrase shared with the payer").fill("survey-secret");
  await form.getByRole("button", { name: "Send request" }).click();
  const payment2 = seller.getByRole("listitem", { name: "Payment request #2" });
  await expect(payment2.getByText("pending", { exact: true })).toBeVisible();
  await payment2.getByRole("button", { name: "Cancel request" }).click();
  await expect(payment2.getByText("cancelled", { exact: true })).toBeVisible();
  await sellerContext.close();
  await expect(timeline.getByText("Payment #2 cancelled")).toBeVisible({ timeout: 15_000 });

  // Oldest to newest, the story reads in order, each event once.
  const titles = (await timeline.locator("li p.font-medium").allTextContents()).reverse();
  const story = [
    "Document registered",
    "Token #1 (Buyer) reserved",
    "Token #3 (Lender) reserved",
    "Party set fixed",
    "Capability issued for token #1 (Buyer)",
    "Token #1 (Buyer) claimed",
    "Token #2 (Seller) claimed",
    "Payment #1 requested",
    "Token #3 (Lender) claimed",
    "Agreement complete",
    "Payment #1 marked paid",
    "Payment #2 requested",
    "Payment #2 cancelled",
  ];
  const positions = story.map((title) => titles.indexOf(title));
  expect(
    positions.every((p) => p >= 0),
    `missing from ${titles.join(" | ")}`,
  ).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(titles.filter((t) => t === "Token #3 (Lender) claimed")).toHaveLength(1);
});

test("a workflow page shows the events of every record in it, on both chains", async ({ page }) => {
  await page.goto(`/workflows/${DEMO_PROCESS}`);
  // Three records on chain A (the deed, the agreement, the escrow instructions) and the commitment letter on chain B.
  await expect(page.getByRole("heading", { name: "Records in this workflow (4)" })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Events, newest first" });
  await expect(timeline.getByRole("link", { name: `record ${demo.deed.slice(0, 10)}…${demo.deed.slice(-6)}` }).first()).toBeVisible();
  await expect(
    timeline.getByRole("link", { name: `record ${demo.agreement.slice(0, 10)}…${demo.agreement.slice(-6)}` }).first(),
  ).toBeVisible();
  await expect(
    timeline
      .getByRole("link", { name: `record ${demo.secondChain.commitment.slice(0, 10)}…${demo.secondChain.commitment.slice(-6)}` })
      .first(),
  ).toHaveAttribute("href", `/records/${demo.secondChain.commitment}?chain=31338`);
  await expect(timeline.getByText("Document registered")).toHaveCount(4);
  // The workflow's own events: the title company opened it on each chain, and admitted the clerk and the escrow agent on A.
  await expect(timeline.getByText("Workflow opened")).toHaveCount(2);
  await expect(timeline.getByText("Member admitted to the workflow")).toHaveCount(2);

  await page.goto("/workflows/0xnot-a-hash");
  await expect(page.getByRole("alert").filter({ hasText: "This workflow link is broken" })).toBeVisible();
});
