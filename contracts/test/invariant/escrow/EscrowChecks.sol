// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";
import {IntegraFixture} from "../../utils/IntegraFixture.sol";
import {IntegraEscrowV1} from "../../../src/escrow/IntegraEscrowV1.sol";
import {IIntegraPartyTokens} from "../../../src/interfaces/IIntegraPartyTokens.sol";
import {EscrowHandler} from "./EscrowHandler.sol";
import {EscrowModel} from "./EscrowModel.sol";
import {EscrowDeployment} from "./EscrowCast.sol";
import {Asset} from "./EscrowSteps.sol";

/// @notice The escrow's trust rule as checks of the chain against the handler's reference model ("money held in
/// escrow leaves only to the payee when every condition of the escrow holds, or back to the payer after the refund
/// time; never both, never twice"). Each `check*` returns false with a reason; the invariant campaign asserts them
/// after every call (EscrowInvariant.t.sol), the scripted runs after their scenarios (EscrowScriptedRuns.t.sol).
abstract contract EscrowChecks is IntegraFixture {
    EscrowHandler internal handler;
    IntegraEscrowV1 internal escrow;
    bytes32 internal conditionSchema;
    bytes32 internal dealA;
    bytes32 internal dealB;

    function setUp() public virtual override {
        super.setUp();
        conditionSchema = schemaRegistry.register("bytes32 integraHash,bool passed", ISchemaResolver(address(0)), true);
        bytes32 lookalike = schemaRegistry.register("bytes32 integraHash,bool ok", ISchemaResolver(address(0)), true);
        escrow = new IntegraEscrowV1(
            registry,
            eas,
            signal,
            IIntegraPartyTokens(address(multiParty)),
            address(forwarder)
        );
        handler = new EscrowHandler(
            EscrowDeployment({
                escrow: escrow,
                registry: registry,
                eas: eas,
                multiParty: multiParty,
                capabilitySchema: capabilitySchema,
                conditionSchema: conditionSchema,
                lookalikeSchema: lookalike,
                processHash: PROCESS,
                owner: owner,
                executor: executor
            })
        );
        (dealA, dealB) = handler.openingMoves();
    }

    // ================================================================== checks

    /// @dev For each asset, the escrow's balance is the deposits it holds (Funded or Disputed) plus the refused payouts
    /// it keeps owed to accounts plus the ruled shares it keeps for party tokens nobody held whole; owedToToken is the
    /// model's per token, and owedTo per account is the model's refused payouts plus the token-kept shares of the
    /// tokens the account holds whole.
    function checkBalances() public view returns (bool, string memory) {
        uint256 count = handler.escrowCount();
        if (escrow.escrowCount() != count) return (false, "the escrow count differs from the opens that succeeded");
        address[] memory accounts = handler.tracked();
        uint256[4] memory expected;
        for (uint256 id = 1; id <= count; ++id) {
            EscrowModel.EscrowGhost memory g = handler.escrowGhost(id);
            uint256 a = uint256(g.asset);
            if (g.status == IntegraEscrowV1.EscrowStatus.Funded || g.status == IntegraEscrowV1.EscrowStatus.Disputed) {
                expected[a] += g.amount;
            }
            for (uint256 i; i < accounts.length; ++i) {
                if (escrow.owedTo(id, accounts[i]) != handler.owedToGhost(id, accounts[i])) {
                    return (false, "owedTo differs from the payouts and token shares the model kept and not withdrawn");
                }
                expected[a] += handler.owedGhost(id, accounts[i]);
            }
            uint16[2] memory tokens = [g.payerTokenId, g.payeeTokenId];
            for (uint256 t; t < 2; ++t) {
                uint256 kept = escrow.owedToToken(id, tokens[t]);
                if (kept != handler.owedToTokenGhost(id, tokens[t])) {
                    return (false, "owedToToken differs from the ruled shares the model kept for the token");
                }
                expected[a] += kept;
            }
        }
        for (uint256 a; a < 4; ++a) {
            if (handler.balanceIn(Asset(a), address(escrow)) != expected[a]) {
                return (false, "the escrow's balance is not the deposits held plus owed to accounts and to tokens");
            }
        }
        return (true, "");
    }

    /// @dev Nothing left an escrow without its conditions holding (release), before its refund time (refund), or
    /// otherwise than by its arbitrator's ruling while disputed; it went to the holder of the payee (payer) token, in
    /// the amount the model expects; approvals came from the approver tokens' holders. Every escrow's status, terms
    /// and approvals are the model's, and the parties' tokens are held where the model says.
    function checkOutflows() public view returns (bool, string memory) {
        uint8[5] memory categories =
            [handler.V_RELEASE(), handler.V_REFUND(), handler.V_RULE(), handler.V_PAYOUT(), handler.V_APPROVE()];
        for (uint256 c; c < categories.length; ++c) {
            if (handler.violations(categories[c]) != 0) return (false, handler.firstViolation(categories[c]));
        }
        uint256 count = handler.escrowCount();
        for (uint256 id = 1; id <= count; ++id) {
            EscrowModel.EscrowGhost memory g = handler.escrowGhost(id);
            IntegraEscrowV1.Escrow memory e = escrow.getEscrow(id);
            if (e.status != g.status) return (false, "an escrow's status differs from the calls that succeeded");
            if (e.asset != handler.assetAddress(g.asset) || e.amount != g.amount || e.refundAfter != g.refundAfter) {
                return (false, "an escrow's asset, amount or refund time changed");
            }
            if (e.payerTokenId != g.payerTokenId || e.payeeTokenId != g.payeeTokenId || e.arbitrator != g.arbitrator) {
                return (false, "an escrow's parties or arbitrator changed");
            }
            if (e.approvedMask != g.approvedMask) {
                return (false, "an escrow's approvals differ from those that succeeded");
            }
            (address payer, address payee) = escrow.partiesOf(id);
            if (
                payer != handler.holderGhost(g.record, g.payerTokenId)
                    || payee != handler.holderGhost(g.record, g.payeeTokenId)
            ) {
                return (false, "the escrow's payer or payee is not the holder of the whole token");
            }
        }
        return (true, "");
    }

    /// @dev Release, refund and ruling exclude each other and each escrow pays out at most once: at most one
    /// settlement, never more than its amount, exactly its amount once settled (delivered or kept owed), nothing
    /// before; a release pays only the payee, a refund only the payer; no more withdrawn than owed.
    function checkPaysOnce() public view returns (bool, string memory) {
        if (handler.violations(handler.V_ONCE()) != 0) return (false, handler.firstViolation(handler.V_ONCE()));
        uint256 count = handler.escrowCount();
        for (uint256 id = 1; id <= count; ++id) {
            EscrowModel.EscrowGhost memory g = handler.escrowGhost(id);
            bool settled = g.status == IntegraEscrowV1.EscrowStatus.Released
                || g.status == IntegraEscrowV1.EscrowStatus.Refunded || g.status == IntegraEscrowV1.EscrowStatus.Ruled;
            if (g.settlements > 1) return (false, "an escrow was settled more than once");
            if (g.paidOut > g.amount) return (false, "an escrow paid out more than its amount");
            if (settled != (g.settlements == 1)) {
                return (false, "an escrow's settlements do not match its status (one once settled, none before)");
            }
            if (settled && g.paidOut != g.amount) {
                return (false, "a settled escrow did not pay out exactly its amount");
            }
            if (!settled && g.paidOut != 0) return (false, "an unsettled escrow paid something out");
            if (g.toPayee + g.toPayer != g.paidOut) return (false, "payouts to payee and payer do not add up");
            if (g.status == IntegraEscrowV1.EscrowStatus.Released && g.toPayer != 0) {
                return (false, "a release paid the payer");
            }
            if (g.status == IntegraEscrowV1.EscrowStatus.Refunded && g.toPayee != 0) {
                return (false, "a refund paid the payee");
            }
            if (g.withdrawn > g.paidOut) return (false, "more was withdrawn than was owed");
        }
        return (true, "");
    }

    /// @dev A disputed escrow moves only by its arbitrator's ruling: no release, refund or second dispute of it
    /// succeeded, it stays Disputed (with its dispute registered to it) until a ruling its arbitrator's judge gave.
    function checkDisputes() public view returns (bool, string memory) {
        if (handler.violations(handler.V_DISPUTE()) != 0) return (false, handler.firstViolation(handler.V_DISPUTE()));
        uint256 count = handler.escrowCount();
        for (uint256 id = 1; id <= count; ++id) {
            EscrowModel.EscrowGhost memory g = handler.escrowGhost(id);
            IntegraEscrowV1.Escrow memory e = escrow.getEscrow(id);
            if (g.status == IntegraEscrowV1.EscrowStatus.Disputed) {
                if (e.status != IntegraEscrowV1.EscrowStatus.Disputed) {
                    return (false, "a disputed escrow moved without its arbitrator's ruling");
                }
            }
            if (g.status == IntegraEscrowV1.EscrowStatus.Disputed || g.status == IntegraEscrowV1.EscrowStatus.Ruled) {
                if (e.disputeId != g.disputeId || escrow.escrowOfDispute(g.arbitrator, g.disputeId) != id) {
                    return (false, "a dispute is not registered to its escrow");
                }
            }
            if (g.status == IntegraEscrowV1.EscrowStatus.Ruled && !g.ruledByArbitrator) {
                return (false, "an escrow was ruled otherwise than by its arbitrator's judge");
            }
        }
        return (true, "");
    }

    /// @dev A fee-on-transfer deposit never becomes Funded: every escrow in the fee token is Open, and the escrow
    /// holds none of it.
    function checkFeeOnTransfer() public view returns (bool, string memory) {
        if (handler.violations(handler.V_FEE()) != 0) return (false, handler.firstViolation(handler.V_FEE()));
        uint256 count = handler.escrowCount();
        for (uint256 id = 1; id <= count; ++id) {
            IntegraEscrowV1.Escrow memory e = escrow.getEscrow(id);
            if (e.asset == address(handler.feeToken()) && e.status != IntegraEscrowV1.EscrowStatus.Open) {
                return (false, "a fee-on-transfer escrow left Open");
            }
        }
        if (handler.balanceIn(Asset.FeeToken, address(escrow)) != 0) return (false, "the escrow holds fee tokens");
        return (true, "");
    }

    /// @dev Nothing a stranger, an early payer or payee, the fake arbitrator or a re-entry must not do succeeded; no
    /// deposit came from anyone but the payer token's holder; and no money reached anyone outside the parties (an
    /// outsider holds at most what the handler gave it to try a deposit with).
    function checkAdversaries() public view returns (bool, string memory) {
        uint8[3] memory categories = [handler.V_ADVERSARY(), handler.V_REENTRY(), handler.V_DEPOSIT()];
        for (uint256 c; c < categories.length; ++c) {
            if (handler.violations(categories[c]) != 0) return (false, handler.firstViolation(categories[c]));
        }
        address[] memory accounts = handler.tracked();
        uint256 parties = handler.parties().length;
        for (uint256 i = parties; i < accounts.length; ++i) {
            for (uint256 a; a < 4; ++a) {
                if (handler.balanceIn(Asset(a), accounts[i]) > handler.fundedWith(Asset(a), accounts[i])) {
                    return (false, "money reached someone who is no party");
                }
            }
        }
        return (true, "");
    }

    function _assertAllChecksPass() internal view {
        (bool ok, string memory why) = checkBalances();
        assertTrue(ok, why);
        (ok, why) = checkOutflows();
        assertTrue(ok, why);
        (ok, why) = checkPaysOnce();
        assertTrue(ok, why);
        (ok, why) = checkDisputes();
        assertTrue(ok, why);
        (ok, why) = checkFeeOnTransfer();
        assertTrue(ok, why);
        (ok, why) = checkAdversaries();
        assertTrue(ok, why);
    }
}
