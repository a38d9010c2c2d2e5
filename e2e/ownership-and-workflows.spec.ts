import { type Address, zeroAddress } from "viem";
import { ACCOUNTS } from "./anvil";
import { addresses, attestClaim, claim, offerRecord, openWorkflow, registerAgreement, reserve } from "./chain";
import { DEMO_DEED_SHA256, DEMO_ESCROW_AGENT, DEMO_PROCESS } from "./demo";
import { connectWallet, demo, expect, expectConfirmed, installWallet, test } from "./fixtures";
import { publicClient } from "./relay";
import { integraRecordV1Abi, multiPartyTokenizerV1Abi } from "@/lib/generated/integra";

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

async function recordOf(integraHash: `0x${string}`) {
  return publicClient.readContract({
    address: addresses.IntegraRecordV1,
    abi: integraRecordV1Abi,
    functionName: "getRecord",
    args: [integraHash],
  });
}

test("the owner offers the deed and the buyer accepts it from the dashboard; the executor and earlier attestations lose their power", async ({
  page: clerk,
  browser,
}) => {
  await installWallet(clerk, "clerk");
  await clerk.goto(`/records/${demo.deed}`);
  await connectWallet(clerk);
  const offer = clerk.getByRole("form", { name: "Offer record ownership" });
  await offer.getByLabel("New owner address").fill(ACCOUNTS.buyer);
  await offer.getByLabel("Reason").fill("Sale closed; the deed passes to the buyer");
  await offer.getByRole("button", { name: "Offer ownership" }).click();
  await expectConfirmed(offer);
  await expect(offer.getByText(`Offered to`)).toBeVisible();
  // An offer moves nothing: the clerk still owns the record.
  expect((await recordOf(demo.deed)).owner).toBe(ACCOUNTS.clerk);

  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  await installWallet(buyer, "buyer");
  await buyer.goto("/");
  await connectWallet(buyer);
  const offers = buyer.getByRole("region", { name: /Records offered to you/ });
  // The dashboard reads offers from the registry's offersTo view (one call); the reason is on the record's timeline.
  await expect(offers.getByRole("listitem")).toHaveCount(1);
  await expect(offers.getByText(`from ${short(ACCOUNTS.clerk)}`)).toBeVisible();
  await offers.getByRole("link", { name: "Review and accept" }).click();
  await expect(buyer.getByText("Sale closed; the deed passes to the buyer", { exact: false }).first()).toBeVisible();
  const prompt = buyer.getByRole("region", { name: "Ownership offered to you" });
  await prompt.getByRole("button", { name: "Accept ownership as shown" }).click();
  // Once mined the page reads the record again: the prompt gives way to ownership.
  await expect(buyer.getByText("You are this record's owner.")).toBeVisible({ timeout: 30_000 });
  await expect(prompt).toHaveCount(0);

  const record = await recordOf(demo.deed);
  expect(record.owner).toBe(ACCOUNTS.buyer);
  expect(record.executor).toBe("0x0000000000000000000000000000000000000000");
  const timeline = buyer.getByRole("list", { name: "Events, newest first" });
  await expect(timeline.getByText("Record ownership accepted")).toBeVisible();
  await expect(timeline.getByText("Executor removed")).toBeVisible();

  // The clerk's attestation for the buyer's deed token was issued under the old authority: dead now.
  await buyer.goto(`/claims?record=${demo.deed}&token=1`);
  await connectWallet(buyer);
  await expect(
    buyer
      .getByRole("article")
      .first()
      .getByText(/Cannot be claimed yet: Issued before the record changed hands/),
  ).toBeVisible();
  await buyerContext.close();
});

test("the buyer's accept names the record as shown: a change in between is refused in plain words, and the page shows the new state", async ({
  page: buyer,
}) => {
  await offerRecord("clerk", demo.agreement, "buyer", "Assignment of the purchase agreement");
  await installWallet(buyer, "buyer");
  await buyer.goto(`/records/${demo.agreement}`);
  await connectWallet(buyer);
  const prompt = buyer.getByRole("region", { name: "Ownership offered to you" });
  await expect(prompt).toBeVisible();
  await expect(buyer.getByText("2 of 3", { exact: false }).first()).toBeVisible();

  // Between the page's read and the accept, the record changes: the lender claims the last token.
  const uid = await attestClaim("clerk", demo.agreement, 3n, "lender", DEMO_PROCESS);
  await claim("lender", demo.agreement, 3n, uid, DEMO_PROCESS);

  await prompt.getByRole("button", { name: "Accept ownership as shown" }).click();
  await expect(prompt.getByRole("alert")).toContainText("The record changed after this page read it");
  await buyer.screenshot({ path: "test-results/accept-refused-record-changed.png" });
  expect((await recordOf(demo.agreement)).owner).toBe(ACCOUNTS.clerk);
  // The page read the record again; accepting what it shows now goes through.
  await expect(buyer.getByText(/Agreement complete/).first()).toBeVisible({ timeout: 15_000 });
  await prompt.getByRole("button", { name: "Accept ownership as shown" }).click();
  await expect(buyer.getByText("You are this record's owner.")).toBeVisible({ timeout: 30_000 });
  expect((await recordOf(demo.agreement)).owner).toBe(ACCOUNTS.buyer);
});

