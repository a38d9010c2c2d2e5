import { readFileSync } from "node:fs";
import path from "node:path";
import { type Address, type Hex, keccak256, stringToHex } from "viem";
import type { Page } from "@playwright/test";
import { multiPartyTokenizerV1Abi } from "@/lib/generated/integra";
import { LOCAL_RELAYER_ADDRESS } from "@/lib/relay/localRelayerKey";
import { DEMO_WORKFLOW } from "@/scripts/stack/seed.ts";
import { ACCOUNTS, CHAIN_B_ID, testChainB } from "./anvil";
import { registerAgreement } from "./chain";
import { DEMO_PROCESS } from "./demo";
import { createEphemeralWallet, openFresh } from "./ephemeral";
import { setFaults } from "./faults";
import { connectWallet, demo, expect, expectConfirmed, installWallet, refuseChainSwitch, switchWalletNetwork, test } from "./fixtures";

/** Chain B's own deployment: its contracts are at other addresses than chain A's. */
const chainB = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "contracts", "deployments", `${CHAIN_B_ID}.json`), "utf8")) as {
  addresses: Record<string, Address>;
};
const tokenizerB = { address: chainB.addresses.MultiPartyTokenizerV1, abi: multiPartyTokenizerV1Abi } as const;

const CHAIN_A_NAME = "Local chain (anvil)";
const CHAIN_B_NAME = "Local chain B (anvil)";

const escrowInstructions = {
  name: "escrow-instructions-12-harbour-lane.txt",
  mimeType: "text/plain",
  buffer: Buffer.from("ESCROW INSTRUCTIONS\n12 Harbour Lane\nFunds held by the title company until the deed records.\n"),
};
const titleCommitment = {
  name: "title-commitment-12-harbour-lane.txt",
  mimeType: "text/plain",
  buffer: Buffer.from("TITLE COMMITMENT\n12 Harbour Lane\nSchedule B-I: the escrow officer signs the closing statement.\n"),
};

/** The record link on the workflow page: its hash as the records list shortens it. */
const recordRow = (page: Page, integraHash: Hex) =>
  page.getByRole("listitem").filter({
    has: page.getByRole("link", { name: `${integraHash.slice(0, 10)}…${integraHash.slice(-8)}`, exact: true }),
  });

/**
 * From /register, the title company registers one document into its demo workflow on `chain` (by the Chain select),
 * reserving token #1 for `party` in `role`; returns the new record's hash from the page it lands on.
 */
async function registerFromForm(
  page: Page,
  file: typeof escrowInstructions,
  chain: string,
  party: { address: string; role: string },
): Promise<{ integraHash: Hex; url: string }> {
  await page.goto("/register");
  await connectWallet(page);
  await page.getByLabel(/Choose or drop the document to register/).setInputFiles(file);
  await expect(page.getByText(/^SHA-256 0x/)).toBeVisible();
  await page.getByLabel("Chain", { exact: true }).selectOption({ label: chain });
  await page.getByLabel("Multi-party (ERC-1155)").check();
  await page.getByLabel("Workflow name").fill(DEMO_WORKFLOW);
  await page.getByLabel("Role", { exact: true }).first().fill(party.role);
  await page.getByLabel(`Address of ${party.role}`).fill(party.address);
  await page.getByRole("button", { name: "Register and reserve 1 token" }).click();
  await expect(page).toHaveURL(/\/records\/0x[0-9a-f]{64}(\?chain=\d+)?$/, { timeout: 30_000 });
  const url = new URL(page.url());
  return { integraHash: url.pathname.split("/").pop() as Hex, url: url.pathname + url.search };
}

