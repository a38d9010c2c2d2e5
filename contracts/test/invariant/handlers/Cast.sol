// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ForwardRequestSigner} from "../../utils/ForwardRequestSigner.sol";
import {IntegraRecordV1} from "../../../src/IntegraRecordV1.sol";
import {IntegraCapabilityResolverV1} from "../../../src/IntegraCapabilityResolverV1.sol";
import {IntegraSignalV1} from "../../../src/IntegraSignalV1.sol";
import {IntegraForwarderV1} from "../../../src/IntegraForwarderV1.sol";
import {OwnershipTokenizerV1} from "../../../src/tokenizers/OwnershipTokenizerV1.sol";
import {MultiPartyTokenizerV1} from "../../../src/tokenizers/MultiPartyTokenizerV1.sol";
import {ReentrantReceiver, FakeTokenizer} from "../Adversaries.sol";

/// @notice The system under test and the cast who act on it, as the handler's actions see them: clerks who
/// register records, their executors, a second registrant, parties (one of them a contract that re-enters), an
/// attacker, a fake tokenizer and the relayers that submit forwarded requests.
abstract contract Cast is ForwardRequestSigner {
    /// @dev Bounds on what a run registers, to keep every ghost loop short.
    uint256 internal constant MAX_OFFICIAL_RECORDS = 10;
    uint256 internal constant MAX_FAKE_RECORDS = 2;
    /// @dev Records the attacker registers in its own workflow (opened with a victim's workflow id), no tokenizer.
    uint256 internal constant MAX_SQUAT_RECORDS = 2;
    /// @dev IntegraSignalV1.MAX_PENDING_PER_PAIR and MAX_CIPHERTEXT_BYTES, restated.
    uint256 internal constant MAX_PENDING_PER_PAIR = 4;
    uint256 internal constant MAX_CIPHERTEXT_BYTES = 512;
    /// @dev The highest multi-party token id a reservation picks.
    uint256 internal constant MAX_ROLE = 4;

    bytes32 public constant CONTENT_A = 0x789cf15df4d671e2d52f5a88b9f3cc8b3a968cd3eeabe1206dcf01c7f6b80b77;
    bytes32 public constant CONTENT_B = keccak256("Lease of 3 Quay Street");
    /// @dev The clerks' workflow ids, and their workflows: clerkA's closing, clerkB's refinance.
    bytes32 public constant ID_A = keccak256("closing-2026-0042");
    bytes32 public constant ID_B = keccak256("refinance-2026-0107");
    bytes32 public immutable PROCESS_A = keccak256(abi.encode(vm.addr(0xA11CE), ID_A));
    bytes32 public immutable PROCESS_B = keccak256(abi.encode(vm.addr(0xC1E4B), ID_B));

    uint256 internal constant ALICE_KEY = 0xA;
    uint256 internal constant BOB_KEY = 0xB;
    uint256 internal constant CAROL_KEY = 0xC;
    uint256 internal constant ATTACKER_KEY = 0x5757;

    IntegraRecordV1 public immutable registry;
    IEAS public immutable eas;
    bytes32 public immutable capabilitySchema;
    IntegraCapabilityResolverV1 public immutable capabilityResolver;
    OwnershipTokenizerV1 public immutable ownership;
    MultiPartyTokenizerV1 public immutable multiParty;
    IntegraSignalV1 public immutable signal;
    IntegraForwarderV1 public immutable forwarder;
    ReentrantReceiver public immutable receiver;
    FakeTokenizer public immutable fake;
    address internal immutable _deployer;

    address public immutable clerkA = vm.addr(0xA11CE);
    address public immutable execA = vm.addr(0xE8EC);
    address public immutable clerkB = vm.addr(0xC1E4B);
    address public immutable execB = vm.addr(0xE8EC2);
    address public immutable registrant2 = vm.addr(0x2E6157);
    address public immutable alice = vm.addr(ALICE_KEY);
    address public immutable bob = vm.addr(BOB_KEY);
    address public immutable carol = vm.addr(CAROL_KEY);
    address public immutable attacker = vm.addr(ATTACKER_KEY);
    address public immutable relayer0 = vm.addr(0x4E1A7E4);
    address public immutable relayer1 = vm.addr(0x4E1A7E5);

    /// @dev alice, bob, carol, receiver: the only addresses tokens are reserved for or moved to.
    address[] internal _parties;
    /// @dev clerkA, clerkB, execA, execB, registrant2: owners and executors, offers and appointments go among them.
    address[] internal _principals;
    /// @dev attacker, forwarder, relayers, fake tokenizer: must never hold a token.
    address[] internal _outsiders;
    /// @dev The private key of each party that can sign a forward request.
    mapping(address => uint256) internal _keyOf;

    constructor(
        IntegraRecordV1 registry_,
        IEAS eas_,
        bytes32 capabilitySchema_,
        IntegraCapabilityResolverV1 capabilityResolver_,
        OwnershipTokenizerV1 ownership_,
        MultiPartyTokenizerV1 multiParty_,
        IntegraSignalV1 signal_,
        IntegraForwarderV1 forwarder_
    ) {
        registry = registry_;
        eas = eas_;
        capabilitySchema = capabilitySchema_;
        capabilityResolver = capabilityResolver_;
        ownership = ownership_;
        multiParty = multiParty_;
        signal = signal_;
        forwarder = forwarder_;
        receiver = new ReentrantReceiver();
        fake = new FakeTokenizer();
        _deployer = msg.sender;

        _parties.push(vm.addr(ALICE_KEY));
        _parties.push(vm.addr(BOB_KEY));
        _parties.push(vm.addr(CAROL_KEY));
        _parties.push(address(receiver));
        _principals.push(vm.addr(0xA11CE));
        _principals.push(vm.addr(0xC1E4B));
        _principals.push(vm.addr(0xE8EC));
        _principals.push(vm.addr(0xE8EC2));
        _principals.push(vm.addr(0x2E6157));
        _outsiders.push(vm.addr(ATTACKER_KEY));
        _outsiders.push(address(forwarder_));
        _outsiders.push(vm.addr(0x4E1A7E4));
        _outsiders.push(vm.addr(0x4E1A7E5));
        _outsiders.push(address(fake));
        _keyOf[vm.addr(ALICE_KEY)] = ALICE_KEY;
        _keyOf[vm.addr(BOB_KEY)] = BOB_KEY;
        _keyOf[vm.addr(CAROL_KEY)] = CAROL_KEY;
        _keyOf[vm.addr(ATTACKER_KEY)] = ATTACKER_KEY;
    }

    /// @dev For the test-only entry points: the fuzzer never calls them (targetSelectors), and neither may anyone else.
    modifier onlyDeployer() {
        require(msg.sender == _deployer, "test-only");
        _;
    }

    function isOfficial(address tokenizer) public view returns (bool) {
        return tokenizer == address(ownership) || tokenizer == address(multiParty);
    }

    function parties() external view returns (address[] memory) {
        return _parties;
    }

    function principals() external view returns (address[] memory) {
        return _principals;
    }

    function outsiders() external view returns (address[] memory) {
        return _outsiders;
    }

    /// @notice Everyone whose balances and nonces the invariants compare: parties, principals, outsiders.
    function tracked() public view returns (address[] memory all) {
        all = new address[](_parties.length + _principals.length + _outsiders.length);
        uint256 k;
        for (uint256 i; i < _parties.length; ++i) {
            all[k++] = _parties[i];
        }
        for (uint256 i; i < _principals.length; ++i) {
            all[k++] = _principals[i];
        }
        for (uint256 i; i < _outsiders.length; ++i) {
            all[k++] = _outsiders[i];
        }
    }

    /// @dev The addresses clerks name as executors without their consent: they never accept.
    function _isStranger(address account) internal view returns (bool) {
        return account == attacker || account == alice || account == bob || account == carol;
    }
}
