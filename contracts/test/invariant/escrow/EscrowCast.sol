// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TestBase} from "../../utils/TestBase.sol";
import {IntegraRecordV1} from "../../../src/IntegraRecordV1.sol";
import {MultiPartyTokenizerV1} from "../../../src/tokenizers/MultiPartyTokenizerV1.sol";
import {IntegraEscrowV1} from "../../../src/escrow/IntegraEscrowV1.sol";
import {SingleSignerArbitratorV1} from "../../../src/arbitration/SingleSignerArbitratorV1.sol";
import {TestStablecoin} from "../../../src/testing/TestStablecoin.sol";
import {EscrowParty, HookToken, FeeOnTransferToken, FakeArbitrator} from "./EscrowAdversaries.sol";
import {Asset} from "./EscrowSteps.sol";

/// @notice What the escrow suite's setUp deployed and hands to the handler.
struct EscrowDeployment {
    IntegraEscrowV1 escrow;
    IntegraRecordV1 registry;
    IEAS eas;
    MultiPartyTokenizerV1 multiParty;
    bytes32 capabilitySchema;
    /// @dev The schema of the escrows' attestation condition, and a look-alike (same fields, another uid).
    bytes32 conditionSchema;
    bytes32 lookalikeSchema;
    /// @dev The record owner's workflow, which the handler's records are registered into.
    bytes32 processHash;
    address owner;
    address executor;
}

/// @notice The escrow under test and who acts on it: the record's owner and executor (who open escrows), parties
/// (alice, bob, carol, and two contracts: one that re-enters on ether receipt, one that refuses ether), an inspector
/// (the attester of the attestation condition), two arbitrators with their judges, a keeper, a stranger, a fake
/// arbitrator, and the assets: TestStablecoin, ether, a fee-on-transfer token and a re-entering/blocklisting token.
abstract contract EscrowCast is TestBase {
    /// @dev Bound on what a run opens, to keep every ghost loop short.
    uint256 internal constant MAX_ESCROWS = 16;
    /// @dev The details seed of a scripted run: the first candidate of each choice.
    uint256 internal constant FIRST = 0;
    uint256 internal constant BPS = 10_000;

    IntegraEscrowV1 public immutable escrow;
    IntegraRecordV1 public immutable registry;
    IEAS public immutable eas;
    MultiPartyTokenizerV1 public immutable multiParty;
    bytes32 public immutable capabilitySchema;
    bytes32 public immutable conditionSchema;
    bytes32 public immutable lookalikeSchema;
    bytes32 public immutable processHash;
    address public immutable owner;
    address public immutable executor;

    SingleSignerArbitratorV1 public immutable arbitratorA;
    SingleSignerArbitratorV1 public immutable arbitratorB;
    TestStablecoin public immutable stablecoin;
    FeeOnTransferToken public immutable feeToken;
    HookToken public immutable hookToken;
    EscrowParty public immutable reenterer;
    EscrowParty public immutable refuser;
    FakeArbitrator public immutable fakeArbitrator;

    address public immutable alice = vm.addr(0xA);
    address public immutable bob = vm.addr(0xB);
    address public immutable carol = vm.addr(0xC);
    address public immutable inspector = vm.addr(0x1A5EC7);
    address public immutable judgeA = vm.addr(0x10D6EA);
    address public immutable judgeB = vm.addr(0x10D6EB);
    address public immutable keeper = vm.addr(0x6EE9E4);
    address public immutable stranger = vm.addr(0x5757);
    address internal immutable _deployer;

    /// @dev alice, bob, carol, the re-enterer, the refuser: the only accounts party tokens are reserved for or
    /// moved to, and so the only ones the escrow pays.
    address[] internal _parties;
    /// @dev Everyone the invariants look at: the parties, then the keeper, the stranger, the inspector, the judges,
    /// the fake arbitrator, the owner and the executor.
    address[] internal _tracked;

    constructor(EscrowDeployment memory d) {
        escrow = d.escrow;
        registry = d.registry;
        eas = d.eas;
        multiParty = d.multiParty;
        capabilitySchema = d.capabilitySchema;
        conditionSchema = d.conditionSchema;
        lookalikeSchema = d.lookalikeSchema;
        processHash = d.processHash;
        owner = d.owner;
        executor = d.executor;
        _deployer = msg.sender;

        arbitratorA = new SingleSignerArbitratorV1(vm.addr(0x10D6EA));
        arbitratorB = new SingleSignerArbitratorV1(vm.addr(0x10D6EB));
        stablecoin = new TestStablecoin(address(this));
        feeToken = new FeeOnTransferToken();
        hookToken = new HookToken();
        reenterer = new EscrowParty();
        refuser = new EscrowParty();
        fakeArbitrator = new FakeArbitrator();

        _parties.push(vm.addr(0xA));
        _parties.push(vm.addr(0xB));
        _parties.push(vm.addr(0xC));
        _parties.push(address(reenterer));
        _parties.push(address(refuser));
        for (uint256 i; i < _parties.length; ++i) {
            _tracked.push(_parties[i]);
        }
        _tracked.push(vm.addr(0x6EE9E4));
        _tracked.push(vm.addr(0x5757));
        _tracked.push(vm.addr(0x1A5EC7));
        _tracked.push(vm.addr(0x10D6EA));
        _tracked.push(vm.addr(0x10D6EB));
        _tracked.push(address(fakeArbitrator));
        _tracked.push(d.owner);
        _tracked.push(d.executor);
    }

    /// @dev For the test-only entry points: the fuzzer never calls them (targetSelectors), and neither may anyone else.
    modifier onlyDeployer() {
        require(msg.sender == _deployer, "test-only");
        _;
    }

    function parties() external view returns (address[] memory) {
        return _parties;
    }

    function tracked() external view returns (address[] memory) {
        return _tracked;
    }

    /// @notice The asset's address: zero for ether.
    function assetAddress(Asset asset) public view returns (address) {
        if (asset == Asset.Stablecoin) return address(stablecoin);
        if (asset == Asset.FeeToken) return address(feeToken);
        if (asset == Asset.HookToken) return address(hookToken);
        return address(0);
    }

    function balanceIn(Asset asset, address account) public view returns (uint256) {
        if (asset == Asset.Ether) return account.balance;
        return IERC20(assetAddress(asset)).balanceOf(account);
    }

    function judgeOf(address arbitrator) public view returns (address) {
        if (arbitrator == address(arbitratorA)) return judgeA;
        if (arbitrator == address(arbitratorB)) return judgeB;
        return address(0);
    }
}
