import type { Page } from "@playwright/test";
import { createEphemeralWallet } from "./ephemeral";
import { demo, expect, test } from "./fixtures";

/**
 * Strings that survive minification and are in no code of ours: wagmi's error class name and RainbowKit's test id
 * for its disconnect button. A script that carries one is wallet code.
 */
const WALLET_MARKERS = ["WagmiProviderNotFoundError", "disconnect-button"];

/** A string of the qrcode package's browser build (its argument check), in no code of ours. */
const QR_ENCODER_MARKER = "Callback required as last argument";

/** Every script the page downloads from now on, so a test can ask whether wallet code was among them. */
function watchScripts(page: Page) {
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.endsWith(".js")) bodies.push(response.text().catch(() => ""));
  });
  return {
    async walletCodeLoaded(): Promise<boolean> {
      const loaded = await Promise.all(bodies);
      return loaded.some((body) => WALLET_MARKERS.some((marker) => body.includes(marker)));
    },
    async qrEncoderLoaded(): Promise<boolean> {
      return (await Promise.all(bodies)).some((body) => body.includes(QR_ENCODER_MARKER));
    },
  };
}

test("read pages load no wallet code until Connect is clicked", async ({ page }) => {
  const scripts = watchScripts(page);
  for (const path of ["/verify", `/records/${demo.deed}`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expect(page.getByTestId("rk-connect-button")).toBeVisible();
    expect(await scripts.walletCodeLoaded(), `${path} loaded wallet code before anyone asked to connect`).toBe(false);
    // RainbowKit marks what it renders with data-rk: nothing of it is on the page.
    await expect(page.locator("[data-rk]")).toHaveCount(0);
  }

  await page.getByTestId("rk-connect-button").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("Connect a Wallet")).toBeVisible();
  await expect(dialog.getByRole("button", { name: /Ephemeral wallet/ })).toBeVisible();
  expect(await scripts.walletCodeLoaded(), "Connect loaded the wallet code").toBe(true);
});

test("a record page draws its QR code, and loads the encoder, only when asked", async ({ page }) => {
  const scripts = watchScripts(page);
  await page.goto(`/records/${demo.deed}`);
  const share = page.getByRole("button", { name: "Show QR code" });
  await expect(share).toHaveAttribute("aria-expanded", "false");
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("img", { name: "QR code of the link to this record" })).toHaveCount(0);
  expect(await scripts.qrEncoderLoaded(), "the QR encoder loaded before anyone asked for the code").toBe(false);

  await share.click();
  await expect(page.getByRole("img", { name: "QR code of the link to this record" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Hide QR code" })).toHaveAttribute("aria-expanded", "true");
  expect(await scripts.qrEncoderLoaded()).toBe(true);
});

test("a returning user's wallet reconnects by itself on a read page, and a disconnected one stays disconnected", async ({ browser }) => {
  const party = await createEphemeralWallet(browser);
  const page = party.page;
  const shortTail = party.address.slice(-4);

  await page.goto(`/records/${demo.deed}`);
  await expect(page.getByTestId("rk-account-button")).toContainText(shortTail);
  await page.reload();
  await expect(page.getByTestId("rk-account-button")).toContainText(shortTail);
  await page.goto("/verify");
  await expect(page.getByTestId("rk-account-button")).toContainText(shortTail);

  await page.getByTestId("rk-account-button").click();
  await page.getByTestId("rk-disconnect-button").click();
  await expect(page.getByTestId("rk-connect-button")).toBeVisible();

  const scripts = watchScripts(page);
  await page.reload();
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("rk-connect-button")).toBeVisible();
  await expect(page.getByTestId("rk-account-button")).toHaveCount(0);
  expect(await scripts.walletCodeLoaded(), "a disconnected wallet should not load the wallet stack on the next visit").toBe(false);
  await party.context.close();
});
