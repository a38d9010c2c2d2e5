import { type Address, type Hex, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { selectDeployment } from "@/lib/deployment";
import { testDeployment } from "@/lib/sdk/testDeployment";
import { multiPartyTokenizer, ownershipTokenizer } from "@/lib/contracts";
import { relayableCall } from "@/lib/forwarder/relayableCalls";
import { type ContractCall, integraCalls } from ".";
import { escrowCalls } from "./escrow";

// Distinct addresses for every contract, whatever the checkout has deployed (a clean one has none); chosen before
// the calls below are encoded.
selectDeployment(testDeployment);

const hash = `0x${"ab".repeat(32)}` as Hex;
const someone = "0x976EA74026E726554dB657fA54763abd0C3a0aa9" as Address;
const foreignTokenizer = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955" as Address;
const party = { integraHash: hash, tokenId: 1n, uid: hash, processHash: hash };

/** One call of every encoder, and the claims on each tokenizer, a sender might send. */
const calls: Record<string, ContractCall> = {
  registerWithParties: integraCalls.registerWithParties({
    contentHash: hash,
    encryptedRef: "0x",
    tokenizer: multiPartyTokenizer.address,
    executor: zeroAddress,
    processHash: hash,
    parties: [{ recipient: someone, amount: 1n, role: "Buyer" }],
    openWorkflowId: hash,
  }),
  openWorkflow: integraCalls.openWorkflow({ workflowId: hash }),
  admitMember: integraCalls.admitMember({ processHash: hash, member: someone }),
  removeMember: integraCalls.removeMember({ processHash: hash, member: someone }),
  reserveToken: integraCalls.reserveToken({ ...party, tokenizer: multiPartyTokenizer.address, recipient: someone, amount: 1n, role: "" }),
  cancelReservation: integraCalls.cancelReservation({ integraHash: hash, tokenizer: multiPartyTokenizer.address, tokenId: 1n }),
  sealParties: integraCalls.sealParties({ integraHash: hash, tokenizer: multiPartyTokenizer.address }),
  "claimToken (multi-party)": integraCalls.claimToken({ ...party, tokenizer: multiPartyTokenizer.address }),
  "claimToken (ownership)": integraCalls.claimToken({ ...party, tokenizer: ownershipTokenizer.address }),
  "claimToken (another tokenizer)": integraCalls.claimToken({ ...party, tokenizer: foreignTokenizer }),
  issueCapability: integraCalls.issueCapability({
    integraHash: hash,
    tokenId: 1n,
    capabilities: 1n,
    recipient: someone,
    processHash: hash,
  }),
  issueCapabilities: integraCalls.issueCapabilities({
    grants: [{ integraHash: hash, tokenId: 1n, capabilities: 1n, recipient: someone, processHash: hash }],
  }),
  revokeCapability: integraCalls.revokeCapability({ uid: hash }),
  offerOwnership: integraCalls.offerOwnership({ integraHash: hash, newOwner: someone, reason: "sale" }),
  withdrawOwnershipOffer: integraCalls.withdrawOwnershipOffer({ integraHash: hash }),
  acceptOwnership: integraCalls.acceptOwnership({ integraHash: hash, version: 1n }),
  offerExecutor: integraCalls.offerExecutor({ integraHash: hash, candidate: someone }),
  acceptExecutorRole: integraCalls.acceptExecutorRole({ integraHash: hash }),
  removeExecutor: integraCalls.removeExecutor({ integraHash: hash }),
  requestPayment: integraCalls.requestPayment({
    integraHash: hash,
    myToken: 2n,
    payer: someone,
    payerToken: 1n,
    encryptedAmount: "0x1234",
    deadline: 1n,
  }),
  markPaid: integraCalls.markPaid({ paymentId: 1n }),
  cancelPayment: integraCalls.cancelPayment({ paymentId: 1n }),
  openEscrow: escrowCalls.openEscrow({
    integraHash: hash,
    asset: someone,
    amount: 1n,
    payerTokenId: 1,
    payeeTokenId: 2,
    refundAfter: 1,
    approvers: { tokenIds: [1, 2], required: 2 },
  }),
  "deposit (ether)": escrowCalls.deposit({ escrowId: 1n, etherValue: 1n }),
  "deposit (allowance)": escrowCalls.deposit({ escrowId: 1n }),
  depositWithPermit: escrowCalls.depositWithPermit({ escrowId: 1n, permit: { deadline: 1n, v: 27, r: hash, s: hash } }),
  approveRelease: escrowCalls.approveRelease({ escrowId: 1n, tokenId: 1n }),
  release: escrowCalls.release({ escrowId: 1n }),
  refund: escrowCalls.refund({ escrowId: 1n }),
  raiseDispute: escrowCalls.raiseDispute({ escrowId: 1n }),
  "raiseDispute (with a fee)": escrowCalls.raiseDispute({ escrowId: 1n, fee: 1n }),
  withdrawPayout: escrowCalls.withdrawPayout({ escrowId: 1n }),
  attestCondition: escrowCalls.attestCondition({ integraHash: hash, condition: "inspection", statement: "passed" }),
  revokeCondition: escrowCalls.revokeCondition({ uid: hash }),
  // Submitting someone's signed request is paid by whoever submits it.
  executeForwarded: integraCalls.executeForwarded({
    request: {
      from: someone,
      to: multiPartyTokenizer.address,
      value: 0n,
      gas: 100_000n,
      nonce: 0n,
      deadline: 1,
      data: "0x",
      signature: "0x",
    },
  }),
};

describe("integraCalls' sponsored flag", () => {
  it("is set on exactly the calls the relayer's own check accepts", () => {
    const flagged = Object.entries(calls).map(([name, call]) => [name, call.sponsored]);
    // A sponsored request never carries ether (checkForwardRequest's value check): a call with a value is not one.
    const accepted = Object.entries(calls).map(([name, call]) => [name, relayableCall(call.to, call.data).ok && !call.value]);
    expect(flagged).toEqual(accepted);
    expect(flagged.filter(([, sponsored]) => sponsored).map(([name]) => name)).toEqual([
      "claimToken (multi-party)",
      "claimToken (ownership)",
      "requestPayment",
      "markPaid",
      "cancelPayment",
      "depositWithPermit",
      "approveRelease",
      "raiseDispute",
    ]);
  });
});
