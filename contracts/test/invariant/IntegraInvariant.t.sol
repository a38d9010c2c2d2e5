// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraFixture} from "../utils/IntegraFixture.sol";
import {IntegraHandler} from "./IntegraHandler.sol";
import {IntegraSignalV1} from "../../src/IntegraSignalV1.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";
import {IntegraForwarderV1} from "../../src/IntegraForwarderV1.sol";

/// @notice Invariants of the reserve / attest / claim / payment state machine under random sequences of actions
/// by a fixed set of actors on two ownership records and two multi-party records, with claims both direct and
/// through the ERC-2771 forwarder, and a stranger forging forward requests.
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

        // The fixture's addresses are vm.addr of these keys, in the order of `actors`.
        uint256[] memory actorKeys = new uint256[](5);
        (actorKeys[0], actorKeys[1], actorKeys[2], actorKeys[3], actorKeys[4]) = (0xA11CE, 0xE8EC, 0xA, 0xB, 0xC);
        address[] memory relayers = new address[](2);
        (relayers[0], relayers[1]) = (vm.addr(0x4E1A7E4), vm.addr(0x4E1A7E5));

        handler = new IntegraHandler(
            registry,
            eas,
            capabilitySchema,
            ownership,
            multiParty,
            signal,
            PROCESS,
            actors,
            records,
            IntegraHandler.Forwarding(forwarder, actorKeys, relayers, 0x5757)
        );
        _openingMoves();
    }

    /// @dev A head start through the handler itself (so its ghost state stays exact): on deal A roles 1-3 are
    /// reserved for alice, bob and carol and the first two claimed; deed A is reserved and attested for carol.
    /// Without it, 64 random calls rarely get two holders of one record, and payments would go untested.
    function _openingMoves() internal {
        handler.reserve(2, 4, 0, 2, 9); // deal A, role 1, alice, 10 units (callerSeed 4 -> the owner)
        handler.reserve(2, 4, 1, 3, 19); // deal A, role 2, bob, 20 units
        handler.reserve(2, 4, 2, 4, 29); // deal A, role 3, carol, 30 units
        handler.reserve(0, 4, 1, 4, 0); // deed A, carol
        handler.attest(2, 4, 0, 1, 1, 1); // grant 0: CLAIM for alice, any token of deal A
        handler.attest(2, 4, 1, 1, 1, 1); // grant 1: CLAIM for bob, role 2
        handler.attest(0, 4, 1, 1, 1, 1); // grant 2: CLAIM for carol, the deed
        handler.claim(3, 1, 0); // alice claims role 1 with grant 0
        handler.claim(1, 1, 0); // bob claims role 2 with grant 1
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

    /// @dev Whoever submits a forward request (a relayer, the stranger) and the forwarder itself never hold a
    /// token: a forwarded claim or transfer acts for its signer only.
    function invariant_NoTokenHeldByForwarderOrSubmitters() public view {
        address[] memory relayers = handler.relayers();
        address[] memory outsiders = new address[](relayers.length + 2);
        for (uint256 i; i < relayers.length; ++i) {
            outsiders[i] = relayers[i];
        }
        outsiders[relayers.length] = address(forwarder);
        outsiders[relayers.length + 1] = handler.strangerAddress();

        bytes32[] memory records = handler.records();
        for (uint256 o; o < outsiders.length; ++o) {
            assertEq(ownership.balanceOf(outsiders[o]), 0, "an outsider holds a deed");
            for (uint256 r; r < records.length; ++r) {
                IntegraTokenizerBase tokenizer = handler.tokenizerOf(records[r]);
                uint256[] memory ids = tokenizer.tokenIdsOf(records[r]);
                for (uint256 i; i < ids.length; ++i) {
                    assertTrue(!tokenizer.isHolder(records[r], ids[i], outsiders[o]), "an outsider holds a token");
                }
            }
        }
    }

    /// @dev No forged, tampered, expired or replayed request ever executes, and each forwarder nonce counts exactly
    /// the requests its signer had executed (failed requests consume none); outsiders never have a nonce.
    function invariant_ForwarderNoncesCountExecutedRequestsOnly() public view {
        assertEq(handler.forgeriesExecuted(), 0, "a forged forward request executed");
        address[] memory actors = handler.actors();
        uint256 total;
        for (uint256 a; a < actors.length; ++a) {
            assertEq(forwarder.nonces(actors[a]), handler.forwardedBy(actors[a]), "nonce != executed requests");
            total += forwarder.nonces(actors[a]);
        }
        assertEq(total, handler.executedCount(), "executed requests");
        assertEq(forwarder.nonces(handler.strangerAddress()), 0, "stranger nonce");
        address[] memory relayers = handler.relayers();
        for (uint256 i; i < relayers.length; ++i) {
            assertEq(forwarder.nonces(relayers[i]), 0, "relayer nonce");
        }
    }

    // ------------------------------------------------------------------ the handler itself

    /// @dev A scripted run through the handler reaches every action's success path, so the invariants above
    /// are not checked against a handler whose calls all revert.
    function test_Handler_ReachesEveryAction() public {
        bytes32[] memory records = handler.records();
        (uint256 reserved, uint256 claimed, bool complete) = multiParty.progressOf(records[2]);
        assertTrue(reserved == 3 && claimed == 2 && !complete, "opening: deal A two of three claimed");
        assertTrue(multiParty.isHolder(records[2], 1, alice) && multiParty.isHolder(records[2], 2, bob), "holders");

        // deal B: one role for alice, attested and claimed: complete at once.
        handler.reserve(3, 4, 0, 2, 0);
        handler.attest(3, 4, 0, 1, 1, 1); // grant 3
        handler.claim(3, 1, 0);
        assertEq(handler.completeEvents(records[3]), 1, "deal B complete");

        // deed B: reserved and attested for bob, who claims it through the forwarder (grant 4, a relayer submits).
        handler.reserve(1, 4, 1, 3, 0);
        handler.attest(1, 4, 1, 1, 1, 1);
        handler.forwardedClaim(4, 0, 0);
        assertEq(handler.deedHolder(records[1]), bob, "bob holds deed B");
        assertEq(ownership.ownerOf(uint256(records[1])), bob, "ownerOf deed B");
        assertEq(forwarder.nonces(bob), 1, "bob's forwarder nonce");
        // The stranger tries each kind of forgery (replay of bob's request, tamper, own key, own request, expired).
        for (uint256 kind; kind < 5; ++kind) {
            handler.forgeForwarded(kind, 4, kind);
        }
        assertEq(handler.successes("forgeForwarded"), 5, "every forgery refused");
        assertEq(forwarder.nonces(bob), 1, "bob's nonce unmoved by forgeries");

        // deed A: carol claims with grant 2, then hands it to bob.
        handler.claim(2, 1, 0);
        assertEq(handler.deedHolder(records[0]), carol, "carol holds the deed");
        handler.transferToken(0, 0, 3, 0);
        assertEq(handler.deedHolder(records[0]), bob, "bob holds the deed");
        assertEq(ownership.ownerOf(uint256(records[0])), bob, "ownerOf");

        // deal A: bob (role 2) asks alice (role 1); deadlines now + 86402 s, twice, and now + 3602 s.
        handler.requestPayment(2, 2, 1, 3, 3, 86_401);
        handler.requestPayment(2, 2, 1, 3, 3, 86_401);
        handler.requestPayment(2, 2, 1, 3, 3, 3601);
        assertEq(signal.paymentCount(), 3, "three requests");
        handler.markPaid(0, 1);
        handler.cancelPayment(1, 1);
        handler.warp(7200);
        assertEq(uint256(handler.lastStatus(1)), uint256(IntegraSignalV1.PaymentStatus.Paid), "paid");
        assertEq(uint256(handler.lastStatus(2)), uint256(IntegraSignalV1.PaymentStatus.Cancelled), "cancelled");
        assertEq(uint256(handler.lastStatus(3)), uint256(IntegraSignalV1.PaymentStatus.Expired), "expired");

        // deal A: cancelling carol's unclaimed role completes it.
        handler.cancel(2, 4, 2);
        assertEq(handler.completeEvents(records[2]), 1, "deal A complete on cancel");

        handler.transferRecord(1, 8); // deed B to alice
        handler.setExecutor(1, 12); // deed B executor bob
        (address newOwner, address newExecutor,,) = registry.authorityOf(records[1]);
        assertEq(newOwner, alice, "deed B owner");
        assertEq(newExecutor, bob, "deed B executor");

        string[13] memory actions = [
            "reserve",
            "cancel",
            "attest",
            "claim",
            "transferToken",
            "requestPayment",
            "markPaid",
            "cancelPayment",
            "warp",
            "transferRecord",
            "setExecutor",
            "forwardedClaim",
            "forgeForwarded"
        ];
        for (uint256 i; i < actions.length; ++i) {
            assertTrue(handler.successes(bytes32(bytes(actions[i]))) > 0, actions[i]);
        }
        assertEq(handler.paymentRegressions() + handler.badCompleteEvents() + handler.silentCompletions(), 0, "clean");
        assertEq(handler.forgeriesExecuted(), 0, "no forgery executed");
    }
}
