import { type Address, type Hex, decodeFunctionData, isAddressEqual, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { NotDeployedError, addDeployment, selectDeployment } from "@/lib/deployment";
import { forwardingContractsOn } from "@/lib/forwarder/forwardingContracts";
import { relayableCall } from "@/lib/forwarder/relayableCalls";
import type { IntegraDeployment } from "@/lib/generated/deployments";
import { easAbi } from "@/lib/generated/integra";
import { DEPLOYED_CONTRACT_NAMES } from "@/lib/sdk/deployment";
import { testDeployment } from "@/lib/sdk/testDeployment";
import { decodeContractCall } from "./decodeCall";
import { escrowCallsOn } from "./escrow";
import { integraCalls, integraCallsOn } from ".";

// Chain A (the default) at testDeployment's addresses; chain B at others, with schema UIDs of its own, as the local
// stack deploys them (chain B's deployer starts past chain A's nonces).
selectDeployment(testDeployment);
const CHAIN_B = 31338;
const chainB: IntegraDeployment = {
  chainId: CHAIN_B,
  deployBlock: 1,
  capabilitySchemaUid: `0x${"33".repeat(32)}`,
  conditionSchemaUid: `0x${"44".repeat(32)}`,
  addresses: Object.fromEntries(
    DEPLOYED_CONTRACT_NAMES.map((name, i) => [name, `0x${(0x2000 + i).toString(16).padStart(40, "0")}`]),
  ) as IntegraDeployment["addresses"],
};
addDeployment(chainB);

const a = testDeployment.addresses;
const b = chainB.addresses;
const hash = `0x${"ab".repeat(32)}` as Hex;
const someone = "0x976EA74026E726554dB657fA54763abd0C3a0aa9" as Address;

describe("calls for a record's chain", () => {
  it("address that chain's contracts and carry its id; the default calls stay the default chain's", () => {
    const onB = integraCallsOn(CHAIN_B);
    expect(onB.offerExecutor({ integraHash: hash, candidate: someone })).toMatchObject({ chainId: CHAIN_B, to: b.IntegraRecordV1 });
    expect(
      onB.requestPayment({ integraHash: hash, myToken: 2n, payer: someone, payerToken: 1n, encryptedAmount: "0x", deadline: 1n }),
    ).toMatchObject({ chainId: CHAIN_B, to: b.IntegraSignalV1, sponsored: true });
    expect(integraCalls.offerExecutor({ integraHash: hash, candidate: someone })).toMatchObject({
      chainId: testDeployment.chainId,
      to: a.IntegraRecordV1,
    });
    // On the default chain, integraCallsOn builds exactly integraCalls' calls.
    expect(integraCallsOn(testDeployment.chainId).openWorkflow({ workflowId: hash })).toEqual(
      integraCalls.openWorkflow({ workflowId: hash }),
    );
    expect(escrowCallsOn(CHAIN_B).refund({ escrowId: 1n })).toMatchObject({ chainId: CHAIN_B, to: b.IntegraEscrowV1 });
    expect(
      onB.executeForwarded({
        request: { from: someone, to: b.MultiPartyTokenizerV1, value: 0n, gas: 1n, nonce: 0n, deadline: 1, data: "0x", signature: "0x" },
      }).to,
    ).toBe(b.IntegraForwarderV1);
  });

  it("attest under that chain's schema UIDs, and allow the deposit to that chain's escrow", () => {
    const grant = integraCallsOn(CHAIN_B).issueCapability({
      integraHash: hash,
      tokenId: 1n,
      capabilities: 1n,
      recipient: someone,
      processHash: hash,
    });
    expect(grant.to).toBe(b.EAS);
    const { args } = decodeFunctionData({ abi: easAbi, data: grant.data });
    expect((args[0] as { schema: Hex }).schema).toBe(chainB.capabilitySchemaUid);
    const condition = escrowCallsOn(CHAIN_B).attestCondition({ integraHash: hash, condition: "inspection", statement: "passed" });
    expect((decodeFunctionData({ abi: easAbi, data: condition.data }).args[0] as { schema: Hex }).schema).toBe(chainB.conditionSchemaUid);
    const allowance = escrowCallsOn(CHAIN_B).approveAsset({ token: someone, amount: 5n });
    expect(allowance).toMatchObject({ chainId: CHAIN_B, to: someone });
    expect(allowance.data.toLowerCase()).toContain(b.IntegraEscrowV1.slice(2).toLowerCase());
  });

  it("sponsor a claim only on that chain's own tokenizers, as that chain's relayer checks", () => {
    const claim = (tokenizer: Address) =>
      integraCallsOn(CHAIN_B).claimToken({ integraHash: hash, tokenizer, tokenId: 1n, uid: hash, processHash: hash });
    const onB = claim(b.MultiPartyTokenizerV1);
    const chainATokenizer = claim(a.MultiPartyTokenizerV1);
    expect([onB.sponsored, chainATokenizer.sponsored]).toEqual([true, false]);
    const relayerOfB = forwardingContractsOn(CHAIN_B);
    expect([
      relayableCall(onB.to, onB.data, relayerOfB).ok,
      relayableCall(chainATokenizer.to, chainATokenizer.data, relayerOfB).ok,
    ]).toEqual([true, false]);
  });

  it("decode against the deployment of the call's chain", () => {
    const onB = integraCallsOn(CHAIN_B).registerWithParties({
      contentHash: hash,
      encryptedRef: "0x",
      tokenizer: b.MultiPartyTokenizerV1,
      executor: zeroAddress,
      processHash: hash,
      parties: [{ recipient: someone, amount: 1n, role: "Lender" }],
      openWorkflowId: hash,
    });
    const decoded = decodeContractCall(onB);
    expect({ contract: decoded.contract, functionName: decoded.functionName }).toEqual({
      contract: "IntegraRecordV1",
      functionName: "multicall",
    });
    expect(decoded.calls?.map((c) => c.functionName)).toEqual(["openWorkflow", "registerWithParties"]);
    // The same bytes said to be for the default chain go to no contract of its deployment.
    expect(decodeContractCall({ ...onB, chainId: testDeployment.chainId }).contract).toBe("unknown");
    expect(isAddressEqual(decodeContractCall({ ...onB, chainId: undefined }).to, b.IntegraRecordV1)).toBe(true);
  });

  it("are refused for a chain with no known deployment, when built", () => {
    const unknown = integraCallsOn(999);
    expect(() => unknown.openWorkflow({ workflowId: hash })).toThrow(NotDeployedError);
  });
});