test("a stranger cannot register into the title company's workflow; its page names the owner and members, and the owner admits one", async ({
  page,
}) => {
  // The victim's workflow id and content hash are public: the stranger's registration is still refused.
  await expect(
    publicClient.simulateContract({
      address: addresses.IntegraRecordV1,
      abi: integraRecordV1Abi,
      functionName: "register",
      args: [DEMO_DEED_SHA256, "0x", addresses.MultiPartyTokenizerV1, zeroAddress, DEMO_PROCESS, []],
      account: ACCOUNTS.stranger as Address,
    }),
  ).rejects.toThrow(/NotWorkflowMember/);

  await installWallet(page, "titleCompany");
  await page.goto(`/workflows/${DEMO_PROCESS}`);
  // Three on chain A, the commitment letter on chain B.
  await expect(page.getByRole("heading", { name: "Records in this workflow (4)" })).toBeVisible();
  const members = page.getByRole("list", { name: "Members" });
  await expect(members.getByRole("listitem")).toHaveCount(2);
  await expect(members).toContainText(short(ACCOUNTS.clerk));
  await expect(members).toContainText(short(DEMO_ESCROW_AGENT));
  await connectWallet(page);
  const admin = page.getByRole("form", { name: "Workflow members" });
  await admin.getByLabel("Admit a member").fill(ACCOUNTS.partyA);
  await admin.getByRole("button", { name: "Admit", exact: true }).click();
  await expectConfirmed(admin);
  await expect(members.getByRole("listitem")).toHaveCount(3);
  await expect(page.getByRole("list", { name: "Events, newest first" }).getByText("Member admitted to the workflow").first()).toBeVisible();
  await page.screenshot({ path: "test-results/workflow-owner-and-members.png", fullPage: true });

  // Admitted, the office registers its own record into the workflow; the verify page names the workflow's owner.
  const record = await registerAgreement("partyA", DEMO_DEED_SHA256, DEMO_PROCESS);
  expect((await recordOf(record)).processHash).toBe(DEMO_PROCESS);
  await page.goto(`/verify?hash=${DEMO_DEED_SHA256}`);
  await expect(page.getByText("Registered: 2 records of this content")).toBeVisible();
  await expect(page.getByText("a member admitted to the workflow")).toHaveCount(2);
  await expect(page.getByText("owned by").first()).toBeVisible();
});

test("naming an executor only offers the role: it has no authority until it accepts on the record's page", async ({ page }) => {
  const processHash = await openWorkflow("clerk", "e2e/executor-consent");
  const integraHash = await registerAgreement("clerk", DEMO_DEED_SHA256, processHash, ACCOUNTS.partyB as Address);
  expect((await recordOf(integraHash)).executor).toBe(zeroAddress);
  await expect(
    publicClient.simulateContract({
      address: addresses.MultiPartyTokenizerV1,
      abi: multiPartyTokenizerV1Abi,
      functionName: "reserveToken",
      args: [integraHash, 1n, ACCOUNTS.buyer as Address, 1n, processHash, ""],
      account: ACCOUNTS.partyB as Address,
    }),
  ).rejects.toThrow(/NotOwnerOrExecutor/);

  await installWallet(page, "partyB");
  await page.goto(`/records/${integraHash}`);
  await connectWallet(page);
  const prompt = page.getByRole("region", { name: "Executor role offered to you" });
  await prompt.getByRole("button", { name: "Accept the executor role" }).click();
  await expect(page.getByText("You are this record's executor.")).toBeVisible({ timeout: 30_000 });
  expect((await recordOf(integraHash)).executor).toBe(ACCOUNTS.partyB);
  await reserve("partyB", integraHash, 1n, "buyer", processHash);
});
