import { arrangeAgreement } from "./chain";
import { createEphemeralWallet, openFresh } from "./ephemeral";
import { connectWallet, expect, installWallet, test } from "./fixtures";

test("screens", async ({ browser, page: clerk }) => {
  const party = await createEphemeralWallet(browser);
  const other = await createEphemeralWallet(browser);
  const { integraHash } = await arrangeAgreement("screens", [party.address, other.address]);
  for (const width of [1280, 390]) {
    const page = await openFresh(party, `/claims?record=${integraHash}&token=1`);
    await page.setViewportSize({ width, height: 900 });
    await expect(page.getByText("Ready to claim.")).toBeVisible();
    await page.screenshot({ path: `/tmp/claims-${width}.png`, fullPage: true });
    await page.close();
  }
  const page = await openFresh(other, `/claims?record=${integraHash}&token=2`);
  await page.getByRole("radio", { name: /the clerk pays/ }).check();
  await page.getByRole("button", { name: "Sign a claim link for token #2" }).click();
  const link = (await page.getByTestId("signed-claim-link").textContent()) ?? "";
  await page.screenshot({ path: `/tmp/signed-390.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: `/tmp/signed-390b.png`, fullPage: true });
  await installWallet(clerk, "clerk");
  await clerk.goto(link);
  await connectWallet(clerk);
  await expect(clerk.getByText("Would succeed if submitted now.")).toBeVisible();
  await clerk.screenshot({ path: `/tmp/sponsor-1280.png`, fullPage: false });
  await clerk.getByRole("button", { name: "Submit and pay the fee from my wallet" }).click();
  await expect(clerk.getByText(/is done, paid by your wallet/)).toBeVisible();
  await clerk.screenshot({ path: `/tmp/sponsor-done-1280.png`, fullPage: false });
});
