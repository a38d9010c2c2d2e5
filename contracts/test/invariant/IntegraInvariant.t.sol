// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraFixture} from "../utils/IntegraFixture.sol";
import {IntegraHandler} from "./IntegraHandler.sol";
import {IntegraSignalV1} from "../../src/IntegraSignalV1.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";

/// @notice Invariants of the reserve / attest / claim / payment state machine under random sequences of actions
/// by a fixed set of actors on two ownership records and two multi-party records.
contract IntegraInvariantTest is IntegraFixture {
    IntegraHandler internal handler;

    function setUp() public override {
        super.setUp();
        bytes32[] memory records = new bytes32[](4);
        records[0] = _register(address(ownership));
        records[1] = _register(address(ownership));
        records[2] = _register(address(multiParty));
        records[3] = _register(address(multiParty));

        address[] memory actors = new address[](5);
        (actors[0], actors[1], actors[2], actors[3], actors[4]) = (owner, executor, alice, bob, carol);

        handler =
            new IntegraHandler(registry, eas, capabilitySchema, ownership, multiParty, signal, PROCESS, actors, records);
    }

    /// @notice forge reads this selector: only the handler is called during invariant runs.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    // ------------------------------------------------------------------ invariants

    /// @dev progressOf never reports more claimed than reserved, and both match the token statuses.
    function invariant_ClaimedNeverExceedsReserved() public view {
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            IntegraTokenizerBase tokenizer = handler.tokenizerOf(records[r]);
            (uint256 reserved, uint256 claimed,) = tokenizer.progressOf(records[r]);
            assertLe(claimed, reserved, "claimed > reserved");

            uint256[] memory ids = tokenizer.tokenIdsOf(records[r]);
            uint256 live;
            uint256 done;
            for (uint256 i; i < ids.length; ++i) {
                (IntegraTokenizerBase.TokenStatus status,,,) = tokenizer.tokenStatus(records[r], ids[i]);
                if (status == IntegraTokenizerBase.TokenStatus.Reserved) live++;
                if (status == IntegraTokenizerBase.TokenStatus.Claimed) done++;
                assertTrue(status != IntegraTokenizerBase.TokenStatus.None, "listed id without a reservation");
            }
            assertEq(reserved, live + done, "reserved != live reservations");
            assertEq(claimed, done, "claimed != claimed tokens");
        }
    }

    /// @dev The ERC-1155 supply of every role, summed over all actors, is the claimed amount (zero if unclaimed).
    function invariant_MintedBalancesEqualClaimedAmounts() public view {
        bytes32[] memory records = handler.records();
        address[] memory actors = handler.actors();
        for (uint256 r; r < records.length; ++r) {
            if (address(handler.tokenizerOf(records[r])) != address(multiParty)) continue;
            uint256[] memory ids = multiParty.tokenIdsOf(records[r]);
            for (uint256 i; i < ids.length; ++i) {
                (IntegraTokenizerBase.TokenStatus status,, uint256 amount,) = multiParty.tokenStatus(records[r], ids[i]);
                uint256 erc1155Id = multiParty.erc1155IdOf(records[r], ids[i]);
                uint256 supply;
                for (uint256 a; a < actors.length; ++a) {
                    supply += multiParty.balanceOf(actors[a], erc1155Id);
                }
                assertEq(supply, status == IntegraTokenizerBase.TokenStatus.Claimed ? amount : 0, "supply != claimed");
            }
        }
    }

    /// @dev A claimed ownership token has exactly one holder, the one the handler tracked; unclaimed has none.
    function invariant_OwnershipTokenHasExactlyOneHolder() public view {
        bytes32[] memory records = handler.records();
        address[] memory actors = handler.actors();
        uint256 claimedDeeds;
        for (uint256 r; r < records.length; ++r) {
            if (address(handler.tokenizerOf(records[r])) != address(ownership)) continue;
            (IntegraTokenizerBase.TokenStatus status,,,) = ownership.tokenStatus(records[r], 1);
            bool claimed = status == IntegraTokenizerBase.TokenStatus.Claimed;
            uint256 holders;
            for (uint256 a; a < actors.length; ++a) {
                if (ownership.isHolder(records[r], 1, actors[a])) holders++;
            }
            assertEq(holders, claimed ? 1 : 0, "holders of an ownership token");
            if (claimed) {
                claimedDeeds++;
                assertEq(ownership.ownerOf(ownership.erc721IdOf(records[r])), handler.deedHolder(records[r]), "ownerOf");
            } else {
                assertEq(handler.deedHolder(records[r]), address(0), "holder of an unclaimed deed");
            }
        }
        uint256 balances;
        for (uint256 a; a < actors.length; ++a) {
            balances += ownership.balanceOf(actors[a]);
        }
        assertEq(balances, claimedDeeds, "ERC-721 balances != claimed deeds");
    }

    /// @dev DocumentComplete fires at most once per record, only when reserved == claimed > 0, and always then.
    function invariant_DocumentCompleteOnceAndOnlyWhenAllClaimed() public view {
        assertEq(handler.badCompleteEvents(), 0, "DocumentComplete at the wrong time");
        assertEq(handler.silentCompletions(), 0, "completed without DocumentComplete");
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            (uint256 reserved, uint256 claimed, bool complete) = handler.tokenizerOf(records[r]).progressOf(records[r]);
            assertEq(handler.completeEvents(records[r]), complete ? 1 : 0, "DocumentComplete count");
            if (complete) {
                assertTrue(claimed > 0 && claimed == reserved, "complete but not all claimed");
            }
        }
    }

    /// @dev None -> Pending -> {Paid, Cancelled, Expired}, never back or sideways.
    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_PaymentStatusOnlyMovesForward() public view {
        assertEq(handler.paymentRegressions(), 0, "a payment status moved backwards");
        uint256[] memory ids = handler.payments();
        assertEq(signal.paymentCount(), ids.length, "payment count");
        for (uint256 i; i < ids.length; ++i) {
            IntegraSignalV1.PaymentStatus current = signal.statusOf(ids[i]);
            assertTrue(current != IntegraSignalV1.PaymentStatus.None, "payment vanished");
            assertTrue(handler.isForward(handler.lastStatus(ids[i]), current), "status regressed");
        }
    }

    // ------------------------------------------------------------------ the handler itself

    /// @dev A scripted run through the handler reaches every action's success path, so the invariants above
    /// are not checked against a handler whose calls all revert.
    function test_Handler_ReachesEveryAction() public {
        // deal (records[2]): role 2 for alice, role 3 for bob (tokenSeed 1, 2 bound into 1..4), by the owner.
        handler.reserve(2, 4, 1, 2, 10);
        handler.reserve(2, 4, 2, 3, 20);
        // capabilities for the reserved recipients (recipientSeed 1: a reserved token; tokenSeed 1/2: its index).
        handler.attest(2, 4, 0, 1, 1, 1);
        handler.attest(2, 4, 1, 1, 1, 1);
        handler.claim(0, 1, 0);
        handler.claim(1, 1, 0);
        (uint256 reserved, uint256 claimed, bool complete) = multiParty.progressOf(handler.records()[2]);
        assertEq(claimed, 2, "both roles claimed");
        assertTrue(complete && reserved == 2, "deal complete");
        assertEq(handler.completeEvents(handler.records()[2]), 1, "one DocumentComplete seen");

        // a deed (records[0]) for carol, then moved to bob.
        handler.reserve(0, 4, 1, 4, 0);
        handler.attest(0, 4, 1, 1, 1, 1);
        handler.claim(2, 1, 0);
        assertEq(handler.deedHolder(handler.records()[0]), carol, "carol holds the deed");
        handler.transferToken(0, 0, 3, 0);
        assertEq(handler.deedHolder(handler.records()[0]), bob, "bob holds the deed");

        // payments between the deal's holders: pay one, cancel one, let one expire.
        // bob (role 3, index 1) asks alice (role 2, index 0); deadlines now + 86402 s, twice, and now + 3602 s.
        handler.requestPayment(2, 2, 1, 3, 2, 86_401);
        handler.requestPayment(2, 2, 1, 3, 2, 86_401);
        handler.requestPayment(2, 2, 1, 3, 2, 3601);
        assertEq(signal.paymentCount(), 3, "three requests");
        handler.markPaid(0, 1);
        handler.cancelPayment(1, 1);
        handler.warp(2 hours);
        assertEq(uint256(handler.lastStatus(1)), uint256(IntegraSignalV1.PaymentStatus.Paid), "paid");
        assertEq(uint256(handler.lastStatus(2)), uint256(IntegraSignalV1.PaymentStatus.Cancelled), "cancelled");
        assertEq(uint256(handler.lastStatus(3)), uint256(IntegraSignalV1.PaymentStatus.Expired), "expired");

        handler.transferRecord(1, 2);
        handler.setExecutor(1, 3);
        handler.cancel(3, 4, 1); // nothing reserved: rejected, and no ghost state moves
        string[10] memory actions = [
            "reserve", "attest", "claim", "transferToken", "requestPayment", "markPaid", "cancelPayment", "warp",
            "transferRecord", "setExecutor"
        ];
        for (uint256 i; i < actions.length; ++i) {
            assertTrue(handler.successes(bytes32(bytes(actions[i]))) > 0, actions[i]);
        }
        assertEq(handler.successes("cancel"), 0, "cancel of nothing rejected");
        assertEq(handler.paymentRegressions() + handler.badCompleteEvents() + handler.silentCompletions(), 0, "clean");
    }
}
