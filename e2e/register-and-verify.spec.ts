import { createHash } from "node:crypto";
import { ACCOUNTS } from "./anvil";
import { nonceOf } from "./chain";
import { connectWallet, expect, installWallet, test } from "./fixtures";

const deed = {
  name: "deed-7-quay-street.txt",
  mimeType: "text/plain",
  buffer: Buffer.from("WARRANTY DEED\nParcel: 7 Quay Street\nGrantee: Bob Okafor\nRecorded by the county clerk.\n"),
};
const deedHash = `0x${createHash("sha256").update(deed.buffer).digest("hex")}`;

test("a clerk registers a document and reserves tokens; a visitor without a wallet verifies it", async ({ page, browser }) => {
  await installWallet(page, "clerk");
  await page.goto("/register");
  await connectWallet(page);

  await page.getByLabel(/Choose or drop the document to register/).setInputFiles(deed);
  await expect(page.getByText(`SHA-256 ${deedHash}`)).toBeVisible();

  await page.getByLabel("Multi-party (ERC-1155)").check();
  await page.getByLabel("Workflow name").fill("closing/7-quay-street");
  await page.getByLabel("Document title").fill("Deed, 7 Quay Street");
  await page.getByLabel("Passphrase").fill("quay-7");
  await page.getByLabel("Role", { exact: true }).first().fill("Buyer");
  await page.getByLabel("Address of Buyer").fill(ACCOUNTS.partyA);
  await page.getByRole("button", { name: "Add a party" }).click();
  await page.getByLabel("Role", { exact: true }).nth(1).fill("Seller");
  await page.getByLabel("Address of Seller").fill(ACCOUNTS.partyB);
  const nonceBefore = await nonceOf(ACCOUNTS.clerk);
  await page.getByRole("button", { name: "Register and reserve 2 tokens" }).click();

  await expect(page).toHaveURL(/\/records\/0x[0-9a-f]{64}$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: /Record 0x/ })).toBeVisible();
  await expect(page.getByText("You are this record's owner.")).toBeVisible();
  await expect(page.getByText(deedHash)).toBeVisible();
  await expect(page.getByText("0 of 2")).toBeVisible();
  // One signature for the record, both reservations and the seal of the party set.
  expect(await nonceOf(ACCOUNTS.clerk)).toBe(nonceBefore + 1);
  await expect(page.getByText("Party set fixed: 2 tokens.")).toBeVisible();
  // The roles typed in the form are kept with the reservations, and the title only behind the passphrase.
  await expect(page.getByRole("row", { name: /^#1 Buyer 0x976E/ })).toContainText("reserved");
  await expect(page.getByRole("row", { name: /^#2 Seller 0x14dC/ })).toContainText("reserved");
  await expect(page.getByText("Deed, 7 Quay Street")).toHaveCount(0);
  const details = page.getByRole("form", { name: "Show the private details" });
  await details.getByLabel("Passphrase").fill("not the passphrase");
  await details.getByRole("button", { name: "Show title and reference" }).click();
  await expect(page.getByText("Wrong passphrase or corrupted reference.")).toBeVisible();
  await details.getByLabel("Passphrase").fill("quay-7");
  await details.getByRole("button", { name: "Show title and reference" }).click();
  await expect(page.getByText("Deed, 7 Quay Street")).toBeVisible();
  const recordUrl = page.url();

  // A visitor with no wallet at all, in a fresh browser context.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/verify");
  // The pointer over the zone starts the hashing worker ahead of the file (the clerk's hash above starts cold).
  await visitor.locator("label").filter({ hasText: "Choose or drop the document to check" }).hover();
  await visitor.getByLabel(/Choose or drop the document to check/).setInputFiles(deed);
  await expect(visitor.getByText("Registered: 1 record of this content")).toBeVisible();
  await expect(visitor.getByText("0 of 2 claimed")).toBeVisible();
  await visitor.getByRole("link", { name: /Record 0x/ }).click();
  await expect(visitor).toHaveURL(recordUrl);
  await expect(visitor.getByRole("heading", { name: /Record 0x/ })).toBeVisible();

  // The same visitor checks a different file against the record: mismatch.
  await visitor.getByLabel(/Choose or drop your copy of the document/).setInputFiles({ ...deed, buffer: Buffer.from("a forged deed") });
  await expect(visitor.getByText("Mismatch")).toBeVisible();
  await visitor.close();
});

test("verify says 'not registered' for unknown content and finds the seeded deed by pasted hash", async ({ page }) => {
  await page.goto("/verify");
  await page.getByLabel("Content hash (SHA-256)").fill(createHash("sha256").update("never registered").digest("hex"));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("Not registered")).toBeVisible();

  const seeded = await (await page.request.get("/demo/deed-12-harbour-lane.txt")).body();
  await page.getByLabel("Content hash (SHA-256)").fill(createHash("sha256").update(seeded).digest("hex"));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("Registered: 1 record of this content")).toBeVisible();
  await expect(page.getByText("0 of 1 claimed")).toBeVisible();
});

test("the unfinished register form survives a reload", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel(/Choose or drop the document to register/).setInputFiles(deed);
  await expect(page.getByText(`SHA-256 ${deedHash}`)).toBeVisible();
  await page.getByLabel("Workflow name").fill("closing/kept-after-reload");
  await page.getByLabel("Address of Buyer").fill(ACCOUNTS.partyC);
  await page.reload();
  await expect(page.getByText(`SHA-256 ${deedHash}`)).toBeVisible();
  await expect(page.getByLabel("Workflow name")).toHaveValue("closing/kept-after-reload");
  await expect(page.getByLabel("Address of Buyer")).toHaveValue(ACCOUNTS.partyC);
});
