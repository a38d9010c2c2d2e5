import { defineConfig } from "@playwright/test";

/**
 * E2E against `next start` on :3000 and one anvil on :8545, both started by scripts/e2e.ts (which builds
 * the app once after deploying, so the build carries the deployed addresses). Each test reverts the chain
 * to the seeded snapshot (see e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: "http://localhost:3000",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
    trace: "retain-on-failure",
  },
});
