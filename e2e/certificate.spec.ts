// Roles on every page that names the demo agreement's tokens, and its certificate of completion, printed to PDF.
import { extractText, getDocumentProxy } from "unpdf";
import { integraRecordV1Abi } from "@/lib/generated/integra";
import { DEMO_PROCESS } from "./demo";
import { ACCOUNTS, testChain } from "./anvil";
import { addresses, attestClaim, claim } from "./chain";
import { connectWallet, demo, expect, installWallet, test } from "./fixtures";

const WORKFLOW = DEMO_PROCESS;
const ROLES = ["Buyer", "Seller", "Lender"];

/** The lender claims token 3: the demo agreement completes. Resolves with the completion's block. */
async function lenderCompletesTheAgreement(): Promise<bigint> {
  const uid = await attestClaim("clerk", demo.agreement, 3n, "lender", WORKFLOW);
  await claim("lender", demo.agreement, 3n, uid, WORKFLOW);
  return testChain.getBlockNumber();
}

test("the demo agreement names Buyer, Seller and Lender on the record, workflow, claims and dashboard pages", async ({ page }) => {
  await page.goto(`/records/${demo.agreement}`);
  for (const [i, role] of ROLES.entries()) {
    await expect(page.getByRole("row", { name: new RegExp(`^#${i + 1} ${role} `) })).toBeVisible();
  }
  const timeline = page.getByRole("list", { name: "Events, newest first" });
  await expect(timeline.getByText("Token #1 (Buyer) claimed")).toBeVisible();
  await expect(timeline.getByText("Token #2 (Seller) claimed")).toBeVisible();
  await expect(timeline.getByText("Capability issued for token #3 (Lender)")).toBeVisible();
  await expect(page.getByText("Token #3 (Lender)", { exact: true })).toBeVisible(); // the capability list
  await expect(page.getByText(/\(token #2 \(Seller\)\) asks/)).toBeVisible(); // the payment request

  await page.goto(`/workflows/${WORKFLOW}`);
  await expect(page.getByText("Token #2 (Seller) claimed")).toBeVisible();

  await installWallet(page, "lender");
  await page.goto("/claims");
  await connectWallet(page);
  await expect(page.getByRole("heading", { name: /^Token #3 \(Lender\) of record/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Claim token #3 (Lender)" })).toBeVisible();
  await page.goto("/");
  await connectWallet(page);
  await expect(page.getByRole("link", { name: /^Token #3 \(Lender\) of record/ })).toBeVisible();
});

test("before completion the certificate says 'in progress' and which party has not claimed", async ({ page }) => {
  await page.goto(`/records/${demo.agreement}`);
  await page.getByRole("link", { name: "Open the certificate" }).click();
  await expect(page).toHaveURL(`/records/${demo.agreement}/certificate`);
  const certificate = page.getByRole("article", { name: "Certificate of completion" });
  await expect(certificate.getByRole("status")).toHaveText("In progress: 2 of 3 parties claimed");
  await expect(certificate.getByText("Not yet: the agreement is in progress.")).toBeVisible();
  const lender = certificate.getByRole("listitem").filter({ hasText: "Token #3 (Lender)" });
  await expect(lender).toContainText("Not claimed yet");
  await expect(lender).toContainText(ACCOUNTS.lender);
});

test("a completed agreement's certificate prints to PDF with every party's role, address, claim time and the hash", async ({ page }) => {
  const completedIn = await lenderCompletesTheAgreement();
  await page.goto(`/records/${demo.agreement}/certificate`);
  const certificate = page.getByRole("article", { name: "Certificate of completion" });
  await expect(certificate.getByRole("status")).toHaveText("Complete: all 3 parties claimed");
  await expect(certificate).toContainText(`block ${completedIn}`);
  for (const [i, role] of ROLES.entries()) {
    const party = certificate.getByRole("listitem").filter({ hasText: `Token #${i + 1} (${role})` });
    await expect(party).toContainText(/Claimed \d{1,2} \w{3} \d{4}/);
    await expect(party).toContainText("EAS attestation");
  }
  await expect(certificate.getByRole("img", { name: "QR code linking to this record's page" })).toBeVisible();

  // The title is private: added only with the passphrase.
  await page.getByText("Add the document's title (needs the passphrase)").click();
  await page.getByLabel("Passphrase").fill("harbour-demo");
  await page.getByRole("button", { name: "Show title and reference" }).click();
  await expect(certificate.getByText("Purchase agreement, 12 Harbour Lane")).toBeVisible();

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await expect(page.getByRole("navigation")).toBeHidden();
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const document = await getDocumentProxy(new Uint8Array(pdf));
  expect(document.numPages).toBeLessThanOrEqual(2);
  const { text } = await extractText(document, { mergePages: true });
  const flat = text.replace(/\s+/g, " ");
  expect(flat).toContain("Certificate of completion");
  expect(flat).toContain("Purchase agreement, 12 Harbour Lane");
  expect(flat).toContain("Complete: all 3 parties claimed");
  for (const [i, role] of ROLES.entries()) expect(flat).toContain(`Token #${i + 1} (${role})`);
  for (const party of [ACCOUNTS.buyer, ACCOUNTS.seller, ACCOUNTS.lender]) expect(flat.replace(/ /g, "")).toContain(party);
  const { contentHash } = await testChain.readContract({
    address: addresses.IntegraRecordV1,
    abi: integraRecordV1Abi,
    functionName: "getRecord",
    args: [demo.agreement],
  });
  expect(flat.replace(/ /g, "")).toContain(contentHash);
  expect(flat).not.toContain("Print or save as PDF");
});
