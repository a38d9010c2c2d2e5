// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantChecks} from "./InvariantChecks.sol";

/// @notice The invariant campaign: random sequences of the handler's actions (the honest cast's and the
/// adversaries'), with every check of InvariantChecks asserted after each call.
contract IntegraInvariantTest is InvariantChecks {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    /// @notice forge reads these: only the handler's actions are called during invariant runs (never its views or
    /// its test-only entry points).
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](29);
        selectors[0] = handler.registerRecord.selector;
        selectors[1] = handler.reserve.selector;
        selectors[2] = handler.cancel.selector;
        selectors[3] = handler.sealParties.selector;
        selectors[4] = handler.attest.selector;
        selectors[5] = handler.revoke.selector;
        selectors[6] = handler.claim.selector;
        selectors[7] = handler.forwardedClaim.selector;
        selectors[8] = handler.forgeForwarded.selector;
        selectors[9] = handler.transferToken.selector;
        selectors[10] = handler.offerOwnership.selector;
        selectors[11] = handler.cancelOwnershipOffer.selector;
        selectors[12] = handler.acceptOwnership.selector;
        selectors[13] = handler.offerExecutor.selector;
        selectors[14] = handler.formerPrincipalStrikes.selector;
        selectors[15] = handler.attackerStrikes.selector;
        selectors[16] = handler.fakeTokenizerPlays.selector;
        selectors[17] = handler.requestPayment.selector;
        selectors[18] = handler.markPaid.selector;
        selectors[19] = handler.cancelPayment.selector;
        selectors[20] = handler.warp.selector;
        selectors[21] = handler.claimFlow.selector;
        selectors[22] = handler.acceptExecutorRole.selector;
        selectors[23] = handler.removeExecutor.selector;
        selectors[24] = handler.nameStrangerExecutor.selector;
        selectors[25] = handler.manageMembers.selector;
        selectors[26] = handler.squatWorkflow.selector;
        selectors[27] = handler.frontRunAccept.selector;
        selectors[28] = handler.floodPayments.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), selectors);
    }

    // ================================================================== invariants

    /// @dev Every token held was claimed by its holder, or moved by its holder afterwards, and every claim used an
    /// attestation for that claimant, record and token, with CLAIM, live, unrevoked, and issued in the record's
    /// authority epoch current at claim time.
    function invariant_TokensHeldOnlyByClaimOrHolderMove() public view {
        (bool ok, string memory why) = checkHolders();
        assertTrue(ok, why);
    }

    /// @dev After a transfer or an executor change no earlier principal can reserve, cancel, seal, attest, appoint
    /// or offer; the registry's authority matches the transfers and appointments that succeeded; attestations
    /// carry the epoch they were issued in, and only those of the current epoch are alive.
    function invariant_EarlierPrincipalsHaveNoPower() public view {
        (bool ok, string memory why) = checkAuthority();
        assertTrue(ok, why);
    }

    /// @dev Every event the Integra contracts emitted for a record has topic1 = integraHash and topic2 = that
    /// record's processHash, and a tokenizer only emits for records bound to it. A workflow's own events (opened,
    /// member admitted or removed) have topic1 zero and topic2 a workflow that was opened.
    function invariant_EventsCarryTheirRecordsProcessHash() public view {
        (bool ok, string memory why) = checkEvents();
        assertTrue(ok, why);
    }

    /// @dev No agreement is complete unless its party set is sealed and every seat of it (the live reservations
    /// when sealed) is claimed; it is complete as soon as that holds, with one DocumentComplete. The party-set rules
    /// the handler records as V_RULES violations are asserted here too: no claim before the seal or while a place is
    /// vacant, no new token id after the seal, no change to the set after its first claim.
    function invariant_CompleteOnlyWhenSealedAndAllClaimed() public view {
        (bool ok, string memory why) = checkCompletion();
        assertTrue(ok, why);
    }

    /// @dev Every PaymentRequested names a requestor and a payer who are consenting parties (claimed their token
    /// themselves and held it at request time) of a record of an official tokenizer; statuses follow the calls.
    function invariant_PaymentsOnlyBetweenConsentingParties() public view {
        (bool ok, string memory why) = checkPayments();
        assertTrue(ok, why);
    }

    /// @dev No token is ever held by the forwarder, a relayer, the attacker or the fake tokenizer.
    function invariant_NoTokenHeldByOutsiders() public view {
        (bool ok, string memory why) = checkOutsiders();
        assertTrue(ok, why);
    }

    /// @dev Forwarder nonces count executed requests only; no forged, tampered, expired or replayed one executed.
    function invariant_ForwarderNoncesCountExecutedRequestsOnly() public view {
        (bool ok, string memory why) = checkNonces();
        assertTrue(ok, why);
    }

    /// @dev Nothing the attacker, the fake tokenizer, a stranger or a re-entering receiver must not do succeeded.
    function invariant_AdversariesGetNothing() public view {
        (bool ok, string memory why) = checkAdversaries();
        assertTrue(ok, why);
    }

    /// @dev Every tracked account's paged views (reservationsOf on each official tokenizer, recordsOwnedBy, offersTo,
    /// grantsTo) read in full equal the ghost: the tokens reserved for or claimed by it (status, amount, workflow,
    /// role), the records it owns, the offers pending to it, the attestations issued to it (revocation and current
    /// authority included); and pages of one, deduplicated, add up to the full read. One invariant for the three
    /// checks, to keep the campaign count (and the suite's run time) down; and fewer runs than the default, as the
    /// checks read every tracked account's lists page by page after every call.
    /// forge-config: default.invariant.runs = 16
    function invariant_AccountViewsMatchTheLedger() public view {
        (bool ok, string memory why) = checkAccountReservations();
        assertTrue(ok, why);
        (ok, why) = checkAccountRecords();
        assertTrue(ok, why);
        (ok, why) = checkAccountGrants();
        assertTrue(ok, why);
    }

    /// @dev A workflow belongs to its owner: every TokenClaimed and DocumentComplete whose processHash P is not zero
    /// comes from a record registered by P's owner or a then-member of P (the handler tracks who registered each
    /// record and the membership at the time); only the owner admits and removes members; the chain's workflows
    /// (owner, members) are the ones the handler saw opened, admitted and removed; a workflow id opened by another
    /// owner is another workflow.
    function invariant_WorkflowsTakeRecordsOnlyFromTheirMembers() public view {
        (bool ok, string memory why) = checkWorkflows();
        assertTrue(ok, why);
    }

    /// @dev No address ever has executor authority on a record without having called acceptExecutorRole for it: a
    /// stranger named executor (at registration or by an offer) has none, nobody accepts for it, and the pending
    /// offers on chain are the ones the handler made.
    function invariant_ExecutorsHaveConsented() public view {
        (bool ok, string memory why) = checkExecutorConsent();
        assertTrue(ok, why);
    }

    /// @dev An accept never succeeds when the record's version differs from the one it names (in particular when the
    /// seller changed the record between the offer and the accept), and recordVersionOf counts exactly the registry's
    /// and the tokenizer's changes that succeeded.
    function invariant_AcceptsNameTheCurrentVersion() public view {
        (bool ok, string memory why) = checkVersions();
        assertTrue(ok, why);
    }

    /// @dev Pending requests per (requestor, payer, record) never exceed MAX_PENDING_PER_PAIR, expired ones counted
    /// until cancelled; the chain's count is the ghost's; no over-long ciphertext was taken.
    function invariant_PendingRequestsPerPairBounded() public view {
        (bool ok, string memory why) = checkPaymentBounds();
        assertTrue(ok, why);
    }
}
