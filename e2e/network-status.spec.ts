import { testChain } from "./anvil";
import { setFaults } from "./faults";
import { expect, test } from "./fixtures";

test("/status names the chain's latest block, says when the chain cannot be reached, and recovers by itself", async ({ page }) => {
  await page.goto("/status");
  const status = page.getByRole("status").filter({ hasText: /block|reach/ });
  await expect(status).toContainText(`Latest block ${await testChain.getBlockNumber()} on`);

  await setFaults({ mode: "down" });
  // The probe asks again every 10 s while the chain answers.
  await expect(status).toContainText("Can't reach", { timeout: 20_000 });

  await setFaults({ mode: "pass" });
  await expect(status).toContainText("Latest block", { timeout: 20_000 });
});
