// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {Vm} from "../utils/Vm.sol";
import {IntegraRecordV1} from "../../src/IntegraRecordV1.sol";
import {IntegraCapabilityResolverV1} from "../../src/IntegraCapabilityResolverV1.sol";
import {IntegraSignalV1} from "../../src/IntegraSignalV1.sol";
import {IntegraForwarderV1} from "../../src/IntegraForwarderV1.sol";
import {OwnershipTokenizerV1} from "../../src/tokenizers/OwnershipTokenizerV1.sol";
import {MultiPartyTokenizerV1} from "../../src/tokenizers/MultiPartyTokenizerV1.sol";
import {Capabilities} from "../../src/Capabilities.sol";
import {Cast} from "./handlers/Cast.sol";
import {Actions} from "./handlers/Actions.sol";
import {Attacks} from "./handlers/Attacks.sol";
import {
    Via,
    Reentry,
    ReentryPlan,
    Registration,
    RegisterStep,
    ReserveStep,
    CancelStep,
    SealStep,
    AttestStep,
    RevokeStep,
    ClaimStep,
    ClaimFlowStep,
    TransferStep,
    OfferStep,
    CancelOfferStep,
    AcceptStep,
    OfferExecutorStep,
    AcceptExecutorStep,
    RemoveExecutorStep,
    MembershipStep,
    PaymentRequestStep,
    MarkPaidStep,
    CancelPaymentStep,
    WarpStep,
    ForgeryStep,
    FormerPrincipalStep,
    AttackerStep,
    FakeTokenizerStep,
    StrangerExecutorStep,
    SquatStep,
    FrontRunStep,
    FloodStep
} from "./handlers/Steps.sol";

