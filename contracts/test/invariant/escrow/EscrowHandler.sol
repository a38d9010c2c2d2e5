// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IIntegraTokenizer} from "../../../src/interfaces/IIntegraTokenizer.sol";
import {EscrowDeployment} from "./EscrowCast.sol";
import {EscrowPickers} from "./EscrowPickers.sol";
import {EscrowActions} from "./EscrowActions.sol";
import {EscrowAttacks} from "./EscrowAttacks.sol";
import {
    OpenStep,
    DepositStep,
    ApproveStep,
    AttestStep,
    ReleaseStep,
    RefundStep,
    DisputeStep,
    RuleStep,
    WithdrawStep,
    TransferStep,
    WarpStep,
    ArmStep,
    RefuseStep,
    BlockStep,
    StrangerStep,
    EarlyStep,
    FakeRuleStep
} from "./EscrowSteps.sol";

/// @notice The escrow suite's handler: drives random sequences over the escrow as its cast would (EscrowActions) and
/// as its adversaries would (EscrowAttacks), keeping the reference model (EscrowModel) the invariants compare with
/// the chain. Its roles live in their own files: the cast (EscrowCast), the typed steps (EscrowSteps), the model
/// (EscrowModel), the attempts that make one call each (EscrowAttempts), the pickers that turn seeds into steps
/// (EscrowPickers) and the adversary contracts (EscrowAdversaries).
/// @dev The fuzzer calls only the actions' seeded entry points (EscrowInvariantTest.targetSelectors). The rest is for
/// the deploying test: the opening moves and `run*` (a scripted step, performed exactly as the fuzzed action that
/// picks it would perform it).
contract EscrowHandler is EscrowActions, EscrowAttacks {
    bytes32 public constant CONTENT_A = 0x789cf15df4d671e2d52f5a88b9f3cc8b3a968cd3eeabe1206dcf01c7f6b80b77;
    bytes32 public constant CONTENT_B = keccak256("Lease of 3 Quay Street");

    constructor(EscrowDeployment memory d) EscrowPickers(d) {}

    // ================================================================== the opening

    /// @notice Two records of the owner, in its workflow, each with its executor accepting: deal A (record 0) with
    /// alice (token 1), bob (token 2, amount 2: it can be split), carol (token 3), the re-enterer (4) and the refuser
    /// (5), all claimed but carol's, so its agreement is not complete; deal B (record 1) with alice, bob and the
    /// re-enterer (token 3, amount 2), all claimed: complete. The refuser starts refusing ether.
    function openingMoves() external onlyDeployer returns (bytes32 dealA, bytes32 dealB) {
        address[] memory a = new address[](5);
        (a[0], a[1], a[2], a[3], a[4]) = (alice, bob, carol, address(reenterer), address(refuser));
        dealA = _openingRegister(CONTENT_A, a, _amounts(a.length, 2));
        address[] memory b = new address[](3);
        (b[0], b[1], b[2]) = (alice, bob, address(reenterer));
        dealB = _openingRegister(CONTENT_B, b, _amounts(b.length, 3));
        require(_tryClaim(0, 1) && _tryClaim(0, 2) && _tryClaim(0, 4) && _tryClaim(0, 5), "opening: claims A");
        require(_tryClaim(1, 1) && _tryClaim(1, 2) && _tryClaim(1, 3), "opening: claims B");
        _setRefusing(address(refuser), true);
    }

    function _openingRegister(bytes32 content, address[] memory recipients, uint256[] memory amounts)
        internal
        returns (bytes32 integraHash)
    {
        IIntegraTokenizer.Party[] memory list = new IIntegraTokenizer.Party[](recipients.length);
        for (uint256 i; i < recipients.length; ++i) {
            list[i] = IIntegraTokenizer.Party({recipient: recipients[i], amount: amounts[i], role: ""});
        }
        vm.prank(owner);
        integraHash = registry.registerWithParties(
            content, hex"c1f3", address(multiParty), executor, processHash, new address[](0), list
        );
        vm.prank(executor);
        registry.acceptExecutorRole(integraHash);
        _noteRecord(integraHash, recipients, amounts);
    }

    /// @dev One unit each, two of token `twoAt`.
    function _amounts(uint256 n, uint256 twoAt) internal pure returns (uint256[] memory amounts) {
        amounts = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            amounts[i] = i + 1 == twoAt ? 2 : 1;
        }
    }

    // ================================================================== scripted steps (never fuzzed)

    function runOpen(OpenStep memory s) external onlyDeployer returns (bool ok, uint256 escrowId) {
        return _tryOpen(s);
    }

    function runDeposit(DepositStep memory s) external onlyDeployer returns (bool) {
        return _tryDeposit(s);
    }

    function runApprove(ApproveStep memory s) external onlyDeployer returns (bool) {
        return _tryApprove(s);
    }

    function runAttest(AttestStep memory s) external onlyDeployer returns (bool ok, bytes32 uid) {
        return _tryAttest(s);
    }

    function runRevoke(uint256 index) external onlyDeployer returns (bool) {
        return _tryRevoke(index);
    }

    function runRelease(ReleaseStep memory s) external onlyDeployer returns (bool) {
        return _tryRelease(s);
    }

    function runRefund(RefundStep memory s) external onlyDeployer returns (bool) {
        return _tryRefund(s);
    }

    function runDispute(DisputeStep memory s) external onlyDeployer returns (bool) {
        return _tryDispute(s);
    }

    function runRule(RuleStep memory s) external onlyDeployer returns (bool) {
        return _tryRule(s);
    }

    function runWithdraw(WithdrawStep memory s) external onlyDeployer returns (bool) {
        return _tryWithdraw(s);
    }

    function runTransfer(TransferStep memory s) external onlyDeployer returns (bool) {
        return _tryTransfer(s);
    }

    function runClaim(uint256 record, uint16 tokenId) external onlyDeployer returns (bool) {
        return _tryClaim(record, tokenId);
    }

    function runWarp(WarpStep memory s) external onlyDeployer {
        _performWarp(s);
    }

    function runArm(ArmStep memory s) external onlyDeployer {
        _arm(s);
    }

    function runRefuse(RefuseStep memory s) external onlyDeployer {
        _performRefuse(s);
    }

    function runBlock(BlockStep memory s) external onlyDeployer {
        _performBlock(s);
    }

    function runStranger(StrangerStep memory s) external onlyDeployer {
        _performStranger(s, FIRST);
    }

    function runEarly(EarlyStep memory s) external onlyDeployer {
        _performEarly(s);
    }

    function runFakeRule(FakeRuleStep memory s) external onlyDeployer {
        _performFakeRule(s);
    }

    /// @notice The first attestation that satisfies the attestation condition of an escrow on `record` now.
    function goodUid(uint256 record) external view returns (bytes32) {
        return _goodUid(record);
    }
}
