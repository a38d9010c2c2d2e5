import { describe, expect, it } from "vitest";
import { addDeployment, deploymentChainId, selectDeployment } from "@/lib/deployment";
import { testDeployment } from "@/lib/sdk/testDeployment";
import { chooseDeployment, deploymentForChain } from "./deploymentChoice";

describe("deploymentForChain", () => {
  it("with no --deployment or --chain, an RPC of another chain the program knows uses that chain's deployment", () => {
    selectDeployment({ ...testDeployment, chainId: 31337 });
    addDeployment({ ...testDeployment, chainId: 31338 });
    chooseDeployment({ deploymentFiles: [] });
    deploymentForChain(31338, "http://127.0.0.1:8555");
    expect(deploymentChainId).toBe(31338);
    // A chain it knows no deployment for is still refused, naming both chains.
    expect(() => deploymentForChain(999, "http://127.0.0.1:9999")).toThrow(
      /serves chain 999 .*but the deployment in use is on chain 31338/,
    );
  });

  it("a deployment chosen by --chain is kept: an RPC of another chain is refused", () => {
    addDeployment({ ...testDeployment, chainId: 31337 });
    chooseDeployment({ deploymentFiles: [], chain: "31337" });
    expect(() => deploymentForChain(31338, "http://127.0.0.1:8555")).toThrow(/serves chain 31338 .*on chain 31337/);
  });
});