/// @notice The invariant suite's handler: drives random sequences over the whole system, as its real cast would
/// (Actions), and as its adversaries would (Attacks), keeping the reference model (ReferenceModel) the invariants
/// compare with the chain. Its roles live in their own files under handlers/: the cast (Cast), the typed steps
/// (Steps), the attempts that make one call each (Attempts), and the pickers that turn seeds into steps (Pickers).
/// @dev The fuzzer calls only the actions' seeded entry points (IntegraInvariantTest.targetSelectors). The rest is
/// for the deploying test: the opening moves, `run*` (a scripted step, performed exactly as the fuzzed action that
/// picks it would perform it), and hooks that plant a wrong value for a check to catch.
contract IntegraHandler is Actions, Attacks {
    constructor(
        IntegraRecordV1 registry_,
        IEAS eas_,
        bytes32 capabilitySchema_,
        IntegraCapabilityResolverV1 capabilityResolver_,
        OwnershipTokenizerV1 ownership_,
        MultiPartyTokenizerV1 multiParty_,
        IntegraSignalV1 signal_,
        IntegraForwarderV1 forwarder_
    ) Cast(registry_, eas_, capabilitySchema_, capabilityResolver_, ownership_, multiParty_, signal_, forwarder_) {}

    // ================================================================== the opening

    /// @notice The setUp's head start, through the same attempts (and so the same model) as the actions: clerkA's
    /// workflow PROCESS_A (opened by the fixture's owner, clerkA) and clerkB's PROCESS_B, registrant2 a member of
    /// PROCESS_A; deal A (clerkA, executor execA accepting, PROCESS_A) registered with alice, bob and the receiver and
    /// sealed, alice and bob claimed; deed A (clerkA) reserved and attested for carol; deal B (clerkB, executor execB
    /// accepting, PROCESS_B) with alice and carol reserved, not sealed; a copy of deal A's document by registrant2
    /// under PROCESS_A with carol and alice; a record of the fake tokenizer outside any workflow; then execA offered
    /// deal B's executor role and accepting (execB a former principal), and deed A offered to clerkB. Returns the ids.
    function openingMoves() external onlyDeployer returns (bytes32[5] memory ids) {
        (address openedBy,) = registry.workflowOf(PROCESS_A);
        if (openedBy == clerkA) _noteWorkflow(PROCESS_A, clerkA, ID_A);
        else require(_tryOpenWorkflow(clerkA, ID_A), "opening: workflow A");
        require(_tryOpenWorkflow(clerkB, ID_B), "opening: workflow B");
        require(_tryAdmitMember(PROCESS_A, clerkA, registrant2), "opening: member");

        ids[0] =
            _openingRegister(clerkA, address(multiParty), CONTENT_A, PROCESS_A, execA, _three(), _amounts(10, 20, 30));
        ids[1] = _openingRegister(
            clerkA, address(ownership), CONTENT_B, PROCESS_A, address(0), new address[](0), _amounts()
        );
        ids[2] =
            _openingRegister(clerkB, address(multiParty), CONTENT_B, PROCESS_B, execB, new address[](0), _amounts());
        ids[3] = _openingRegister(
            registrant2, address(multiParty), CONTENT_A, PROCESS_A, address(0), _two(), _amounts(5, 5)
        );
        ids[4] = _openingRegister(attacker, address(fake), CONTENT_A, bytes32(0), address(0), _two(), _amounts(5, 5));
        require(_tryAcceptExecutor(ids[0], execA), "opening: executor A");
        require(_tryAcceptExecutor(ids[2], execB), "opening: executor B");

        _openingClaim(ids[0], alice, 1, _openingAttest(ids[0], clerkA, alice, 1));
        _openingClaim(ids[0], bob, 2, _openingAttest(ids[0], execA, bob, 2));
        _openingAttest(ids[0], clerkA, address(receiver), 3);
        _openingReserve(ids[1], clerkA, 1, carol, 1);
        _openingAttest(ids[1], clerkA, carol, 1);
        _openingReserve(ids[2], clerkB, 1, alice, 7);
        _openingReserve(ids[2], execB, 2, carol, 9);
        _openingAttest(ids[3], registrant2, carol, 1);
        // Authority already moving: deal B's executor replaced (execB is a former principal), deed A offered to clerkB.
        require(_tryOfferExecutor(ids[2], clerkB, execA), "opening: offerExecutor");
        require(_tryAcceptExecutor(ids[2], execA), "opening: acceptExecutorRole");
        require(_tryOffer(ids[1], clerkA, clerkB), "opening: offer");
    }

    /// @dev With parties when `recipients` is not empty (reserved and sealed at registration).
    function _openingRegister(
        address registrant,
        address tokenizer,
        bytes32 contentHash,
        bytes32 processHash,
        address executor,
        address[] memory recipients,
        uint256[] memory amounts
    ) internal returns (bytes32 ih) {
        bool ok;
        (ok, ih) = _tryRegister(
            Registration({
                registrant: registrant,
                tokenizer: tokenizer,
                contentHash: contentHash,
                processHash: processHash,
                executor: executor,
                withParties: recipients.length > 0,
                recipients: recipients,
                amounts: amounts,
                role: ""
            })
        );
        require(ok, "opening: register");
    }

    function _openingReserve(bytes32 ih, address caller, uint256 tokenId, address recipient, uint256 amount) internal {
        ReserveStep memory s = ReserveStep({
            record: ih,
            caller: caller,
            tokenId: tokenId,
            recipient: recipient,
            amount: amount,
            processHash: _rec[ih].processHash,
            role: ""
        });
        require(_tryReserve(s, _rec[ih].tokenizer), "opening: reserve");
    }

    function _openingAttest(bytes32 ih, address attester, address recipient, uint256 tokenId)
        internal
        returns (bytes32 uid)
    {
        bool ok;
        (ok, uid) = _tryAttest(
            AttestStep({
                record: ih,
                attester: attester,
                recipient: recipient,
                attestedTokenId: tokenId,
                tokenId: tokenId,
                caps: Capabilities.CLAIM,
                expirationTime: 0,
                processHash: _rec[ih].processHash
            })
        );
        require(ok, "opening: attest");
    }

    function _openingClaim(bytes32 ih, address party, uint256 tokenId, bytes32 uid) internal {
        ClaimStep memory c = ClaimStep({
            record: ih,
            caller: party,
            tokenizer: _rec[ih].tokenizer,
            tokenId: tokenId,
            uid: uid,
            processHash: _rec[ih].processHash,
            via: Via.Direct,
            reentry: Reentry.None
        });
        ReentryPlan memory none;
        require(_tryClaim(c, none), "opening: claim");
    }

    /// @dev alice, bob and the receiver: deal A's parties.
    function _three() internal view returns (address[] memory three) {
        three = new address[](3);
        (three[0], three[1], three[2]) = (alice, bob, address(receiver));
    }

    /// @dev carol and alice: the parties of registrant2's copy and of the fake tokenizer's record.
    function _two() internal view returns (address[] memory two) {
        two = new address[](2);
        (two[0], two[1]) = (carol, alice);
    }

    function _amounts() internal pure returns (uint256[] memory) {
        return new uint256[](0);
    }

    function _amounts(uint256 a, uint256 b) internal pure returns (uint256[] memory amounts) {
        amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (a, b);
    }

    function _amounts(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory amounts) {
        amounts = new uint256[](3);
        (amounts[0], amounts[1], amounts[2]) = (a, b, c);
    }

    // ================================================================== scripted steps (never fuzzed)

    function runRegister(RegisterStep memory s) external onlyDeployer returns (bool ok, bytes32 integraHash) {
        return _performRegister(s);
    }

    function runReserve(ReserveStep memory s) external onlyDeployer returns (bool) {
        return _performReserve(s);
    }

    function runCancel(CancelStep memory s) external onlyDeployer returns (bool) {
        return _performCancel(s);
    }

    function runSeal(SealStep memory s) external onlyDeployer returns (bool) {
        return _performSeal(s);
    }

    function runAttest(AttestStep memory s) external onlyDeployer returns (bool ok, bytes32 uid) {
        return _performAttest(s);
    }

    function runRevoke(RevokeStep memory s) external onlyDeployer returns (bool) {
        return _performRevoke(s);
    }

    function runClaim(ClaimStep memory s) external onlyDeployer returns (bool) {
        return _performClaim(s, FIRST);
    }

    function runClaimFlow(ClaimFlowStep memory s) external onlyDeployer {
        _performClaimFlow(s, FIRST);
    }

    function runTransfer(TransferStep memory s) external onlyDeployer returns (bool) {
        return _performTransfer(s, FIRST);
    }

    function runOffer(OfferStep memory s) external onlyDeployer returns (bool) {
        return _performOffer(s);
    }

    function runCancelOffer(CancelOfferStep memory s) external onlyDeployer returns (bool) {
        return _performCancelOffer(s);
    }

    function runAccept(AcceptStep memory s) external onlyDeployer returns (bool) {
        return _performAccept(s);
    }

    function runOfferExecutor(OfferExecutorStep memory s) external onlyDeployer {
        _performOfferExecutor(s);
    }

    function runAcceptExecutor(AcceptExecutorStep memory s) external onlyDeployer {
        _performAcceptExecutor(s);
    }

    function runRemoveExecutor(RemoveExecutorStep memory s) external onlyDeployer returns (bool) {
        return _performRemoveExecutor(s);
    }

    function runMembership(MembershipStep memory s) external onlyDeployer {
        _performMembership(s);
    }

    function runPaymentRequest(PaymentRequestStep memory s) external onlyDeployer returns (bool) {
        return _performPaymentRequest(s);
    }

    function runMarkPaid(MarkPaidStep memory s) external onlyDeployer returns (bool) {
        return _performMarkPaid(s);
    }

    function runCancelPayment(CancelPaymentStep memory s) external onlyDeployer returns (bool) {
        return _performCancelPayment(s);
    }

    function runWarp(WarpStep memory s) external onlyDeployer {
        _performWarp(s);
    }

    function runForgery(ForgeryStep memory s) external onlyDeployer {
        _performForgery(s, FIRST, FIRST);
    }

    function runFormerPrincipal(FormerPrincipalStep memory s) external onlyDeployer {
        _performFormerPrincipal(s, FIRST);
    }

    function runAttacker(AttackerStep memory s) external onlyDeployer {
        _performAttacker(s, FIRST);
    }

    function runFakeTokenizer(FakeTokenizerStep memory s) external onlyDeployer {
        _performFakeTokenizer(s, FIRST);
    }

    function runStrangerExecutor(StrangerExecutorStep memory s) external onlyDeployer {
        _performStrangerExecutor(s, FIRST);
    }

    function runSquat(SquatStep memory s) external onlyDeployer {
        _performSquat(s, FIRST);
    }

    function runFrontRun(FrontRunStep memory s) external onlyDeployer {
        _performFrontRun(s, FIRST);
    }

    function runFlood(FloodStep memory s) external onlyDeployer {
        _performFlood(s);
    }

    // ================================================================== wrong values, for the checks to catch

    /// @notice Runs the log checks on crafted logs, as if a successful call had emitted them.
    function scanForTest(Vm.Log[] memory logs) external onlyDeployer {
        _scan(logs);
    }

    /// @notice Forgets that `account` accepted the record's executor role.
    function tamperConsent(bytes32 ih, address account) external onlyDeployer {
        _accepted[ih][account] = false;
    }

    /// @notice Overwrites a record's ghost version.
    function tamperVersion(bytes32 ih, uint256 version) external onlyDeployer {
        _rec[ih].version = version;
    }

    /// @notice Overwrites a grant's recorded epoch.
    function tamperGrantEpoch(uint256 index, uint64 epoch) external onlyDeployer {
        _grants[index].epoch = epoch;
    }
}
