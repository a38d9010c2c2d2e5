import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { ACCOUNTS, type AccountName, forwardToNode, testChain, testChainB } from "./anvil";
import { resetFaults } from "./faults";

/** What a test can do to its injected wallet while it runs. */
export interface WalletControl {
  address: string;
  /** The next signature requests are rejected, as a person clicking "Reject" would. */
  rejectSignatures(reject: boolean): void;
  /**
   * Runs `hook` once the node has accepted each transaction the wallet sends, before the app hears its hash: the
   * moment to make the network fail between submission and receipt.
   */
  afterSend(hook: ((hash: string) => Promise<void>) | undefined): void;
}

/**
 * An EIP-1193 provider injected before the page loads and announced by EIP-6963 as "Test Wallet". It answers
 * eth_accounts with [] until eth_requestAccounts (as a real wallet does) and forwards everything else to the anvil of
 * its network (chain B's when switched to it), which signs for its dev accounts. Runs in the page;
 * `__e2eWalletRequest` is the bridge to the test process.
 */
function injectProvider({ address, chainId }: { address: string; chainId: number }) {
  const listeners: Record<string, Array<(...args: unknown[]) => void>> = {};
  let connected = false;
  let currentChain = chainId;
  const emit = (event: string, ...args: unknown[]) => (listeners[event] ?? []).forEach((fn) => fn(...args));
  const bridge = (window as unknown as { __e2eWalletRequest: (payload: string) => Promise<string> }).__e2eWalletRequest;
  const provider = {
    async request({ method, params }: { method: string; params?: unknown[] }) {
      switch (method) {
        case "eth_accounts":
          return connected ? [address] : [];
        case "eth_requestAccounts":
        case "wallet_requestPermissions":
          connected = true;
          emit("accountsChanged", [address]);
          return method === "eth_requestAccounts" ? [address] : [{ parentCapability: "eth_accounts" }];
        case "wallet_revokePermissions":
          connected = false;
          emit("accountsChanged", []);
          return null;
        case "eth_chainId":
          return `0x${currentChain.toString(16)}`;
        case "net_version":
          return String(currentChain);
        case "wallet_switchEthereumChain": {
          // A person who declines the wallet's "switch network?" prompt (refuseChainSwitch).
          if ((window as unknown as { __e2eRefuseSwitch?: boolean }).__e2eRefuseSwitch) {
            throw Object.assign(new Error("User rejected the request."), { code: 4001 });
          }
          const next = (params?.[0] as { chainId: string }).chainId;
          currentChain = Number.parseInt(next, 16);
          emit("chainChanged", next);
          return null;
        }
      }
      const answer = JSON.parse(await bridge(JSON.stringify({ method, params, chainId: currentChain }))) as {
        result?: unknown;
        error?: { code: number; message: string; data?: unknown };
      };
      if (answer.error) throw Object.assign(new Error(answer.error.message), answer.error);
      return answer.result;
    },
    on(event: string, fn: (...args: unknown[]) => void) {
      (listeners[event] ??= []).push(fn);
    },
    removeListener(event: string, fn: (...args: unknown[]) => void) {
      listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn);
    },
  };
  const info = {
    uuid: "6f1b4a3e-1d2c-4e5f-8a9b-0c1d2e3f4a5b",
    name: "Test Wallet",
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'%3E%3Crect width='10' height='10' fill='%23334155'/%3E%3C/svg%3E",
    rdns: "dev.integra.testwallet",
  };
  const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
  (window as unknown as { ethereum: unknown }).ethereum = provider;
  // Lets a test move the wallet to another network, as a person would in the wallet's own UI.
  (window as unknown as { __e2eSetChain: (id: number) => void }).__e2eSetChain = (id: number) => {
    currentChain = id;
    emit("chainChanged", `0x${id.toString(16)}`);
  };
}

/** Moves the injected wallet to another network from outside the app. */
export async function switchWalletNetwork(page: Page, chainId: number): Promise<void> {
  await page.evaluate((id) => (window as unknown as { __e2eSetChain: (id: number) => void }).__e2eSetChain(id), chainId);
}

/** Makes the injected wallet decline (or again accept) every request to switch its network. */
export async function refuseChainSwitch(page: Page, refuse: boolean): Promise<void> {
  await page.evaluate((value) => ((window as unknown as { __e2eRefuseSwitch?: boolean }).__e2eRefuseSwitch = value), refuse);
}

const SIGNING_METHODS = new Set(["eth_sendTransaction", "personal_sign", "eth_sign", "eth_signTypedData_v4"]);

/** Installs the injected wallet for `account` in `page`; call before `page.goto`. */
export async function installWallet(page: Page, account: AccountName): Promise<WalletControl> {
  const address = ACCOUNTS[account];
  let reject = false;
  let afterSend: ((hash: string) => Promise<void>) | undefined;
  await page.exposeFunction("__e2eWalletRequest", async (payload: string) => {
    const { method, params, chainId } = JSON.parse(payload) as { method: string; params?: unknown[]; chainId: number };
    if (reject && SIGNING_METHODS.has(method)) return JSON.stringify({ error: { code: 4001, message: "User rejected the request." } });
    const answer = await forwardToNode(method, params ?? [], chainId);
    if (method === "eth_sendTransaction" && "result" in answer && afterSend) await afterSend(answer.result as string);
    return JSON.stringify(answer);
  });
  await page.addInitScript(injectProvider, { address, chainId: 31337 });
  return { address, rejectSignatures: (value) => (reject = value), afterSend: (hook) => (afterSend = hook) };
}

/** Connects the injected wallet through RainbowKit's modal, as a person would. */
export async function connectWallet(page: Page): Promise<void> {
  await page.getByTestId("rk-connect-button").first().click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("Connect a Wallet")).toBeVisible();
  await dialog.getByRole("button", { name: /Test Wallet/ }).click();
  await expect(page.getByTestId("rk-account-button")).toBeVisible();
}

export interface DemoRecords {
  deed: `0x${string}`;
  agreement: `0x${string}`;
  paymentId: string;
  /** The demo workflow's record on chain B (scripts/stack/seed.ts seedSecondChain): the lender's commitment letter. */
  secondChain: { chainId: number; commitment: `0x${string}` };
}

export const demo: DemoRecords = JSON.parse(process.env.E2E_DEMO ?? "{}") as DemoRecords;

/** Every test starts from the seeded chains (A and B) and a well-behaved RPC, and leaves them as it found them. */
export const test = base.extend<{ chainSnapshot: void }>({
  chainSnapshot: [
    async ({}, use) => {
      const [id, idB] = await Promise.all([testChain.snapshot(), testChainB.snapshot()]);
      await use();
      await resetFaults();
      await Promise.all([testChain.revert({ id }), testChainB.revert({ id: idB })]);
    },
    { auto: true },
  ],
});

/**
 * Waits until the transaction status in `scope` reaches its Confirmed step. The step list names every step all
 * along, so "Confirmed" in the text proves nothing; the current step (aria-current) is what counts.
 */
export async function expectConfirmed(scope: Locator, timeout = 30_000): Promise<void> {
  await expect(scope.locator('[aria-current="step"]')).toHaveText("Confirmed", { timeout });
}

export { expect };
