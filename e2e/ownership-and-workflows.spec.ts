import type { Address } from "viem";
import { ACCOUNTS } from "./anvil";
import { addresses, registerAgreement } from "./chain";
import { DEMO_DEED_SHA256, DEMO_PROCESS } from "./demo";
import { connectWallet, demo, expect, expectConfirmed, installWallet, test } from "./fixtures";
import { publicClient } from "./relay";
import { integraRecordV1Abi } from "../lib/generated/integra";

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
  await prompt.getByRole("button", { name: "Accept ownership" }).click();
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

test("a copy registered under someone else's workflow id is marked on the workflow and verify pages", async ({ page }) => {
  const copy = await registerAgreement("stranger", DEMO_DEED_SHA256, DEMO_PROCESS);

  await page.goto(`/workflows/${DEMO_PROCESS}`);
  await expect(page.getByRole("heading", { name: "Records in this workflow (3)" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "1 record registered by someone else" })).toContainText(short(ACCOUNTS.clerk));
  const row = page.getByRole("listitem").filter({ hasText: `${copy.slice(0, 10)}…${copy.slice(-8)}` });
  await expect(row.getByText("other registrant")).toBeVisible();
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: `${demo.deed.slice(0, 10)}…${demo.deed.slice(-8)}` })
      .getByText("started the workflow"),
  ).toBeVisible();

  await page.goto(`/verify?hash=${DEMO_DEED_SHA256}`);
  await expect(page.getByText("Registered: 2 records of this content")).toBeVisible();
  await expect(page.getByText(`other registrant: the workflow was started by ${short(ACCOUNTS.clerk)}`)).toHaveCount(1);
  expect((await recordOf(copy)).owner).toBe(ACCOUNTS.stranger as Address);
});
