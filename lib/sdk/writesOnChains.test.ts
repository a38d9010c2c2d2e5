import type { Address, Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { addDeployment, selectDeployment } from "@/lib/deployment";
import type { IntegraDeployment } from "@/lib/generated/deployments";
import { integraCalls } from "@/lib/writes";
import { DEPLOYED_CONTRACT_NAMES } from "./deployment";
import { createIntegraClient } from "./index";
import { testDeployment } from "./testDeployment";
import { IntegraWriteError, callsOf, sendCall, tokenizerAddress } from "./writes";

selectDeployment(testDeployment);
const CHAIN_B = 31338;
const chainB: IntegraDeployment = {
  ...testDeployment,
  chainId: CHAIN_B,
  addresses: Object.fromEntries(
    DEPLOYED_CONTRACT_NAMES.map((name, i) => [name, `0x${(0x3000 + i).toString(16).padStart(40, "0")}`]),
  ) as IntegraDeployment["addresses"],
};
addDeployment(chainB);

// Nothing answers here: every check below is made before anything is asked of a node.
const signerOnB = {
  client: createIntegraClient("http://127.0.0.1:9", { chainId: CHAIN_B, retryCount: 0 }),
  account: privateKeyToAccount(`0x${"01".repeat(32)}`),
};
const hash = `0x${"ab".repeat(32)}` as Hex;
const someone = "0x976EA74026E726554dB657fA54763abd0C3a0aa9" as Address;

describe("the SDK's writes on the signer's chain", () => {
  it("build calls for the chain of the signer's client, addressed to that chain's deployment", () => {
    expect(signerOnB.client.chain?.id).toBe(CHAIN_B);
    expect(callsOf(signerOnB).offerExecutor({ integraHash: hash, candidate: someone })).toMatchObject({
      chainId: CHAIN_B,
      to: chainB.addresses.IntegraRecordV1,
    });
    expect(tokenizerAddress("multiParty", CHAIN_B)).toBe(chainB.addresses.MultiPartyTokenizerV1);
    expect(tokenizerAddress("multiParty")).toBe(testDeployment.addresses.MultiPartyTokenizerV1);
    expect(tokenizerAddress(someone, CHAIN_B)).toBe(someone);
  });

  it("refuse to send a call built for another chain through the signer's client", async () => {
    const forChainA = integraCalls.offerExecutor({ integraHash: hash, candidate: someone });
    const refused = sendCall(signerOnB, forChainA);
    await expect(refused).rejects.toBeInstanceOf(IntegraWriteError);
    await expect(refused).rejects.toMatchObject({ code: "WrongChain" });
  });
});