test("one workflow across two chains: registered on A and B from /register, claimed gaslessly on B, followed on one page while B is down", async ({
  page,
  browser,
}) => {
  // About 40 s on an idle machine: two registrations, a capability, a relayed claim and an outage. Headroom for a busy one.
  test.setTimeout(90_000);
  // The party's own browser, with an ephemeral wallet that never held ether on either chain.
  const party = await createEphemeralWallet(browser);
  expect(await testChainB.getBalance({ address: party.address })).toBe(0n);

  // (a) The title company, which owns the demo workflow on both chains, registers into it on A, then on B.
  await installWallet(page, "titleCompany");
  const onA = await registerFromForm(page, escrowInstructions, CHAIN_A_NAME, { address: ACCOUNTS.partyA, role: "Surveyor" });
  // A record of the default chain keeps the links it always had: no chain in them.
  expect(onA.url).toBe(`/records/${onA.integraHash}`);
  const onB = await registerFromForm(page, titleCommitment, CHAIN_B_NAME, { address: party.address, role: "Escrow officer" });
  expect(onB.url).toBe(`/records/${onB.integraHash}?chain=${CHAIN_B_ID}`);
  await expect(page.getByText("You are this record's owner.")).toBeVisible();
  const [statusB, reservedForB] = await testChainB.readContract({
    ...tokenizerB,
    functionName: "tokenStatus",
    args: [onB.integraHash, 1n],
  });
  expect([statusB, reservedForB.toLowerCase()]).toEqual([1, party.address.toLowerCase()]);

  // On B's record page, the claim capability is issued on B, and the claim link names B. A wallet moved back to A that
  // declines to switch is told why in words, and nothing is sent; accepting, the same click goes through on B.
  await switchWalletNetwork(page, 31337);
  await refuseChainSwitch(page, true);
  await page.getByText(/Capability and claim link for token #1/).click();
  await page.getByRole("button", { name: "Issue claim capability" }).click();
  await expect(page.getByText(`Your wallet did not switch to ${CHAIN_B_NAME}: this record is on that chain.`)).toBeVisible();
  await refuseChainSwitch(page, false);
  await page.getByRole("button", { name: "Issue claim capability" }).click();
  await expectConfirmed(page.getByRole("status").filter({ hasText: "Issue the CLAIM capability for token #1" }));
  const shownLink = await page.getByText(new RegExp(`/claims\\?record=${onB.integraHash}&token=1&chain=${CHAIN_B_ID}$`)).textContent();
  const claimLink = new URL(shownLink ?? "");

  // (b) The party opens the link in a fresh page and claims on B through B's relayer: no ether, no transaction of its own.
  const relayerNonceB = await testChainB.getTransactionCount({ address: LOCAL_RELAYER_ADDRESS });
  const claimPage = await openFresh(party, claimLink.pathname + claimLink.search);
  const card = claimPage.getByRole("article", {
    name: new RegExp(`^Token #1 \\(Escrow officer\\) of record .* on ${CHAIN_B_NAME.replace(/[()]/g, "\\$&")}$`),
  });
  await expect(card.getByText("Ready to claim.")).toBeVisible();
  await expect(card.getByRole("radio", { name: /sponsored by the Integra relayer/ })).toBeChecked();
  await card.getByRole("button", { name: "Claim token #1 (Escrow officer)" }).click();
  await expect(card.getByText(/Already claimed/)).toBeVisible({ timeout: 30_000 });
  await expect(card.getByText(`No ether needed: the network fee is sponsored by the relayer ${LOCAL_RELAYER_ADDRESS}.`)).toBeVisible();
  const [claimedStatus] = await testChainB.readContract({ ...tokenizerB, functionName: "tokenStatus", args: [onB.integraHash, 1n] });
  expect(claimedStatus).toBe(2);
  const erc1155Id = await testChainB.readContract({ ...tokenizerB, functionName: "erc1155IdOf", args: [onB.integraHash, 1n] });
  expect(await testChainB.readContract({ ...tokenizerB, functionName: "balanceOf", args: [party.address, erc1155Id] })).toBe(1n);
  expect(await testChainB.getBalance({ address: party.address })).toBe(0n);
  expect(await testChainB.getTransactionCount({ address: party.address })).toBe(0);
  expect(await testChainB.getTransactionCount({ address: LOCAL_RELAYER_ADDRESS })).toBe(relayerNonceB + 1);
  await party.context.close();

  // (c) The workflow page follows both chains: each record and event names its chain.
  await page.goto(`/workflows/${DEMO_PROCESS}`);
  await expect(recordRow(page, onA.integraHash)).toContainText(`on ${CHAIN_A_NAME}`);
  await expect(recordRow(page, onB.integraHash)).toContainText(`on ${CHAIN_B_NAME}`);
  await expect(recordRow(page, demo.secondChain.commitment)).toContainText(`on ${CHAIN_B_NAME}`);
  const chains = page.getByRole("list", { name: "Chains of this workflow" });
  // On B: the seeded commitment letter (its lender has not claimed) and the new record, complete with its one claim.
  await expect(chains.getByRole("listitem").filter({ hasText: CHAIN_B_NAME })).toContainText("2 records registered, 1 complete");
  const timeline = page.getByRole("list", { name: "Events, newest first" });
  await expect(timeline.getByText(`on ${CHAIN_A_NAME}`).first()).toBeVisible();
  await expect(timeline.getByText(`on ${CHAIN_B_NAME}`).first()).toBeVisible();
  await page.screenshot({ path: "test-results/workflow-across-chains.png", fullPage: true });

  // (d) Chain B's node stops answering the app: the page says so, keeps B's records as last read, and A stays live.
  await setFaults({ mode: "down" }, "B");
  await expect(page.getByRole("alert").filter({ hasText: `${CHAIN_B_NAME} is unreachable` })).toBeVisible();
  const later = await registerAgreement("titleCompany", keccak256(stringToHex("e2e/workflow-across-chains/during-b-outage")), DEMO_PROCESS);
  await expect(recordRow(page, later)).toContainText(`on ${CHAIN_A_NAME}`);
  await expect(recordRow(page, onB.integraHash)).toContainText(`on ${CHAIN_B_NAME}`);
  await expect(chains.getByRole("listitem").filter({ hasText: CHAIN_B_NAME })).toContainText("unreachable");
  await expect(page.getByRole("alert").filter({ hasText: `${CHAIN_A_NAME} is unreachable` })).toHaveCount(0);
  await page.screenshot({ path: "test-results/workflow-across-chains-b-down.png", fullPage: true });
});
