import { readFileSync } from "node:fs";
import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { addDeployment } from "@/lib/deployment";
import type { IntegraDeployment } from "@/lib/generated/deployments";
import { checkProofOffline } from "./checkProof";
import { type ProofBundle, parseProofBundleText } from "./proofBundle";

// The demo agreement's proof (made on chain 31337), relabelled below as made on other chains.
const FIXTURE = readFileSync(new URL("./fixtures/demo-agreement.proof.json", import.meta.url), "utf8");
const original = (): ProofBundle => parseProofBundleText(FIXTURE);

/** A deployment on `chainId` with the proof's contracts at `contracts` (the others at made-up addresses). */
function deploymentOf(chainId: number, contracts: ProofBundle["contracts"]): IntegraDeployment {
  const other = (n: number): Address => `0x${(0xc000 + n).toString(16).padStart(40, "0")}`;
  return {
    chainId,
    deployBlock: 1,
    capabilitySchemaUid: original().capabilitySchemaUid,
    conditionSchemaUid: `0x${"22".repeat(32)}`,
    addresses: {
      EAS: contracts.eas,
      SchemaRegistry: other(0),
      IntegraRecordV1: contracts.registry,
      IntegraCapabilityResolverV1: contracts.capabilityResolver,
      OwnershipTokenizerV1: contracts.ownershipTokenizer,
      MultiPartyTokenizerV1: contracts.multiPartyTokenizer,
      IntegraSignalV1: contracts.signal,
      IntegraForwarderV1: other(1),
      OwnerAllowlistResolverV1: contracts.allowlistResolver,
      IntegraEscrowV1: other(2),
    },
  };
}

const ELSEWHERE: ProofBundle["contracts"] = {
  registry: "0x000000000000000000000000000000000000d001",
  ownershipTokenizer: "0x000000000000000000000000000000000000d002",
  multiPartyTokenizer: "0x000000000000000000000000000000000000d003",
  capabilityResolver: "0x000000000000000000000000000000000000d004",
  signal: "0x000000000000000000000000000000000000d005",
  allowlistResolver: "0x000000000000000000000000000000000000d006",
  eas: "0x000000000000000000000000000000000000d007",
};

// Chain 31338 has the proof's contracts at the same addresses; chain 31339 has its own elsewhere.
addDeployment(deploymentOf(31338, original().contracts));
addDeployment(deploymentOf(31339, ELSEWHERE));

/** The chain and contract checks of `bundle` relabelled as made on `chainId`, held to the checker's own deployments. */
function chainChecks(chainId: number) {
  const checks = checkProofOffline({ ...original(), chainId });
  return Object.fromEntries(checks.filter((c) => c.id === "chain" || c.id === "contracts").map((c) => [c.id, c]));
}

describe("a proof is checked against the deployment of its own chain", () => {
  it("passes on a chain whose deployment has the proof's contracts", () => {
    const { chain, contracts } = chainChecks(31338);
    expect(chain.ok).toBe(true);
    expect(chain.detail).toContain("chain 31338 (Local chain B (anvil))");
    expect(contracts.ok).toBe(true);
  });

  it("fails the contract check against that chain's own contracts, not the default chain's", () => {
    const { chain, contracts } = chainChecks(31339);
    expect(chain.ok).toBe(true);
    expect(contracts.ok).toBe(false);
    expect(contracts.detail).toContain(`this chain's Integra registry is ${ELSEWHERE.registry}`);
  });

  it("fails the chain check for a chain it knows no deployment of", () => {
    const { chain } = chainChecks(1);
    expect(chain.ok).toBe(false);
    expect(chain.detail).toMatch(/^chainId is 1, but this checker reads chain 31337/);
  });
});
