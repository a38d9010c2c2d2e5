// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {EscrowChecks} from "./EscrowChecks.sol";

/// @notice The escrow's invariant campaign: random sequences of the handler's actions (the honest cast's and the
/// adversaries'), with the checks of EscrowChecks asserted after each call. The trust rule: money held in escrow
/// leaves only to the payee when every condition of the escrow holds, or back to the payer after the refund time;
/// never both, never twice.
contract EscrowInvariantTest is EscrowChecks {
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
        bytes4[] memory selectors = new bytes4[](20);
        selectors[0] = handler.openEscrow.selector;
        selectors[1] = handler.deposit.selector;
        selectors[2] = handler.approve.selector;
        selectors[3] = handler.inspectorAttests.selector;
        selectors[4] = handler.inspectorRevokes.selector;
        selectors[5] = handler.keeperReleases.selector;
        selectors[6] = handler.keeperRefunds.selector;
        selectors[7] = handler.raiseDispute.selector;
        selectors[8] = handler.arbitratorRules.selector;
        selectors[9] = handler.withdraw.selector;
        selectors[10] = handler.transferPartyToken.selector;
        selectors[11] = handler.claimRemaining.selector;
        selectors[12] = handler.warp.selector;
        selectors[13] = handler.setRefusing.selector;
        selectors[14] = handler.setBlocked.selector;
        selectors[15] = handler.armReceiver.selector;
        selectors[16] = handler.armHookToken.selector;
        selectors[17] = handler.strangerStrikes.selector;
        selectors[18] = handler.partyTakesEarly.selector;
        selectors[19] = handler.fakeArbitratorRules.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), selectors);
    }

    // ================================================================== invariants

    /// @dev For each asset (TestStablecoin, ether, the fee token, the hook token), the escrow's balance equals the
    /// deposits it holds (Funded or Disputed) plus the payouts it keeps owed to accounts plus the ruled shares it keeps
    /// for party tokens nobody held whole; owedTo and owedToToken are the model's.
    function invariant_BalanceIsHeldPlusOwed() public view {
        (bool ok, string memory why) = checkBalances();
        assertTrue(ok, why);
    }

    /// @dev Nothing leaves an escrow without its conditions holding (release), before its refund time (refund), or
    /// other than by its arbitrator's ruling while disputed; and it goes to the holder of the right token.
    function invariant_NothingLeavesOutsideItsRule() public view {
        (bool ok, string memory why) = checkOutflows();
        assertTrue(ok, why);
    }

    /// @dev Release, refund and ruling exclude each other; each escrow pays out at most once, exactly its amount
    /// once settled.
    function invariant_SettlesOncePaysItsAmount() public view {
        (bool ok, string memory why) = checkPaysOnce();
        assertTrue(ok, why);
    }

    /// @dev A disputed escrow moves only by its arbitrator's ruling.
    function invariant_DisputedMovesOnlyByRuling() public view {
        (bool ok, string memory why) = checkDisputes();
        assertTrue(ok, why);
    }

    /// @dev A fee-on-transfer deposit never becomes Funded.
    function invariant_FeeOnTransferNeverFunded() public view {
        (bool ok, string memory why) = checkFeeOnTransfer();
        assertTrue(ok, why);
    }

    /// @dev No stranger, early payer or payee, fake arbitrator or re-entry gets anything.
    function invariant_AdversariesGetNothing() public view {
        (bool ok, string memory why) = checkAdversaries();
        assertTrue(ok, why);
    }
}
