// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    IEAS,
    AttestationRequest,
    AttestationRequestData,
    RevocationRequest,
    RevocationRequestData
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ForwardRequestSigner} from "../utils/ForwardRequestSigner.sol";
import {Vm} from "../utils/Vm.sol";
import {IntegraRecordV1} from "../../src/IntegraRecordV1.sol";
import {IIntegraTokenizer} from "../../src/interfaces/IIntegraTokenizer.sol";
import {IntegraCapabilityResolverV1} from "../../src/IntegraCapabilityResolverV1.sol";
import {IntegraSignalV1} from "../../src/IntegraSignalV1.sol";
import {IntegraForwarderV1} from "../../src/IntegraForwarderV1.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";
import {OwnershipTokenizerV1} from "../../src/tokenizers/OwnershipTokenizerV1.sol";
import {MultiPartyTokenizerV1} from "../../src/tokenizers/MultiPartyTokenizerV1.sol";
import {Capabilities} from "../../src/Capabilities.sol";
import {ReentrantReceiver, FakeTokenizer} from "./Adversaries.sol";

/// @notice Drives random sequences over the whole system, as its real cast would: clerks who register records
/// (with their party sets, or reserving and sealing later), their executors, parties who claim (directly or through
/// the forwarder, a relayer paying), move their tokens and exchange payment signals, authority changes in the middle
/// of all that (offers, cancelled offers, acceptances, executors offered and accepting A -> B -> A, former owners
/// re-appointed, executors removed), workflow owners admitting and removing members, a second registrant who
/// registers copies of documents under a clerk's workflow while (and after) it is a member, an attacker (forged
/// forward requests, calls without authority, theft, registrations into other people's workflows with their
/// workflow id and content hash), clerks naming strangers as executors, sellers changing a record between an offer
/// and its accept, parties flooding each other with payment signals, former principals who keep trying, a fake
/// tokenizer, and a contract party that re-enters the tokenizer, the signal contract or the registry when it
/// receives a token.
///
/// Ghost state is written only after a call SUCCEEDED, from what was asked of the system (who called, with which
/// arguments) and from the logs the call emitted; it models what the system promises, and the invariants compare
/// it with the chain. A call that succeeded but should not have (by the rules the ghost knows) is recorded as a
/// violation in its category, with the first reason, and still applied to the ghost.
/// @dev fail_on_revert is off; actions try calls and never assert. Every attempt runs between `_begin` (which
/// resets forge's log recording: it also records logs of reverted calls) and `_commit` (after success only).
contract IntegraHandler is ForwardRequestSigner {
    // ------------------------------------------------------------------ ghost types

    struct RecordGhost {
        address tokenizer;
        bytes32 processHash;
        bytes32 contentHash;
        address registrant;
        address owner;
        /// @dev The executor: only ever an address whose acceptExecutorRole succeeded.
        address executor;
        address pending;
        /// @dev The address offered the executor role and not yet accepting.
        address pendingExecutor;
        /// @dev Successful acceptExecutorRole, removeExecutor and acceptRecordOwnership calls since registration.
        uint64 epoch;
        /// @dev The record's version as the registry must report it: the registry's changes (executor accepted or
        /// removed, ownership accepted) plus the tokenizer's (reservations, cancels, seals, claims).
        uint256 version;
        /// @dev The version when the pending ownership offer was made.
        uint256 versionAtOffer;
        /// @dev Registered by its workflow's owner or a then-member (or outside any workflow).
        bool byMember;
        bool isSealed;
        /// @dev The live reservations when the party set was sealed: the seats that must all be claimed.
        uint256 partyCount;
        /// @dev DocumentComplete logs seen with this record as topic1.
        uint256 completeEvents;
    }

    struct TokenGhost {
        IntegraTokenizerBase.TokenStatus status;
        address reservedFor;
        uint256 amount;
        address claimant;
        bytes32 uid;
        /// @dev The record's ghost epoch, the time and the handler step of the successful claim.
        uint64 claimEpoch;
        uint64 claimedAt;
        uint256 claimStep;
    }

    struct Grant {
        bytes32 integraHash;
        address recipient;
        uint256 attestedTokenId;
        uint256 tokenId;
        bytes32 uid;
        address attester;
        uint256 caps;
        uint64 expirationTime;
        /// @dev The record's ghost epoch when the attestation was made.
        uint64 epoch;
        /// @dev The handler step of its successful revocation (0: never revoked).
        uint256 revokedStep;
    }

    struct PaymentGhost {
        uint256 id;
        bytes32 integraHash;
        address requestor;
        address payer;
        uint256 requestorTokenId;
        uint256 payerTokenId;
        uint64 deadline;
        /// @dev Judged from the ghost when the PaymentRequested log was seen.
        bool official;
        bool requestorIsParty;
        bool payerIsParty;
        IntegraSignalV1.PaymentStatus status;
    }

    /// @dev One distinct (emitter, topic0, topic1, topic2, topic count) among the Integra logs seen.
    struct EventKey {
        address emitter;
        bytes32 topic0;
        bytes32 integraHash;
        bytes32 topic2;
        uint256 topicCount;
    }

    struct RegisterArgs {
        address registrant;
        address tokenizer;
        bytes32 contentHash;
        bytes32 processHash;
        address executor;
        bool withParties;
        address[] recipients;
        uint256[] amounts;
        /// @dev Every party's role label; malformed when over MAX_ROLE_BYTES.
        string role;
    }

    struct AttestArgs {
        bytes32 integraHash;
        address attester;
        address recipient;
        uint256 attestedTokenId;
        uint256 tokenId;
        uint256 caps;
        uint64 expirationTime;
        bytes32 processHash;
    }

    struct ClaimArgs {
        bytes32 integraHash;
        address caller;
        address tokenizer;
        uint256 tokenId;
        bytes32 uid;
        bytes32 processHash;
        uint256 relayerSeed;
        uint256 planSeed;
    }

    struct TransferArgs {
        bytes32 integraHash;
        uint256 tokenId;
        address caller;
        address from;
        address to;
        uint256 amount;
        uint256 relayerSeed;
        uint256 planSeed;
    }

    /// @dev What the receiver does on its next receipt; `other`/`amount`/`uid`/`tokenId` describe it for the ghost.
    struct Plan {
        uint8 kind;
        address target;
        bytes data;
        bytes32 integraHash;
        uint256 tokenId;
        bytes32 uid;
        address other;
        uint256 amount;
    }

    // ------------------------------------------------------------------ constants

    uint256 internal constant MAX_OFFICIAL_RECORDS = 10;
    uint256 internal constant MAX_FAKE_RECORDS = 2;
    /// @dev Records the attacker registers in its own workflow (opened with a victim's workflow id), no tokenizer.
    uint256 internal constant MAX_SQUAT_RECORDS = 2;
    /// @dev IntegraSignalV1.MAX_PENDING_PER_PAIR and MAX_CIPHERTEXT_BYTES, restated.
    uint256 internal constant MAX_PENDING_PER_PAIR = 4;
    uint256 internal constant MAX_CIPHERTEXT_BYTES = 512;
    uint256 internal constant MAX_ROLE = 4;
    uint256 internal constant FORGERY_KINDS = 5;
    /// @dev relayerSeed meaning "the caller sends the call itself".
    uint256 internal constant DIRECT = type(uint256).max;

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

    // Re-entries of the receiver (see ReentrantReceiver): 0 none.
    uint8 internal constant R_RECLAIM = 1; // claim the token just received again: must fail
    uint8 internal constant R_CLAIM_OTHER = 2; // claim another token reserved for it: allowed, ghost follows
    uint8 internal constant R_RESERVE = 3; // reserve as a party: must fail
    uint8 internal constant R_CANCEL = 4; // cancel a reservation as a party: must fail
    uint8 internal constant R_SEAL = 5; // seal the party set as a party: must fail
    uint8 internal constant R_PAYMENT = 6; // request a payment: judged by the payment invariant
    uint8 internal constant R_FORWARD_ON = 7; // pass the token on to another party: allowed, ghost follows
    uint8 internal constant R_REGISTRY = 8; // offer itself the executor role, accept it, or become pending owner: fail
    uint8 internal constant REENTRY_KINDS = 9;

    bytes32 public constant V_FORMER = "formerPrincipal";
    bytes32 public constant V_ATTACKER = "attacker";
    bytes32 public constant V_UNAUTHORIZED = "unauthorized";
    bytes32 public constant V_FAKE = "fakeTokenizer";
    bytes32 public constant V_REENTRY = "reentry";
    bytes32 public constant V_WORKFLOW = "workflow";
    bytes32 public constant V_RULES = "rules";
    bytes32 public constant V_FORGERY = "forgery";
    bytes32 public constant V_MEMBERSHIP = "membership";
    bytes32 public constant V_CONSENT = "consent";
    bytes32 public constant V_VERSION = "version";
    bytes32 public constant V_FLOOD = "flood";

    // ------------------------------------------------------------------ the system and the cast

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
    mapping(address => uint256) internal _keyOf;

    // ------------------------------------------------------------------ ghost state

    bytes32[] internal _records;
    uint256 public officialRecords;
    uint256 public fakeRecords;
    uint256 public squatRecords;

    /// @dev The workflows opened (the owner and id of each), and their current members.
    bytes32[] internal _workflows;
    mapping(bytes32 processHash => address) internal _workflowOwner;
    mapping(bytes32 processHash => bytes32) internal _workflowId;
    mapping(bytes32 processHash => address[]) internal _members;
    mapping(bytes32 processHash => mapping(address => bool)) internal _isMember;
    /// @notice TokenClaimed and DocumentComplete logs of a workflow (processHash not zero) seen, and how many of
    /// them came from a record that neither the workflow's owner nor a then-member registered.
    uint256 public workflowOutcomes;
    uint256 public workflowOutcomesFromStrangers;
    /// @dev Addresses whose acceptExecutorRole succeeded for a record: the only ones that consented to the role.
    mapping(bytes32 => mapping(address => bool)) internal _accepted;
    mapping(bytes32 => RecordGhost) internal _rec;
    mapping(bytes32 => uint256[]) internal _ids;
    mapping(bytes32 => address[]) internal _everPrincipals;
    mapping(bytes32 => mapping(address => bool)) internal _wasPrincipal;
    mapping(bytes32 => mapping(uint256 => TokenGhost)) internal _tok;
    mapping(bytes32 => mapping(uint256 => mapping(address => uint256))) internal _bal;
    /// @dev The role each token was last reserved in (a re-reservation replaces it, an empty role included).
    mapping(bytes32 => mapping(uint256 => string)) internal _role;

    Grant[] internal _grants;
    mapping(bytes32 uid => uint256) internal _grantIndexPlusOne;

    PaymentGhost[] internal _payments;
    mapping(uint256 paymentId => uint256) internal _paymentIndexPlusOne;

    EventKey[] internal _eventKeys;
    mapping(bytes32 => bool) internal _eventKeySeen;
    /// @notice Integra logs (not token-standard ones) of successful calls checked so far.
    uint256 public logsChecked;

    /// @notice Forward requests the forwarder executed, per signer.
    mapping(address => uint256) public forwardedBy;
    ERC2771Forwarder.ForwardRequestData[] internal _executed;

    /// @notice Successful calls that should have failed, per category (V_*), and the first one's reason.
    mapping(bytes32 category => uint256) public violations;
    string public firstViolation;

    /// @notice Successful calls (or refused attacks, for the attacking actions) per action and per sub-kind.
    mapping(bytes32 action => uint256) public successes;

    uint256 public step;

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

    modifier onlyDeployer() {
        require(msg.sender == _deployer, "test-only");
        _;
    }

    // ================================================================== actions (the fuzzer's targets)

    /// @notice A clerk registers a record (ownership or multi-party; with its party set, reserved and sealed in the
    /// same transaction, or alone) in its own workflow (one call in eight in the other clerk's, which only a member
    /// may; one in eight outside any workflow), or the second registrant registers a copy of an existing record's
    /// document under that record's workflow (allowed while it is a member). The executor named is only offered the
    /// role; it accepts at once three times in four. One call in eight passes a malformed party list, which must be
    /// refused.
    function registerRecord(uint256 registrantSeed, uint256 shapeSeed, uint256 partySeed) external {
        if (officialRecords >= MAX_OFFICIAL_RECORDS) return;
        RegisterArgs memory a;
        a.registrant = [clerkA, clerkB, registrant2][registrantSeed % 3];
        bool deal = shapeSeed % 2 == 1;
        a.tokenizer = deal ? address(multiParty) : address(ownership);
        a.withParties = (shapeSeed / 2) % 4 != 0;
        a.executor = [address(0), execA, execB][(shapeSeed / 8) % 3];
        if (a.registrant == registrant2 && officialRecords > 0) {
            bytes32 original = _officialRecord(registrantSeed / 3);
            a.contentHash = _rec[original].contentHash;
            a.processHash = _rec[original].processHash;
        } else {
            a.contentHash = (shapeSeed / 24) % 2 == 0 ? CONTENT_A : CONTENT_B;
            uint256 where = (shapeSeed / 48) % 8;
            bytes32 own = a.registrant == clerkB ? PROCESS_B : PROCESS_A;
            a.processHash = where == 7 ? bytes32(0) : where == 6 ? (own == PROCESS_A ? PROCESS_B : PROCESS_A) : own;
        }
        uint256 n = deal ? 1 + partySeed % 3 : 1;
        a.recipients = new address[](n);
        a.amounts = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            a.recipients[i] = _parties[(partySeed / 3 + i) % _parties.length];
            a.amounts[i] = deal ? 1 + (partySeed >> (8 * (i + 1))) % 100 : 1;
        }
        a.role = _roleFor(partySeed >> 70);
        if ((partySeed >> 64) % 8 == 7) _malform(a, partySeed >> 67);
        (bool ok, bytes32 ih) = _tryRegister(a);
        if (ok && a.executor != address(0) && (shapeSeed >> 96) % 4 != 3) _tryAcceptExecutor(ih, a.executor);
    }

    function reserve(
        uint256 recordSeed,
        uint256 callerSeed,
        uint256 tokenSeed,
        uint256 recipientSeed,
        uint256 amountSeed
    ) external {
        bytes32 ih = _officialRecord(recordSeed);
        bool deed = _rec[ih].tokenizer == address(ownership);
        uint256 tokenId = deed ? (tokenSeed % 16 == 15 ? 2 : 1) : 1 + tokenSeed % MAX_ROLE;
        _tryReserveAs(
            ih,
            _authority(ih, callerSeed),
            _rec[ih].tokenizer,
            tokenId,
            _parties[recipientSeed % _parties.length],
            deed ? 1 : 1 + amountSeed % 100,
            _processFor(ih, amountSeed >> 8),
            _roleFor(amountSeed >> 16)
        );
    }

    function cancel(uint256 recordSeed, uint256 callerSeed, uint256 tokenSeed) external {
        bytes32 ih = _officialRecord(recordSeed);
        _tryCancel(ih, _authority(ih, callerSeed), _rec[ih].tokenizer, _reservedTokenId(ih, tokenSeed));
    }

    function sealParties(uint256 recordSeed, uint256 callerSeed) external {
        bytes32 ih = _officialRecord(recordSeed);
        _trySeal(ih, _authority(ih, callerSeed), _rec[ih].tokenizer);
    }

    /// @notice The owner or executor (sometimes someone else) attests a capability: mostly CLAIM for a reserved
    /// token's recipient, sometimes for any token (attested token id 0), without CLAIM, expiring, or no capability.
    function attest(
        uint256 recordSeed,
        uint256 attesterSeed,
        uint256 tokenSeed,
        uint256 recipientSeed,
        uint256 capsSeed
    ) external {
        (bool awaiting, bytes32 ih,) = _tokenAwaitingClaim(recordSeed);
        if (!awaiting) ih = _officialRecord(recordSeed);
        AttestArgs memory a;
        a.integraHash = ih;
        a.attester = _authority(ih, attesterSeed);
        a.tokenId = _reservedTokenId(ih, tokenSeed);
        (, a.recipient) = _reservation(ih, a.tokenId);
        if (a.recipient == address(0) || recipientSeed % 4 == 3) {
            a.recipient = _parties[recipientSeed % _parties.length];
        }
        a.attestedTokenId = tokenSeed % 5 == 0 ? 0 : a.tokenId;
        a.caps = capsSeed % 8 == 7 ? Capabilities.TRANSFER : Capabilities.CLAIM | (capsSeed & 0xe);
        if (capsSeed % 29 == 3) a.caps = 0;
        a.expirationTime = (capsSeed / 8) % 4 == 3 ? uint64(block.timestamp + 1 + (capsSeed >> 8) % 2 days) : 0;
        a.processHash = _processFor(ih, capsSeed >> 24);
        _tryAttest(a);
    }

    /// @notice An attester revokes one of its attestations (allowed even after it lost authority).
    function revoke(uint256 grantSeed) external {
        if (_grants.length == 0) return;
        uint256 index = grantSeed % _grants.length;
        Grant storage g = _grants[index];
        bytes memory data = abi.encodeCall(
            IEAS.revoke,
            (RevocationRequest({schema: capabilitySchema, data: RevocationRequestData({uid: g.uid, value: 0})}))
        );
        _begin();
        (bool ok,) = _exec(g.attester, address(eas), data, DIRECT);
        if (!ok) return;
        successes["revoke"]++;
        if (g.revokedStep != 0) _violation(V_RULES, "an attestation was revoked twice");
        g.revokedStep = step;
        _commit();
    }

    /// @notice A party claims with an attestation: usually a grant that should work, sometimes a stale, revoked,
    /// expired or foreign one, another token, the wrong workflow, or someone else's grant. When the party is the
    /// re-entering receiver, it is armed with a re-entry chosen by `planSeed`.
    function claim(uint256 grantSeed, uint256 callerSeed, uint256 tokenSeed, uint256 planSeed) external {
        if (_grants.length == 0) return;
        Grant memory g = _grants[_pickGrant(grantSeed, false)];
        ClaimArgs memory c = _claimArgs(g, tokenSeed);
        c.caller = callerSeed % 10 == 9 ? _parties[(callerSeed / 10) % _parties.length] : g.recipient;
        c.processHash = _processFor(g.integraHash, callerSeed >> 8);
        c.relayerSeed = DIRECT;
        c.planSeed = planSeed;
        _tryClaim(c);
    }

    /// @notice The grant's recipient signs the claim as an ERC-2771 request and a relayer submits it: the token must
    /// reach the signer, never the relayer or the forwarder, and the signer's forwarder nonce moves by one.
    function forwardedClaim(uint256 grantSeed, uint256 relayerSeed, uint256 tokenSeed) external {
        if (_grants.length == 0) return;
        uint256 index = _pickGrant(grantSeed, true);
        Grant memory g = _grants[index];
        if (_keyOf[g.recipient] == 0) return;
        ClaimArgs memory c = _claimArgs(g, tokenSeed);
        c.caller = g.recipient;
        c.processHash = _rec[g.integraHash].processHash;
        c.relayerSeed = relayerSeed;
        _tryClaim(c);
    }

    /// @notice A whole flow in one action, so that agreements do complete within a run: the owner or executor
    /// attests CLAIM for a token waiting to be claimed, and its recipient claims it at once, directly, through the
    /// forwarder, or (the receiver) with a re-entry chosen by `modeSeed`.
    function claimFlow(uint256 recordSeed, uint256 attesterSeed, uint256 modeSeed) external {
        (bool found, bytes32 ih, uint256 tokenId) = _tokenAwaitingClaim(recordSeed);
        if (!found) return;
        AttestArgs memory a;
        a.integraHash = ih;
        a.attester = _authority(ih, attesterSeed);
        // Claims need a sealed party set: the owner or executor seals it first if need be.
        if (!_rec[ih].isSealed && !_trySeal(ih, a.attester, _rec[ih].tokenizer)) return;
        (, a.recipient) = _reservation(ih, tokenId);
        a.tokenId = tokenId;
        a.attestedTokenId = modeSeed % 3 == 2 ? 0 : tokenId;
        a.caps = Capabilities.CLAIM;
        a.processHash = _rec[ih].processHash;
        if (!_tryAttest(a)) return;
        ClaimArgs memory c;
        c.integraHash = ih;
        c.caller = a.recipient;
        c.tokenizer = _rec[ih].tokenizer;
        c.tokenId = tokenId;
        c.uid = _grants[_grants.length - 1].uid;
        c.processHash = a.processHash;
        c.relayerSeed = (modeSeed >> 2) % 2 == 0 ? DIRECT : modeSeed >> 3;
        c.planSeed = modeSeed >> 8;
        if (_tryClaim(c)) successes["claimFlow"]++;
    }

    /// @notice The attacker tries to make the forwarder act for a party: 0 replays an executed request; 1 changes
    /// one signed field of a party's fresh claim; 2 signs a claim in a party's name with its own key; 3 sends its
    /// own valid request for a party's claim; 4 submits a party's claim past its deadline. Each must fail.
    function forgeForwarded(uint256 kindSeed, uint256 pickSeed, uint256 fieldSeed) external {
        uint256 kind = kindSeed % FORGERY_KINDS;
        if (kind == 0 && _executed.length == 0) kind = 1 + kindSeed % (FORGERY_KINDS - 1);
        ERC2771Forwarder.ForwardRequestData memory request;
        if (kind == 0) {
            request = _executed[pickSeed % _executed.length];
        } else {
            bool found;
            (found, request) = _forgery(kind, pickSeed, fieldSeed);
            if (!found) return;
        }
        _begin();
        vm.prank(attacker);
        try forwarder.execute(request) {
            _violation(V_FORGERY, "a forged, tampered, expired or replayed forward request executed");
            _commit();
        } catch {
            successes["forgeForwarded"]++;
        }
    }

    /// @notice A holder moves (some of) its token to another party, directly or through the forwarder. A move to
    /// the receiver arms it with a re-entry chosen by `planSeed`.
    function transferToken(uint256 holdingSeed, uint256 toSeed, uint256 amountSeed, uint256 planSeed) external {
        (bool found, bytes32 ih, uint256 tokenId, address holder) = _someHolding(holdingSeed, false);
        if (!found) return;
        TransferArgs memory t;
        t.integraHash = ih;
        t.tokenId = tokenId;
        t.caller = holder;
        t.from = holder;
        t.to = _parties[toSeed % _parties.length];
        if (t.to == holder) t.to = _parties[(toSeed % _parties.length + 1) % _parties.length];
        // One move in two hands on all of it: its claimant is then no longer a consenting party.
        uint256 held = _bal[ih][tokenId][holder];
        t.amount = (amountSeed >> 64) % 2 == 1 ? held : 1 + uint64(amountSeed) % held;
        t.relayerSeed = (amountSeed >> 128) % 3 == 0 ? amountSeed >> 130 : DIRECT;
        t.planSeed = planSeed;
        _tryTransfer(t);
    }

    /// @notice The owner (sometimes someone else) offers a record to another principal.
    function offerOwnership(uint256 recordSeed, uint256 toSeed, uint256 callerSeed) external {
        bytes32 ih = _officialRecord(recordSeed);
        address caller = callerSeed % 6 == 5 ? _principals[(callerSeed / 6) % _principals.length] : _rec[ih].owner;
        _tryOffer(ih, caller, _principals[toSeed % _principals.length]);
    }

    function cancelOwnershipOffer(uint256 recordSeed, uint256 callerSeed) external {
        bytes32 ih = _pendingRecord(recordSeed);
        address caller = callerSeed % 6 == 5 ? _principals[(callerSeed / 6) % _principals.length] : _rec[ih].owner;
        _tryCancelOffer(ih, caller);
    }

    /// @notice The pending owner (sometimes someone else) accepts a record, naming the version it sees now, or (one
    /// call in four) the version it saw at the offer, which may be stale.
    function acceptOwnership(uint256 recordSeed, uint256 callerSeed) external {
        bytes32 ih = _pendingRecord(recordSeed);
        if (_holdAuthorityChange(ih, callerSeed)) return;
        address caller = callerSeed % 6 == 5 || _rec[ih].pending == address(0)
            ? _principals[(callerSeed / 6) % _principals.length]
            : _rec[ih].pending;
        _tryAccept(ih, caller, (callerSeed >> 16) % 4 == 3 ? _rec[ih].versionAtOffer : _rec[ih].version);
    }

    /// @notice The front-run attack on a sale: the owner offers the record (unless an offer is pending), the buyer
    /// sees its version, then the seller's side changes it (reserves, cancels, seals, attests and has a party claim,
    /// appoints or removes an executor) before the buyer's accept, which names the version seen at the offer. It
    /// must fail whenever the record changed, and succeed when it did not.
    function frontRunAccept(uint256 recordSeed, uint256 changeSeed, uint256 buyerSeed) external {
        bytes32 ih = _officialRecord(recordSeed);
        RecordGhost storage r = _rec[ih];
        if (r.pending == address(0)) {
            address to = _principals[buyerSeed % _principals.length];
            if (to == r.owner) to = _principals[(buyerSeed % _principals.length + 1) % _principals.length];
            if (!_tryOffer(ih, r.owner, to)) return;
        }
        uint256 seen = r.version;
        _sellerChanges(ih, changeSeed);
        bool changed = r.version != seen;
        bool accepted = _tryAccept(ih, r.pending, seen);
        if (changed && !accepted) successes["frontRunRefused"]++;
        if (accepted && changed) _violation(V_VERSION, "an accept went through after the record changed");
    }

    /// @dev The seller's side (the owner or its executor) changes the record: 0 reserves a token, 1 cancels one, 2
    /// seals the party set, 3 attests CLAIM for a reserved token and its party claims it, 4 offers the executor role
    /// to a principal who accepts, 5 removes the executor; 6 does nothing. Any of them may fail (then nothing changed).
    function _sellerChanges(bytes32 ih, uint256 seed) internal {
        RecordGhost storage r = _rec[ih];
        address seller = _authority(ih, seed >> 8);
        uint256 kind = seed % 7;
        if (kind == 0) {
            _tryReserve(
                ih, seller, r.tokenizer, _someTokenId(ih, seed >> 16), _parties[(seed >> 24) % 3], 1, r.processHash
            );
        } else if (kind == 1) {
            _tryCancel(ih, seller, r.tokenizer, _reservedTokenId(ih, seed >> 16));
        } else if (kind == 2) {
            _trySeal(ih, seller, r.tokenizer);
        } else if (kind == 3) {
            (bool found, uint256 tokenId) = _reservedOn(ih, seed >> 16);
            if (!found || !r.isSealed || vacancy(ih)) return;
            AttestArgs memory a;
            a.integraHash = ih;
            a.attester = seller;
            (, a.recipient) = _reservation(ih, tokenId);
            a.tokenId = tokenId;
            a.attestedTokenId = tokenId;
            a.caps = Capabilities.CLAIM;
            a.processHash = r.processHash;
            if (!_tryAttest(a)) return;
            ClaimArgs memory c = ClaimArgs(
                ih, a.recipient, r.tokenizer, tokenId, _grants[_grants.length - 1].uid, r.processHash, DIRECT, 0
            );
            _tryClaim(c);
        } else if (kind == 4) {
            address candidate = _principals[(seed >> 16) % _principals.length];
            if (_tryOfferExecutor(ih, r.owner, candidate)) _tryAcceptExecutor(ih, candidate);
        } else if (kind == 5) {
            _tryRemoveExecutor(ih, r.owner);
        }
    }

    /// @notice The owner (sometimes someone else) offers the executor role: to nobody (withdrawing an offer), execA,
    /// execB, or a principal who may have owned the record before (A -> B -> A, re-appointments); the candidate
    /// accepts at once one call in two.
    function offerExecutor(uint256 recordSeed, uint256 candidateSeed, uint256 callerSeed) external {
        bytes32 ih = _officialRecord(recordSeed);
        address caller = callerSeed % 6 == 5 ? _principals[(callerSeed / 6) % _principals.length] : _rec[ih].owner;
        address candidate = candidateSeed % 6 == 0 ? address(0) : _principals[candidateSeed % _principals.length];
        if (!_tryOfferExecutor(ih, caller, candidate)) return;
        if (candidate == address(0) || (candidateSeed >> 8) % 2 == 1 || _holdAuthorityChange(ih, callerSeed)) return;
        _tryAcceptExecutor(ih, candidate);
    }

    /// @notice The candidate offered a record's executor role accepts it; one call in six, and always when the
    /// candidate is a stranger named without its consent (see nameStrangerExecutor), someone else tries (the owner,
    /// another principal, a party, the attacker): refused.
    function acceptExecutorRole(uint256 recordSeed, uint256 callerSeed) external {
        bytes32 ih = _pendingExecutorRecord(recordSeed);
        if (_holdAuthorityChange(ih, callerSeed)) return;
        address candidate = _rec[ih].pendingExecutor;
        address caller = candidate;
        if (callerSeed % 6 == 5 || candidate == address(0) || _isStranger(candidate)) {
            uint256 k = (callerSeed / 6) % (_principals.length + 2);
            caller = k < _principals.length ? _principals[k] : k == _principals.length ? attacker : alice;
            if (caller == candidate) caller = _rec[ih].owner;
        }
        bool ok = _tryAcceptExecutor(ih, caller);
        if (!ok && caller != candidate) successes["acceptExecutorRefused"]++;
    }

    /// @notice The owner (sometimes someone else) removes the record's executor.
    function removeExecutor(uint256 recordSeed, uint256 callerSeed) external {
        bytes32 ih = _officialRecord(recordSeed);
        if (_holdAuthorityChange(ih, callerSeed)) return;
        address caller = callerSeed % 6 == 5 ? _principals[(callerSeed / 6) % _principals.length] : _rec[ih].owner;
        _tryRemoveExecutor(ih, caller);
    }

    /// @notice A clerk names a stranger as executor, who never consents: 0 a record registered naming the attacker
    /// or a party (alice, bob, carol) as executor; 1 the owner offers the role to one of them; 2 the named stranger
    /// tries to act (reserve, seal, attest); 3 the registrant, another principal or the attacker tries to accept the
    /// role for it. Every attempt in 2 and 3 must fail.
    function nameStrangerExecutor(uint256 kindSeed, uint256 recordSeed, uint256 argSeed) external {
        uint256 kind = kindSeed % 4;
        address named = [attacker, alice, bob, carol][argSeed % 4];
        if (kind == 0) {
            if (officialRecords >= MAX_OFFICIAL_RECORDS) return;
            RegisterArgs memory a;
            a.registrant = argSeed % 8 < 4 ? clerkA : clerkB;
            a.tokenizer = (argSeed >> 8) % 2 == 0 ? address(multiParty) : address(ownership);
            a.contentHash = CONTENT_A;
            a.processHash = a.registrant == clerkA ? PROCESS_A : PROCESS_B;
            a.executor = named;
            (bool registered,) = _tryRegister(a);
            if (registered) successes["strangerNamed"]++;
            return;
        }
        (bool found, bytes32 ih) = _strangerNamedRecord(recordSeed);
        if (kind == 1 || !found) {
            ih = _officialRecord(recordSeed);
            if (_tryOfferExecutor(ih, _rec[ih].owner, named)) successes["strangerNamed"]++;
            return;
        }
        named = _rec[ih].pendingExecutor;
        bool ok;
        if (kind == 2) {
            uint256 act = (argSeed >> 8) % 3;
            if (act == 0) {
                ok = _tryReserve(ih, named, _rec[ih].tokenizer, _someTokenId(ih, argSeed >> 16), named, 1, _rec[ih].processHash);
            } else if (act == 1) {
                ok = _trySeal(ih, named, _rec[ih].tokenizer);
            } else {
                AttestArgs memory a;
                a.integraHash = ih;
                a.attester = named;
                a.recipient = named == attacker ? alice : named;
                a.tokenId = _reservedTokenId(ih, argSeed >> 16);
                a.attestedTokenId = a.tokenId;
                a.caps = Capabilities.CLAIM;
                a.processHash = _rec[ih].processHash;
                ok = _tryAttest(a);
            }
        } else {
            // Anyone but the named stranger itself (whose acceptance would be its consent).
            address[3] memory others =
                [_rec[ih].owner, _rec[ih].registrant == clerkA ? clerkB : clerkA, named == attacker ? carol : attacker];
            ok = _tryAcceptExecutor(ih, others[(argSeed >> 8) % 3]);
        }
        if (!ok) successes["strangerExecutorRefused"]++;
    }

    /// @notice A workflow's owner admits or removes a member (registrant2, the other clerk, an executor); one call in
    /// six someone else tries (a member, another principal, the attacker): refused.
    function manageMembers(uint256 workflowSeed, uint256 memberSeed, uint256 callerSeed) external {
        bytes32 processHash = _workflows[workflowSeed % _workflows.length];
        address workflowOwner = _workflowOwner[processHash];
        address member = _principals[memberSeed % _principals.length];
        if (member == workflowOwner) member = registrant2;
        address caller = workflowOwner;
        if (callerSeed % 6 == 5) {
            uint256 k = (callerSeed / 6) % (_principals.length + 1);
            caller = k < _principals.length ? _principals[k] : attacker;
        }
        bool ok = _isMember[processHash][member] ? _tryRemoveMember(processHash, caller, member) : _tryAdmitMember(processHash, caller, member);
        if (!ok && caller != workflowOwner) successes["membershipRefused"]++;
    }

    /// @notice Strangers at someone else's workflow: 0 the attacker registers a copy of a victim record's document
    /// (its content hash) under the victim's workflow, with or without parties; 1 a principal that may or may not be a
    /// member does the same (allowed only while a member); 2 the attacker opens a workflow with the victim's
    /// workflow id (its own workflow: another processHash) and registers the copy there; 3 the attacker admits
    /// itself to the victim's workflow or removes one of its members. 0 and 3 must fail.
    function squatWorkflow(uint256 kindSeed, uint256 victimSeed, uint256 argSeed) external {
        bytes32 victim = _officialRecord(victimSeed);
        bytes32 processHash = _rec[victim].processHash;
        if (processHash == bytes32(0)) processHash = PROCESS_A;
        uint256 kind = kindSeed % 4;
        if (kind == 2) {
            bytes32 id = _workflowId[processHash];
            bytes32 own = keccak256(abi.encode(attacker, id));
            if (_workflowOwner[own] == address(0)) {
                if (!_tryOpenWorkflow(attacker, id)) return;
                if (own == processHash) _violation(V_MEMBERSHIP, "a workflow id gave another owner the same processHash");
                successes["squatOwnWorkflow"]++;
            }
            if (squatRecords >= MAX_SQUAT_RECORDS) return;
            RegisterArgs memory mine;
            mine.registrant = attacker;
            mine.contentHash = _rec[victim].contentHash;
            mine.processHash = own;
            (bool registered,) = _tryRegister(mine);
            if (registered) successes["squatOwnRecord"]++;
            return;
        }
        bool ok;
        if (kind == 3) {
            address member = _members[processHash].length == 0 ? registrant2 : _members[processHash][0];
            ok = argSeed % 2 == 0
                ? _tryAdmitMember(processHash, attacker, attacker)
                : _tryRemoveMember(processHash, attacker, member);
        } else {
            RegisterArgs memory a;
            a.registrant = kind == 0 ? attacker : _principals[argSeed % _principals.length];
            a.tokenizer = (argSeed >> 8) % 2 == 0 ? address(multiParty) : address(ownership);
            a.contentHash = _rec[victim].contentHash;
            a.processHash = processHash;
            a.withParties = (argSeed >> 16) % 2 == 0;
            a.recipients = new address[](1);
            a.recipients[0] = kind == 0 ? alice : _parties[(argSeed >> 24) % _parties.length];
            a.amounts = new uint256[](1);
            a.amounts[0] = 1;
            if (kind == 1 && officialRecords >= MAX_OFFICIAL_RECORDS) return;
            (ok,) = _tryRegister(a);
            if (ok && kind == 1) successes["memberRegistered"]++;
        }
        if (!ok) successes["squatRefused"]++;
    }

    /// @notice A principal who lost its power over a record (a former owner or replaced executor, not re-appointed)
    /// tries to use it: reserve, cancel, attest, seal, appoint, offer, cancel an offer. Each must fail.
    function formerPrincipalStrikes(uint256 recordSeed, uint256 whoSeed, uint256 kindSeed) external {
        (bool found, bytes32 ih) = _recordWithFormerPrincipal(recordSeed);
        if (!found) return;
        address[] memory formers = formerPrincipalsOf(ih);
        address who = formers[whoSeed % formers.length];
        uint256 kind = kindSeed % 7;
        bool ok;
        if (kind == 0) {
            ok = _tryReserve(
                ih, who, _rec[ih].tokenizer, _someTokenId(ih, kindSeed >> 8), alice, 1, _rec[ih].processHash
            );
        } else if (kind == 1) {
            ok = _tryCancel(ih, who, _rec[ih].tokenizer, _reservedTokenId(ih, kindSeed >> 8));
        } else if (kind == 2) {
            AttestArgs memory a;
            a.integraHash = ih;
            a.attester = who;
            a.tokenId = _reservedTokenId(ih, kindSeed >> 8);
            (, a.recipient) = _reservation(ih, a.tokenId);
            if (a.recipient == address(0)) a.recipient = alice;
            a.attestedTokenId = a.tokenId;
            a.caps = Capabilities.CLAIM;
            a.processHash = _rec[ih].processHash;
            ok = _tryAttest(a);
        } else if (kind == 3) {
            ok = _trySeal(ih, who, _rec[ih].tokenizer);
        } else if (kind == 4) {
            ok = _tryOfferExecutor(ih, who, who);
        } else if (kind == 5) {
            ok = _tryOffer(ih, who, who == clerkB ? clerkA : clerkB);
        } else {
            ok = _tryCancelOffer(ih, who);
        }
        if (!ok) successes["formerPrincipalRefused"]++;
    }

    /// @notice The attacker (no authority, no reservation, no grant) tries everything: reserve, cancel, attest,
    /// seal, offer itself the executor role or accept one offered to another, offer, accept, claim with a party's
    /// grant, take a party's token, request a payment, mark paid or cancel someone's payment. Each must fail.
    function attackerStrikes(uint256 kindSeed, uint256 recordSeed, uint256 argSeed) external {
        bytes32 ih = _officialRecord(recordSeed);
        uint256 kind = kindSeed % 11;
        bool ok;
        if (kind == 0) {
            ok = _tryReserve(
                ih, attacker, _rec[ih].tokenizer, _someTokenId(ih, argSeed), attacker, 1, _rec[ih].processHash
            );
        } else if (kind == 1) {
            ok = _tryCancel(ih, attacker, _rec[ih].tokenizer, _reservedTokenId(ih, argSeed));
        } else if (kind == 2) {
            AttestArgs memory a;
            a.integraHash = ih;
            a.attester = attacker;
            a.recipient = attacker;
            a.tokenId = _reservedTokenId(ih, argSeed);
            a.caps = Capabilities.CLAIM;
            a.processHash = _rec[ih].processHash;
            ok = _tryAttest(a);
        } else if (kind == 3) {
            ok = _trySeal(ih, attacker, _rec[ih].tokenizer);
        } else if (kind == 4) {
            ok = argSeed % 2 == 0 ? _tryOfferExecutor(ih, attacker, attacker) : _tryAcceptExecutor(ih, attacker);
        } else if (kind == 5) {
            ok = _tryOffer(ih, attacker, attacker);
        } else if (kind == 6) {
            ok = _tryAccept(ih, attacker, _rec[ih].version);
        } else if (kind == 7) {
            if (_grants.length == 0) return;
            Grant memory g = _grants[_pickGrant(argSeed, false)];
            ClaimArgs memory c = _claimArgs(g, 0);
            c.caller = attacker;
            c.processHash = _rec[g.integraHash].processHash;
            c.relayerSeed = argSeed % 2 == 0 ? DIRECT : argSeed >> 1;
            ok = _tryClaim(c);
        } else if (kind == 8) {
            (bool found, bytes32 hih, uint256 tokenId, address holder) = _someHolding(argSeed, false);
            if (!found) return;
            TransferArgs memory t;
            t.integraHash = hih;
            t.tokenId = tokenId;
            t.caller = attacker;
            t.from = holder;
            t.to = attacker;
            t.amount = 1;
            t.relayerSeed = argSeed % 2 == 0 ? DIRECT : argSeed >> 1;
            ok = _tryTransfer(t);
        } else if (kind == 9) {
            (bool found, bytes32 hih, uint256 tokenId, address holder) = _someHolding(argSeed, true);
            if (!found) return;
            ok = _tryRequestPayment(
                attacker, hih, tokenId, holder, tokenId, uint64(block.timestamp + 1 days), DIRECT, hex"e4c0"
            );
        } else {
            if (_payments.length == 0) return;
            uint256 id = _payments[argSeed % _payments.length].id;
            ok = argSeed % 2 == 0 ? _tryMarkPaid(id, attacker, DIRECT) : _tryCancelPayment(id, attacker, DIRECT);
        }
        if (!ok) successes["attackerRefused"]++;
    }

    /// @notice The fake tokenizer at work: 0 the attacker (or the fake itself) registers a record bound to it, with
    /// parties, outside any workflow (allowed: anyone may register there); 1 a payment signal on such a record; 2 the fake calls a real
    /// tokenizer's reserveParties for a real record; 3 the fake record's owner reserves or seals on a real tokenizer;
    /// 4 the fake record's owner attests a claim, and the party tries it on a real tokenizer; 5 the fake requests a
    /// payment on a real record. All but 0 (and 4's attestation) must fail.
    function fakeTokenizerPlays(uint256 kindSeed, uint256 recordSeed, uint256 argSeed) external {
        uint256 kind = kindSeed % 6;
        if (kind == 0 || (kind != 2 && kind != 5 && fakeRecords == 0)) {
            if (fakeRecords >= MAX_FAKE_RECORDS) return;
            RegisterArgs memory a;
            a.registrant = argSeed % 2 == 0 ? attacker : address(fake);
            a.tokenizer = address(fake);
            a.contentHash = CONTENT_A;
            a.withParties = true;
            a.recipients = new address[](2);
            (a.recipients[0], a.recipients[1]) = (alice, bob);
            a.amounts = new uint256[](2);
            (a.amounts[0], a.amounts[1]) = (1, 1);
            (bool registered,) = _tryRegister(a);
            if (registered) successes["fakeRegistered"]++;
            return;
        }
        bool ok;
        if (kind == 2) {
            bytes32 ih = _officialRecord(recordSeed);
            address[] memory recipients = new address[](1);
            recipients[0] = attacker;
            uint256[] memory amounts = new uint256[](1);
            amounts[0] = 1;
            bytes memory data =
                abi.encodeCall(IntegraTokenizerBase.reserveParties, (ih, _partyList(recipients, amounts, ""), attacker));
            _begin();
            (ok,) = _exec(address(fake), _rec[ih].tokenizer, data, DIRECT);
            if (ok) {
                _violation(V_FAKE, "a real tokenizer took reserveParties from the fake tokenizer");
                _commit();
            }
        } else if (kind == 5) {
            (bool found, bytes32 hih, uint256 tokenId, address holder) = _someHolding(argSeed, true);
            if (!found) return;
            ok = _tryRequestPayment(
                address(fake), hih, tokenId, holder, tokenId, uint64(block.timestamp + 1 days), DIRECT, hex"e4c0"
            );
        } else {
            bytes32 fih = _fakeRecord(recordSeed);
            address fakeOwner = _rec[fih].owner;
            address realTokenizer = argSeed % 2 == 0 ? address(multiParty) : address(ownership);
            if (kind == 1) {
                address requestor = argSeed % 3 == 0 ? address(fake) : alice;
                ok = _tryRequestPayment(
                    requestor, fih, 1, bob, 2, uint64(block.timestamp + 1 days), DIRECT, hex"e4c0"
                );
            } else if (kind == 3) {
                ok = argSeed % 4 < 2
                    ? _tryReserve(fih, fakeOwner, realTokenizer, 1, alice, 1, _rec[fih].processHash)
                    : _trySeal(fih, fakeOwner, realTokenizer);
            } else {
                AttestArgs memory a;
                a.integraHash = fih;
                a.attester = fakeOwner;
                a.recipient = alice;
                a.attestedTokenId = 1;
                a.tokenId = 1;
                a.caps = Capabilities.CLAIM;
                a.processHash = _rec[fih].processHash;
                if (!_tryAttest(a)) return;
                successes["fakeAttested"]++;
                ClaimArgs memory c;
                c.integraHash = fih;
                c.caller = alice;
                c.tokenizer = realTokenizer;
                c.tokenId = 1;
                c.uid = _grants[_grants.length - 1].uid;
                c.processHash = _rec[fih].processHash;
                c.relayerSeed = DIRECT;
                ok = _tryClaim(c);
            }
        }
        if (!ok) successes["fakeRefused"]++;
    }

    /// @notice A party asks another for a payment: usually two holders of one multi-party record, sometimes a
    /// holder who was handed its token rather than claiming it, a deadline now, or through the forwarder.
    /// One call in eight names as payer, and one in eight as requestor, a party who claimed its token but has
    /// handed all of it on since: no longer a consenting party.
    function requestPayment(uint256 holdingSeed, uint256 payerSeed, uint256 deadlineSeed) external {
        (bool found, bytes32 ih, uint256 requestorTokenId, address requestor) =
            _someHolding(holdingSeed, holdingSeed % 4 != 3);
        if (!found) return;
        (address payer, uint256 payerTokenId) = _otherHolder(ih, requestor, payerSeed);
        uint256 mode = (payerSeed >> 128) % 8;
        if (mode == 6 || mode == 7) {
            (bool gone, bytes32 formerIh, uint256 formerTokenId, address former) = _claimantWhoHandedOn(ih, payerSeed);
            if (gone && mode == 6 && former != requestor && formerIh == ih) {
                (payer, payerTokenId) = (former, formerTokenId);
            }
            if (gone && mode == 7) (ih, requestor, requestorTokenId) = (formerIh, former, formerTokenId);
            if (gone && mode == 7) (payer, payerTokenId) = _otherHolder(ih, requestor, payerSeed);
        }
        uint64 deadline = deadlineSeed % 10 == 9
            ? uint64(block.timestamp)
            : uint64(block.timestamp + 1 + (deadlineSeed >> 8) % 3 days);
        uint256 relayerSeed = (deadlineSeed >> 64) % 3 == 0 ? deadlineSeed >> 66 : DIRECT;
        _tryRequestPayment(requestor, ih, requestorTokenId, payer, payerTokenId, deadline, relayerSeed, hex"e4c0");
    }

    /// @notice A party floods another with payment signals: the same request, over and over (up to six times in a
    /// row), on one record; beyond MAX_PENDING_PER_PAIR pending (expired ones included) each must fail. One call in
    /// four sends a ciphertext over MAX_CIPHERTEXT_BYTES, which must fail too.
    function floodPayments(uint256 holdingSeed, uint256 payerSeed, uint256 countSeed) external {
        (bool found, bytes32 ih, uint256 requestorTokenId, address requestor) = _someHolding(holdingSeed, true);
        if (!found) return;
        (address payer, uint256 payerTokenId) = _otherHolder(ih, requestor, payerSeed);
        bytes memory amount = countSeed % 4 == 3 ? new bytes(MAX_CIPHERTEXT_BYTES + 1) : bytes(hex"e4c0");
        uint256 times = 1 + (countSeed >> 8) % 6;
        uint64 deadline = uint64(block.timestamp + 1 + (countSeed >> 16) % 2 days);
        for (uint256 i; i < times; ++i) {
            bool full = pendingCountOf(ih, requestor, payer) >= MAX_PENDING_PER_PAIR;
            bool ok = _tryRequestPayment(requestor, ih, requestorTokenId, payer, payerTokenId, deadline, DIRECT, amount);
            if (!ok && (full || amount.length > MAX_CIPHERTEXT_BYTES)) successes["floodRefused"]++;
            if (!ok) return;
        }
    }

    function markPaid(uint256 paymentSeed, uint256 callerSeed) external {
        if (_payments.length == 0) return;
        PaymentGhost memory p = _payments[paymentSeed % _payments.length];
        address caller = callerSeed % 8 == 7 ? _parties[(callerSeed / 8) % _parties.length] : p.payer;
        _tryMarkPaid(p.id, caller, (callerSeed >> 64) % 3 == 0 ? callerSeed >> 66 : DIRECT);
    }

    function cancelPayment(uint256 paymentSeed, uint256 callerSeed) external {
        if (_payments.length == 0) return;
        PaymentGhost memory p = _payments[paymentSeed % _payments.length];
        address caller = callerSeed % 8 == 7 ? _parties[(callerSeed / 8) % _parties.length] : p.requestor;
        _tryCancelPayment(p.id, caller, (callerSeed >> 64) % 3 == 0 ? callerSeed >> 66 : DIRECT);
    }

    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + 1 + secondsSeed % 2 days);
        successes["warp"]++;
    }

    // ================================================================== test-only entry points (never fuzzed)

    /// @notice The setUp's head start, through the same ghost-keeping paths as the actions: clerkA's workflow
    /// PROCESS_A (opened by the fixture's owner, clerkA) and clerkB's PROCESS_B, registrant2 a member of PROCESS_A;
    /// deal A (clerkA, executor execA accepting, PROCESS_A) registered with alice, bob and the receiver and sealed,
    /// alice and bob claimed; deed A (clerkA) reserved and attested for carol; deal B (clerkB, executor execB
    /// accepting, PROCESS_B) with alice and carol reserved, not sealed; a copy of deal A's document by registrant2
    /// under PROCESS_A with carol and alice; a record of the fake tokenizer outside any workflow; then execA offered
    /// deal B's executor role and accepting (execB a former principal), and deed A offered to clerkB. Returns the ids.
    function openingMoves() external onlyDeployer returns (bytes32[5] memory ids) {
        (address openedBy,) = registry.workflowOf(PROCESS_A);
        if (openedBy == clerkA) _noteWorkflow(PROCESS_A, clerkA, ID_A);
        else require(_tryOpenWorkflow(clerkA, ID_A), "opening: workflow A");
        require(_tryOpenWorkflow(clerkB, ID_B), "opening: workflow B");
        require(_tryAdmitMember(PROCESS_A, clerkA, registrant2), "opening: member");
        address[] memory three = new address[](3);
        (three[0], three[1], three[2]) = (alice, bob, address(receiver));
        uint256[] memory amounts3 = new uint256[](3);
        (amounts3[0], amounts3[1], amounts3[2]) = (10, 20, 30);
        ids[0] = _scriptRegister(
            RegisterArgs(clerkA, address(multiParty), CONTENT_A, PROCESS_A, execA, true, three, amounts3, "")
        );
        ids[1] = _scriptRegister(
            RegisterArgs(
                clerkA, address(ownership), CONTENT_B, PROCESS_A, address(0), false, new address[](0), new uint256[](0)
            , "")
        );
        ids[2] = _scriptRegister(
            RegisterArgs(
                clerkB, address(multiParty), CONTENT_B, PROCESS_B, execB, false, new address[](0), new uint256[](0)
            , "")
        );
        address[] memory two = new address[](2);
        (two[0], two[1]) = (carol, alice);
        uint256[] memory amounts2 = new uint256[](2);
        (amounts2[0], amounts2[1]) = (5, 5);
        ids[3] = _scriptRegister(
            RegisterArgs(registrant2, address(multiParty), CONTENT_A, PROCESS_A, address(0), true, two, amounts2, "")
        );
        ids[4] = _scriptRegister(
            RegisterArgs(attacker, address(fake), CONTENT_A, bytes32(0), address(0), true, two, amounts2, "")
        );
        require(_tryAcceptExecutor(ids[0], execA), "opening: executor A");
        require(_tryAcceptExecutor(ids[2], execB), "opening: executor B");

        _scriptAttestAndClaim(ids[0], clerkA, alice, 1);
        _scriptAttestAndClaim(ids[0], execA, bob, 2);
        _scriptAttest(ids[0], clerkA, address(receiver), 3);
        require(_tryReserve(ids[1], clerkA, address(ownership), 1, carol, 1, PROCESS_A), "opening: reserve");
        _scriptAttest(ids[1], clerkA, carol, 1);
        require(_tryReserve(ids[2], clerkB, address(multiParty), 1, alice, 7, PROCESS_B), "opening: reserve");
        require(_tryReserve(ids[2], execB, address(multiParty), 2, carol, 9, PROCESS_B), "opening: reserve");
        _scriptAttest(ids[3], registrant2, carol, 1);
        // Authority already moving: deal B's executor replaced (execB is a former principal), deed A offered to clerkB.
        require(_tryOfferExecutor(ids[2], clerkB, execA), "opening: offerExecutor");
        require(_tryAcceptExecutor(ids[2], execA), "opening: acceptExecutorRole");
        require(_tryOffer(ids[1], clerkA, clerkB), "opening: offer");
    }

    function _scriptRegister(RegisterArgs memory a) internal returns (bytes32 ih) {
        bool ok;
        (ok, ih) = _tryRegister(a);
        require(ok, "opening: register");
    }

    function _scriptAttest(bytes32 ih, address attester, address recipient, uint256 tokenId)
        internal
        returns (bytes32)
    {
        AttestArgs memory a = AttestArgs(
            ih, attester, recipient, tokenId, tokenId, Capabilities.CLAIM, 0, _rec[ih].processHash
        );
        require(_tryAttest(a), "opening: attest");
        return _grants[_grants.length - 1].uid;
    }

    function _scriptAttestAndClaim(bytes32 ih, address attester, address recipient, uint256 tokenId) internal {
        bytes32 uid = _scriptAttest(ih, attester, recipient, tokenId);
        ClaimArgs memory c = ClaimArgs(ih, recipient, _rec[ih].tokenizer, tokenId, uid, _rec[ih].processHash, DIRECT, 0);
        require(_tryClaim(c), "opening: claim");
    }

    /// @notice Test-only: runs the log checks on crafted logs, as if a successful call had emitted them.
    function scanForTest(Vm.Log[] memory logs) external onlyDeployer {
        _scan(logs);
    }

    /// @notice Test-only: forgets that `account` accepted the record's executor role (for the checks to catch).
    function tamperConsent(bytes32 ih, address account) external onlyDeployer {
        _accepted[ih][account] = false;
    }

    /// @notice Test-only: overwrites a record's ghost version (a wrong ghost value for the checks to catch).
    function tamperVersion(bytes32 ih, uint256 version) external onlyDeployer {
        _rec[ih].version = version;
    }

    /// @notice Test-only: the pending owner accepts the record naming `version`, judged as the actions are.
    function acceptNaming(bytes32 ih, uint256 version) external onlyDeployer returns (bool) {
        return _tryAccept(ih, _rec[ih].pending, version);
    }

    /// @notice Test-only: overwrites a grant's recorded epoch (a wrong ghost value for the checks to catch).
    function tamperGrantEpoch(uint256 index, uint64 epoch) external onlyDeployer {
        _grants[index].epoch = epoch;
    }

    // ================================================================== views for the invariants

    function records() external view returns (bytes32[] memory) {
        return _records;
    }

    function recordGhost(bytes32 ih) external view returns (RecordGhost memory) {
        return _rec[ih];
    }

    function idsOf(bytes32 ih) external view returns (uint256[] memory) {
        return _ids[ih];
    }

    /// @notice How many of the record's tokens the ghost has in `status`.
    function countOf(bytes32 ih, IntegraTokenizerBase.TokenStatus status) public view returns (uint256 n) {
        uint256[] storage ids = _ids[ih];
        for (uint256 i; i < ids.length; ++i) {
            if (_tok[ih][ids[i]].status == status) n++;
        }
    }

    function tokenGhost(bytes32 ih, uint256 tokenId) external view returns (TokenGhost memory) {
        return _tok[ih][tokenId];
    }

    function ghostBalance(bytes32 ih, uint256 tokenId, address account) external view returns (uint256) {
        return _bal[ih][tokenId][account];
    }

    /// @notice The ghost balances of `accounts` for one token, in one call.
    function ghostBalances(bytes32 ih, uint256 tokenId, address[] memory accounts)
        external
        view
        returns (uint256[] memory balances)
    {
        balances = new uint256[](accounts.length);
        for (uint256 i; i < accounts.length; ++i) {
            balances[i] = _bal[ih][tokenId][accounts[i]];
        }
    }

    /// @notice The role the ghost's last reservation of the token gave it.
    function roleGhost(bytes32 ih, uint256 tokenId) external view returns (string memory) {
        return _role[ih][tokenId];
    }

    /// @notice The ghost's tokens of `tokenizer`'s records reserved for (Reserved) or claimed by (Claimed) `account`,
    /// shaped as `reservationsOf` returns them (processHash: the record's; role: the last reservation's).
    function ghostReservationsOf(address tokenizer, address account)
        external
        view
        returns (IntegraTokenizerBase.Reservation[] memory rows)
    {
        uint256 n;
        for (uint256 pass; pass < 2; ++pass) {
            if (pass == 1) rows = new IntegraTokenizerBase.Reservation[](n);
            n = 0;
            for (uint256 r; r < _records.length; ++r) {
                bytes32 ih = _records[r];
                if (_rec[ih].tokenizer != tokenizer) continue;
                uint256[] storage ids = _ids[ih];
                for (uint256 i; i < ids.length; ++i) {
                    TokenGhost storage t = _tok[ih][ids[i]];
                    bool held = t.status == IntegraTokenizerBase.TokenStatus.Reserved
                        || t.status == IntegraTokenizerBase.TokenStatus.Claimed;
                    if (!held || t.reservedFor != account) continue;
                    if (pass == 1) {
                        rows[n] = IntegraTokenizerBase.Reservation({
                            integraHash: ih,
                            tokenId: ids[i],
                            status: t.status,
                            amount: t.amount,
                            processHash: _rec[ih].processHash,
                            role: _role[ih][ids[i]]
                        });
                    }
                    n++;
                }
            }
        }
    }

    /// @notice The records the ghost has `account` owning now (registrations and acceptances that succeeded).
    function ghostOwnedBy(address account) external view returns (bytes32[] memory hashes) {
        hashes = new bytes32[](_records.length);
        uint256 n;
        for (uint256 r; r < _records.length; ++r) {
            if (_rec[_records[r]].owner == account) hashes[n++] = _records[r];
        }
        assembly ("memory-safe") {
            mstore(hashes, n)
        }
    }

    /// @notice The records the ghost has offered to `account` and still pending.
    function ghostOffersTo(address account) external view returns (bytes32[] memory hashes) {
        hashes = new bytes32[](_records.length);
        uint256 n;
        for (uint256 r; r < _records.length; ++r) {
            if (_rec[_records[r]].pending == account) hashes[n++] = _records[r];
        }
        assembly ("memory-safe") {
            mstore(hashes, n)
        }
    }

    /// @notice The attestations the handler saw issued to `recipient`, oldest first; whether each was issued in its
    /// record's current ghost epoch, and whether it was revoked.
    function ghostGrantsTo(address recipient)
        external
        view
        returns (bytes32[] memory uids, bool[] memory current, bool[] memory revoked)
    {
        uint256 n;
        for (uint256 i; i < _grants.length; ++i) {
            if (_grants[i].recipient == recipient) n++;
        }
        (uids, current, revoked) = (new bytes32[](n), new bool[](n), new bool[](n));
        n = 0;
        for (uint256 i; i < _grants.length; ++i) {
            Grant storage g = _grants[i];
            if (g.recipient != recipient) continue;
            (uids[n], current[n], revoked[n]) = (g.uid, g.epoch == _rec[g.integraHash].epoch, g.revokedStep != 0);
            n++;
        }
    }

    /// @notice The workflows the handler saw opened, each one's owner and id, and its current members.
    function workflows() external view returns (bytes32[] memory) {
        return _workflows;
    }

    function workflowGhost(bytes32 processHash)
        external
        view
        returns (address workflowOwner, bytes32 id, address[] memory members)
    {
        return (_workflowOwner[processHash], _workflowId[processHash], _members[processHash]);
    }

    /// @notice Whether `account` called acceptExecutorRole successfully for the record (consented to the role).
    function consented(bytes32 ih, address account) external view returns (bool) {
        return _accepted[ih][account];
    }

    /// @notice The ghost's requests from `requestor` to `payer` on `ih` still holding a place: neither paid nor
    /// cancelled (expired ones included).
    function pendingCountOf(bytes32 ih, address requestor, address payer) public view returns (uint256 n) {
        for (uint256 i; i < _payments.length; ++i) {
            PaymentGhost storage p = _payments[i];
            if (p.integraHash != ih || p.requestor != requestor || p.payer != payer) continue;
            if (p.status == IntegraSignalV1.PaymentStatus.Pending) n++;
        }
    }

    function grantCount() external view returns (uint256) {
        return _grants.length;
    }

    function grantAt(uint256 index) external view returns (Grant memory) {
        return _grants[index];
    }

    /// @notice The grant of attestation `uid`, and whether the handler saw it issued.
    function grantOf(bytes32 uid) external view returns (bool known, Grant memory g) {
        uint256 indexPlusOne = _grantIndexPlusOne[uid];
        if (indexPlusOne == 0) return (false, g);
        return (true, _grants[indexPlusOne - 1]);
    }

    function payments() external view returns (PaymentGhost[] memory) {
        return _payments;
    }

    function eventKeys() external view returns (EventKey[] memory) {
        return _eventKeys;
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

    function executedCount() external view returns (uint256) {
        return _executed.length;
    }

    function isOfficial(address tokenizer) public view returns (bool) {
        return tokenizer == address(ownership) || tokenizer == address(multiParty);
    }

    /// @notice Addresses that were the record's owner or executor and are neither now.
    function formerPrincipalsOf(bytes32 ih) public view returns (address[] memory formers) {
        address[] storage ever = _everPrincipals[ih];
        RecordGhost storage r = _rec[ih];
        formers = new address[](ever.length);
        uint256 n;
        for (uint256 i; i < ever.length; ++i) {
            if (ever[i] != r.owner && ever[i] != r.executor) formers[n++] = ever[i];
        }
        assembly ("memory-safe") {
            mstore(formers, n)
        }
    }

    /// @notice The ghost's view of completion: the party set is sealed and as many of its tokens are claimed as it
    /// had seats when sealed (live reservations never outnumber the seats, so every seat is then claimed).
    function ghostComplete(bytes32 ih) public view returns (bool) {
        return _rec[ih].isSealed && countOf(ih, IntegraTokenizerBase.TokenStatus.Claimed) == _rec[ih].partyCount;
    }

    /// @notice The ghost's view of a vacant place: the party set is sealed and a reservation of it was cancelled and
    /// not yet refilled (live reservations and claims fall short of the seats).
    function vacancy(bytes32 ih) public view returns (bool) {
        return _rec[ih].isSealed
            && countOf(ih, IntegraTokenizerBase.TokenStatus.Reserved)
                    + countOf(ih, IntegraTokenizerBase.TokenStatus.Claimed) != _rec[ih].partyCount;
    }

    /// @notice The ghost's view of a consenting party: claimed the token itself and holds some of it now.
    function ghostIsParty(bytes32 ih, uint256 tokenId, address account) public view returns (bool) {
        TokenGhost storage t = _tok[ih][tokenId];
        return t.status == IntegraTokenizerBase.TokenStatus.Claimed && t.claimant == account && account != address(0)
            && _bal[ih][tokenId][account] > 0;
    }

    // ================================================================== attempts (one call each, ghost on success)

    function _tryRegister(RegisterArgs memory a) internal returns (bool ok, bytes32 ih) {
        bytes memory data = a.withParties
            ? abi.encodeCall(
                IntegraRecordV1.registerWithParties,
                (
                    a.contentHash,
                    hex"c1f3",
                    a.tokenizer,
                    a.executor,
                    a.processHash,
                    new address[](0),
                    _partyList(a.recipients, a.amounts, a.role)
                )
            )
            : abi.encodeCall(
                IntegraRecordV1.register,
                (a.contentHash, hex"c1f3", a.tokenizer, a.executor, a.processHash, new address[](0))
            );
        _begin();
        bytes memory ret;
        (ok, ret) = _exec(a.registrant, address(registry), data, DIRECT);
        if (!ok) return (false, bytes32(0));
        ih = abi.decode(ret, (bytes32));
        successes["registerRecord"]++;
        if (a.registrant == registrant2) successes["registerCopy"]++;
        if (_rec[ih].owner != address(0)) _violation(V_RULES, "an integraHash was issued twice");
        _records.push(ih);
        if (isOfficial(a.tokenizer)) officialRecords++;
        else if (a.tokenizer == address(fake)) fakeRecords++;
        else squatRecords++;
        RecordGhost storage r = _rec[ih];
        r.tokenizer = a.tokenizer;
        r.processHash = a.processHash;
        r.contentHash = a.contentHash;
        r.registrant = a.registrant;
        r.owner = a.registrant;
        // The executor named is only offered the role: no authority until it accepts.
        r.pendingExecutor = a.executor;
        r.byMember = _mayRegisterInto(a.processHash, a.registrant);
        if (!r.byMember) _violation(V_MEMBERSHIP, "a record registered into a workflow by a non-member");
        _addPrincipal(ih, a.registrant);
        if (a.withParties) {
            if (a.recipients.length == 0 || !_isRoleAllowed(a.role)) {
                _violation(V_RULES, "registerWithParties took a malformed party list");
            }
            if (isOfficial(a.tokenizer)) {
                for (uint256 i; i < a.recipients.length && i < a.amounts.length; ++i) {
                    _applyReservation(ih, a.tokenizer, i + 1, a.recipients[i], a.amounts[i], a.role);
                }
                _seal(ih);
            }
        }
        _commit();
    }

    function _tryReserve(
        bytes32 ih,
        address caller,
        address tokenizer,
        uint256 tokenId,
        address recipient,
        uint256 amount,
        bytes32 processHash
    ) internal returns (bool ok) {
        return _tryReserveAs(ih, caller, tokenizer, tokenId, recipient, amount, processHash, "");
    }

    function _tryReserveAs(
        bytes32 ih,
        address caller,
        address tokenizer,
        uint256 tokenId,
        address recipient,
        uint256 amount,
        bytes32 processHash,
        string memory role
    ) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(
            IntegraTokenizerBase.reserveToken, (ih, tokenId, recipient, amount, processHash, role)
        );
        _begin();
        (ok,) = _exec(caller, tokenizer, data, DIRECT);
        if (!ok) return false;
        successes["reserve"]++;
        _checkTokenizerCall(ih, caller, tokenizer, "reserved");
        if (processHash != _rec[ih].processHash) _violation(V_WORKFLOW, "a reservation under another processHash");
        _applyReservation(ih, tokenizer, tokenId, recipient, amount, role);
        // The ownership tokenizer has one token per record: its first reservation seals the set (of one).
        if (tokenizer == address(ownership) && !_rec[ih].isSealed) _seal(ih);
        _commit();
    }

    function _tryCancel(bytes32 ih, address caller, address tokenizer, uint256 tokenId) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraTokenizerBase.cancelReservation, (ih, tokenId));
        _begin();
        (ok,) = _exec(caller, tokenizer, data, DIRECT);
        if (!ok) return false;
        successes["cancel"]++;
        _checkTokenizerCall(ih, caller, tokenizer, "cancelled");
        TokenGhost storage t = _tok[ih][tokenId];
        if (t.status != IntegraTokenizerBase.TokenStatus.Reserved) {
            _violation(V_RULES, "cancelled a token not reserved");
        }
        if (_rec[ih].isSealed && countOf(ih, IntegraTokenizerBase.TokenStatus.Claimed) > 0) {
            _violation(V_RULES, "a sealed party set changed after its first claim");
        }
        t.status = IntegraTokenizerBase.TokenStatus.Cancelled;
        _rec[ih].version += 1;
        _commit();
    }

    function _trySeal(bytes32 ih, address caller, address tokenizer) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraTokenizerBase.sealParties, (ih));
        _begin();
        (ok,) = _exec(caller, tokenizer, data, DIRECT);
        if (!ok) return false;
        successes["sealParties"]++;
        _checkTokenizerCall(ih, caller, tokenizer, "sealed");
        if (_rec[ih].isSealed) _violation(V_RULES, "a party set was sealed twice");
        if (countOf(ih, IntegraTokenizerBase.TokenStatus.Reserved) == 0) {
            _violation(V_RULES, "a party set without live reservations was sealed");
        }
        _seal(ih);
        _commit();
    }

    function _tryAttest(AttestArgs memory a) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(
            IEAS.attest,
            (AttestationRequest({
                    schema: capabilitySchema,
                    data: AttestationRequestData({
                        recipient: a.recipient,
                        expirationTime: a.expirationTime,
                        revocable: true,
                        refUID: bytes32(0),
                        data: abi.encode(a.integraHash, a.attestedTokenId, a.caps, a.processHash),
                        value: 0
                    })
                }))
        );
        _begin();
        bytes memory ret;
        (ok, ret) = _exec(a.attester, address(eas), data, DIRECT);
        if (!ok) return false;
        bytes32 uid = abi.decode(ret, (bytes32));
        successes["attest"]++;
        _checkAuthority(a.integraHash, a.attester, false, "attested");
        if (a.processHash != _rec[a.integraHash].processHash) {
            _violation(V_WORKFLOW, "an attestation under another processHash");
        }
        if (a.caps == 0) _violation(V_RULES, "an attestation without capabilities");
        _grants.push(
            Grant({
                integraHash: a.integraHash,
                recipient: a.recipient,
                attestedTokenId: a.attestedTokenId,
                tokenId: a.tokenId,
                uid: uid,
                attester: a.attester,
                caps: a.caps,
                expirationTime: a.expirationTime,
                epoch: _rec[a.integraHash].epoch,
                revokedStep: 0
            })
        );
        _grantIndexPlusOne[uid] = _grants.length;
        _commit();
    }

    function _tryClaim(ClaimArgs memory c) internal returns (bool ok) {
        bytes memory data =
            abi.encodeCall(IntegraTokenizerBase.claimToken, (c.integraHash, c.tokenId, c.uid, c.processHash));
        Plan memory plan;
        if (c.caller == address(receiver)) {
            plan = _plan(c.planSeed, c.integraHash, c.tokenId, _tok[c.integraHash][c.tokenId].amount, c.uid);
            if (plan.kind != 0) receiver.arm(plan.kind, plan.target, plan.data);
        }
        _begin();
        (ok,) = _exec(c.caller, c.tokenizer, data, c.relayerSeed);
        if (c.caller == address(receiver)) receiver.disarm();
        if (!ok) return false;
        successes[_relayed(c.caller, c.relayerSeed) ? bytes32("forwardedClaim") : bytes32("claim")]++;
        _applyClaim(c.integraHash, c.tokenId, c.caller, c.uid, c.processHash, c.tokenizer);
        if (c.caller == address(receiver)) _applyReentry(plan);
        _commit();
    }

    function _tryTransfer(TransferArgs memory t) internal returns (bool ok) {
        address tokenizer = _rec[t.integraHash].tokenizer;
        bool deed = tokenizer == address(ownership);
        bytes memory data = deed
            ? abi.encodeWithSignature("safeTransferFrom(address,address,uint256)", t.from, t.to, uint256(t.integraHash))
            : abi.encodeCall(
                IERC1155.safeTransferFrom,
                (t.from, t.to, multiParty.erc1155IdOf(t.integraHash, t.tokenId), t.amount, "")
            );
        if (deed) t.amount = 1;
        Plan memory plan;
        if (t.to == address(receiver)) {
            plan = _plan(t.planSeed, t.integraHash, t.tokenId, t.amount, _tok[t.integraHash][t.tokenId].uid);
            if (plan.kind != 0) receiver.arm(plan.kind, plan.target, plan.data);
        }
        _begin();
        (ok,) = _exec(t.caller, tokenizer, data, t.relayerSeed);
        if (t.to == address(receiver)) receiver.disarm();
        if (!ok) return false;
        successes[_relayed(t.caller, t.relayerSeed) ? bytes32("forwardedTransfer") : bytes32("transferToken")]++;
        if (t.caller != t.from) {
            _violation(_intruderCategory(t.integraHash, t.caller), "moved a token its caller does not hold");
        }
        if (_bal[t.integraHash][t.tokenId][t.from] < t.amount) {
            _violation(V_RULES, "moved more than the ghost holder had");
        } else {
            _bal[t.integraHash][t.tokenId][t.from] -= t.amount;
        }
        _bal[t.integraHash][t.tokenId][t.to] += t.amount;
        if (t.to == address(receiver)) _applyReentry(plan);
        _commit();
    }

    function _tryOffer(bytes32 ih, address caller, address to) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.offerRecordOwnership, (ih, to, "sale"));
        _begin();
        (ok,) = _exec(caller, address(registry), data, DIRECT);
        if (!ok) return false;
        successes["offerOwnership"]++;
        _checkAuthority(ih, caller, true, "offered a record");
        if (to == address(0) || to == caller) _violation(V_RULES, "an offer to nobody or to the owner");
        _rec[ih].pending = to;
        _rec[ih].versionAtOffer = _rec[ih].version;
        _commit();
    }

    function _tryCancelOffer(bytes32 ih, address caller) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.cancelOwnershipOffer, (ih));
        _begin();
        (ok,) = _exec(caller, address(registry), data, DIRECT);
        if (!ok) return false;
        successes["cancelOwnershipOffer"]++;
        _checkAuthority(ih, caller, true, "cancelled an offer");
        if (_rec[ih].pending == address(0)) _violation(V_RULES, "cancelled an offer that was not pending");
        _rec[ih].pending = address(0);
        _commit();
    }

    /// @dev `caller` accepts the record offered to it as of `version`.
    function _tryAccept(bytes32 ih, address caller, uint256 version) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.acceptRecordOwnership, (ih, version));
        _begin();
        (ok,) = _exec(caller, address(registry), data, DIRECT);
        if (!ok) return false;
        successes["acceptOwnership"]++;
        RecordGhost storage r = _rec[ih];
        if (r.pending == address(0) || caller != r.pending) {
            _violation(_intruderCategory(ih, caller), "accepted a record not offered to the caller");
        }
        if (version != r.version) _violation(V_VERSION, "an accept succeeded naming a version the record no longer had");
        r.owner = caller;
        r.executor = address(0);
        r.pending = address(0);
        r.pendingExecutor = address(0);
        r.epoch += 1;
        r.version += 1;
        _addPrincipal(ih, caller);
        _commit();
    }

    function _tryOfferExecutor(bytes32 ih, address caller, address candidate) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.offerExecutor, (ih, candidate));
        _begin();
        (ok,) = _exec(caller, address(registry), data, DIRECT);
        if (!ok) return false;
        successes["offerExecutor"]++;
        _checkAuthority(ih, caller, true, "offered the executor role");
        if (candidate == address(0) && _rec[ih].pendingExecutor == address(0)) {
            _violation(V_RULES, "withdrew an executor offer that was not pending");
        }
        _rec[ih].pendingExecutor = candidate;
        _commit();
    }

    /// @dev `caller` accepts the executor role of the record: only the candidate offered it may.
    function _tryAcceptExecutor(bytes32 ih, address caller) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.acceptExecutorRole, (ih));
        _begin();
        (ok,) = _exec(caller, address(registry), data, DIRECT);
        if (!ok) return false;
        successes["acceptExecutor"]++;
        RecordGhost storage r = _rec[ih];
        if (r.pendingExecutor == address(0) || caller != r.pendingExecutor) {
            _violation(V_CONSENT, "accepted an executor role not offered to the caller");
        }
        if (_wasPrincipal[ih][caller] && caller != r.executor) successes["reappointed"]++;
        _accepted[ih][caller] = true;
        r.executor = caller;
        r.pendingExecutor = address(0);
        r.epoch += 1;
        r.version += 1;
        _addPrincipal(ih, caller);
        _commit();
    }

    function _tryRemoveExecutor(bytes32 ih, address caller) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.removeExecutor, (ih));
        _begin();
        (ok,) = _exec(caller, address(registry), data, DIRECT);
        if (!ok) return false;
        successes["removeExecutor"]++;
        _checkAuthority(ih, caller, true, "removed the executor");
        RecordGhost storage r = _rec[ih];
        if (r.executor == address(0)) _violation(V_RULES, "removed an executor from a record without one");
        r.executor = address(0);
        r.epoch += 1;
        r.version += 1;
        _commit();
    }

    function _tryOpenWorkflow(address caller, bytes32 id) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.openWorkflow, (id));
        _begin();
        bytes memory ret;
        (ok, ret) = _exec(caller, address(registry), data, DIRECT);
        if (!ok) return false;
        successes["openWorkflow"]++;
        bytes32 processHash = abi.decode(ret, (bytes32));
        if (processHash != keccak256(abi.encode(caller, id))) {
            _violation(V_MEMBERSHIP, "a workflow's processHash is not its owner and id hashed");
        }
        if (_workflowOwner[processHash] != address(0)) _violation(V_MEMBERSHIP, "a workflow was opened twice");
        _noteWorkflow(processHash, caller, id);
        _commit();
    }

    function _tryAdmitMember(bytes32 processHash, address caller, address member) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.admitMember, (processHash, member));
        _begin();
        (ok,) = _exec(caller, address(registry), data, DIRECT);
        if (!ok) return false;
        successes["admitMember"]++;
        if (caller != _workflowOwner[processHash]) _violation(V_MEMBERSHIP, "a member admitted by someone not the owner");
        if (_isMember[processHash][member] || member == _workflowOwner[processHash]) {
            _violation(V_MEMBERSHIP, "a member admitted twice");
        }
        _isMember[processHash][member] = true;
        _members[processHash].push(member);
        _commit();
    }

    function _tryRemoveMember(bytes32 processHash, address caller, address member) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraRecordV1.removeMember, (processHash, member));
        _begin();
        (ok,) = _exec(caller, address(registry), data, DIRECT);
        if (!ok) return false;
        successes["removeMember"]++;
        if (caller != _workflowOwner[processHash]) _violation(V_MEMBERSHIP, "a member removed by someone not the owner");
        if (!_isMember[processHash][member]) _violation(V_MEMBERSHIP, "removed someone who was no member");
        _isMember[processHash][member] = false;
        address[] storage members = _members[processHash];
        for (uint256 i; i < members.length; ++i) {
            if (members[i] == member) {
                members[i] = members[members.length - 1];
                members.pop();
                break;
            }
        }
        _commit();
    }

    function _noteWorkflow(bytes32 processHash, address workflowOwner, bytes32 id) internal {
        _workflows.push(processHash);
        _workflowOwner[processHash] = workflowOwner;
        _workflowId[processHash] = id;
    }

    /// @dev The ghost's `canRegisterInto`: outside any workflow, or the workflow's owner or a current member.
    function _mayRegisterInto(bytes32 processHash, address account) internal view returns (bool) {
        if (processHash == bytes32(0)) return true;
        address workflowOwner = _workflowOwner[processHash];
        return workflowOwner != address(0) && (workflowOwner == account || _isMember[processHash][account]);
    }

    function _tryRequestPayment(
        address caller,
        bytes32 ih,
        uint256 requestorTokenId,
        address payer,
        uint256 payerTokenId,
        uint64 deadline,
        uint256 relayerSeed,
        bytes memory amount
    ) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(
            IntegraSignalV1.requestPayment, (ih, requestorTokenId, payer, payerTokenId, amount, deadline)
        );
        uint256 pending = pendingCountOf(ih, caller, payer);
        _begin();
        (ok,) = _exec(caller, address(signal), data, relayerSeed);
        if (!ok) return false;
        successes["requestPayment"]++;
        if (pending >= MAX_PENDING_PER_PAIR) _violation(V_FLOOD, "a request beyond the pending bound of its pair");
        if (amount.length > MAX_CIPHERTEXT_BYTES) _violation(V_FLOOD, "a request with an over-long ciphertext");
        if (!isOfficial(_rec[ih].tokenizer)) {
            _violation(V_FAKE, "a payment signal on a record of an unofficial tokenizer");
        }
        if (caller == attacker || caller == address(fake)) {
            _violation(_intruderCategory(ih, caller), "an outsider requested a payment");
        }
        _commit(); // the PaymentRequested log is judged in _scan, against the ghost as it is now
    }

    function _tryMarkPaid(uint256 paymentId, address caller, uint256 relayerSeed) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraSignalV1.markPaid, (paymentId, hex"bead"));
        _begin();
        (ok,) = _exec(caller, address(signal), data, relayerSeed);
        if (!ok) return false;
        successes["markPaid"]++;
        PaymentGhost storage p = _payments[_paymentIndexPlusOne[paymentId] - 1];
        if (caller != p.payer) {
            _violation(_intruderCategory(p.integraHash, caller), "marked paid by someone not the payer");
        }
        if (p.status != IntegraSignalV1.PaymentStatus.Pending || block.timestamp > p.deadline) {
            _violation(V_RULES, "marked paid a payment not pending");
        }
        _commit();
    }

    function _tryCancelPayment(uint256 paymentId, address caller, uint256 relayerSeed) internal returns (bool ok) {
        bytes memory data = abi.encodeCall(IntegraSignalV1.cancelPayment, (paymentId));
        _begin();
        (ok,) = _exec(caller, address(signal), data, relayerSeed);
        if (!ok) return false;
        successes["cancelPayment"]++;
        PaymentGhost storage p = _payments[_paymentIndexPlusOne[paymentId] - 1];
        if (caller != p.requestor) {
            _violation(_intruderCategory(p.integraHash, caller), "cancelled by someone not the requestor");
        }
        // Expired requests may be cancelled (freeing their place in the pair's count); settled ones may not.
        if (p.status != IntegraSignalV1.PaymentStatus.Pending) _violation(V_RULES, "cancelled a payment not pending");
        if (block.timestamp > p.deadline) successes["cancelExpired"]++;
        _commit();
    }

    // ================================================================== ghost updates

    function _applyReservation(
        bytes32 ih,
        address tokenizer,
        uint256 tokenId,
        address recipient,
        uint256 amount,
        string memory role
    ) internal {
        if (recipient == address(0)) _violation(V_RULES, "a reservation for the zero address");
        if (tokenizer == address(ownership) && (tokenId != 1 || amount != 1)) {
            _violation(V_RULES, "an ownership reservation other than token 1 x 1");
        }
        if (tokenizer == address(multiParty) && (tokenId == 0 || amount == 0 || amount > type(uint88).max)) {
            _violation(V_RULES, "a role reservation with token id 0 or a bad amount");
        }
        if (ghostComplete(ih)) _violation(V_RULES, "a reservation on a complete agreement");
        TokenGhost storage t = _tok[ih][tokenId];
        if (t.status == IntegraTokenizerBase.TokenStatus.Reserved) _violation(V_RULES, "a token reserved twice");
        if (t.status == IntegraTokenizerBase.TokenStatus.Claimed) {
            _violation(V_RULES, "a claimed token reserved again");
        }
        if (t.status == IntegraTokenizerBase.TokenStatus.None) {
            if (_rec[ih].isSealed) _violation(V_RULES, "a new token id after the party set was sealed");
            _ids[ih].push(tokenId);
        } else if (_rec[ih].isSealed) {
            if (countOf(ih, IntegraTokenizerBase.TokenStatus.Claimed) > 0) {
                _violation(V_RULES, "a sealed party set changed after its first claim");
            }
            if (countOf(ih, IntegraTokenizerBase.TokenStatus.Reserved) >= _rec[ih].partyCount) {
                _violation(V_RULES, "more live reservations than the sealed party set has seats");
            }
        }
        t.status = IntegraTokenizerBase.TokenStatus.Reserved;
        t.reservedFor = recipient;
        t.amount = amount;
        _role[ih][tokenId] = role;
        _rec[ih].version += 1;
    }

    function _seal(bytes32 ih) internal {
        _rec[ih].isSealed = true;
        _rec[ih].partyCount = countOf(ih, IntegraTokenizerBase.TokenStatus.Reserved);
        _rec[ih].version += 1;
    }

    function _applyClaim(
        bytes32 ih,
        uint256 tokenId,
        address claimant,
        bytes32 uid,
        bytes32 processHash,
        address tokenizer
    ) internal {
        RecordGhost storage r = _rec[ih];
        if (tokenizer != r.tokenizer) _violation(V_FAKE, "a claim on a tokenizer the record is not bound to");
        if (processHash != r.processHash) _violation(V_WORKFLOW, "a claim under another processHash");
        if (!r.isSealed && isOfficial(r.tokenizer)) _violation(V_RULES, "a claim before the party set was sealed");
        if (vacancy(ih)) _violation(V_RULES, "a claim while a party's place was vacant");
        TokenGhost storage t = _tok[ih][tokenId];
        if (t.status != IntegraTokenizerBase.TokenStatus.Reserved || t.reservedFor != claimant) {
            _violation(claimant == attacker ? V_ATTACKER : V_RULES, "a claim of a token not reserved for the claimant");
        }
        t.status = IntegraTokenizerBase.TokenStatus.Claimed;
        t.claimant = claimant;
        t.uid = uid;
        t.claimEpoch = r.epoch;
        t.claimedAt = uint64(block.timestamp);
        t.claimStep = step;
        _bal[ih][tokenId][claimant] += t.amount;
        r.version += 1;
    }

    /// @dev After a successful call that delivered a token to the receiver: what did its re-entry do?
    function _applyReentry(Plan memory plan) internal {
        if (plan.kind == 0 || receiver.lastKind() != plan.kind) return;
        successes[bytes32(abi.encodePacked("reentry", bytes1(uint8(48) + plan.kind)))]++; // "reentry1".."reentry8"
        if (!receiver.lastOk()) return;
        if (plan.kind == R_CLAIM_OTHER) {
            _applyClaim(
                plan.integraHash,
                plan.tokenId,
                address(receiver),
                plan.uid,
                _rec[plan.integraHash].processHash,
                _rec[plan.integraHash].tokenizer
            );
        } else if (plan.kind == R_FORWARD_ON) {
            if (_bal[plan.integraHash][plan.tokenId][address(receiver)] < plan.amount) {
                _violation(V_RULES, "the receiver passed on more than it held");
            } else {
                _bal[plan.integraHash][plan.tokenId][address(receiver)] -= plan.amount;
            }
            _bal[plan.integraHash][plan.tokenId][plan.other] += plan.amount;
        } else if (plan.kind != R_PAYMENT) {
            _violation(V_REENTRY, "a re-entered call that must fail succeeded");
        }
    }

    function _addPrincipal(bytes32 ih, address account) internal {
        if (_wasPrincipal[ih][account]) return;
        _wasPrincipal[ih][account] = true;
        _everPrincipals[ih].push(account);
    }

    function _checkTokenizerCall(bytes32 ih, address caller, address tokenizer, string memory what) internal {
        if (tokenizer != _rec[ih].tokenizer) {
            _violation(V_FAKE, string.concat(what, " on a tokenizer the record is not bound to"));
        }
        _checkAuthority(ih, caller, false, what);
    }

    /// @dev Records a violation unless `caller` is the record's owner (or, unless `ownerOnly`, its executor).
    function _checkAuthority(bytes32 ih, address caller, bool ownerOnly, string memory what) internal {
        RecordGhost storage r = _rec[ih];
        if (caller == r.owner) return;
        if (!ownerOnly && r.executor != address(0) && caller == r.executor) return;
        _violation(_intruderCategory(ih, caller), string.concat(what, " without authority"));
    }

    function _intruderCategory(bytes32 ih, address caller) internal view returns (bytes32) {
        if (caller == attacker) return V_ATTACKER;
        if (caller == address(fake)) return V_FAKE;
        if (_wasPrincipal[ih][caller]) return V_FORMER;
        return V_UNAUTHORIZED;
    }

    function _violation(bytes32 category, string memory why) internal {
        violations[category]++;
        if (bytes(firstViolation).length == 0) firstViolation = why;
    }

    // ================================================================== calls and logs

    function _begin() internal {
        step++;
        vm.recordLogs(); // resets: forge records the logs of reverted calls too, so each attempt starts clean
    }

    function _commit() internal {
        _scan(vm.getRecordedLogs());
    }

    /// @dev Calls `target` as `caller`: pranked for an EOA, through `act` for the receiver and the fake tokenizer,
    /// or, unless `relayerSeed` is DIRECT, signed by `caller` as an ERC-2771 request a relayer submits.
    function _exec(address caller, address target, bytes memory data, uint256 relayerSeed)
        internal
        returns (bool ok, bytes memory ret)
    {
        if (_relayed(caller, relayerSeed)) {
            ERC2771Forwarder.ForwardRequestData memory request =
                _forwardRequest(forwarder, _keyOf[caller], target, data);
            vm.prank(relayerSeed % 2 == 0 ? relayer0 : relayer1);
            try forwarder.execute(request) {
                ok = true;
                forwardedBy[caller]++;
                _executed.push(request);
            } catch {}
            return (ok, ret);
        }
        if (caller == address(receiver)) return receiver.act(target, data);
        if (caller == address(fake)) return fake.act(target, data);
        vm.prank(caller);
        (ok, ret) = target.call(data);
    }

    function _relayed(address caller, uint256 relayerSeed) internal view returns (bool) {
        return relayerSeed != DIRECT && _keyOf[caller] != 0;
    }

    /// @dev Checks every log an Integra contract emitted in a successful call: token-standard events aside, each
    /// one is a record's event, whose (emitter, topics) are kept for the event invariant. DocumentComplete and
    /// payment logs also feed the ghost; a PaymentRequested is judged against the ghost as it is now.
    function _scan(Vm.Log[] memory logs) internal {
        for (uint256 i; i < logs.length; ++i) {
            Vm.Log memory l = logs[i];
            if (!_isIntegra(l.emitter)) continue;
            bytes32 t0 = l.topics.length > 0 ? l.topics[0] : bytes32(0);
            if (_isTokenStandardEvent(l.emitter, t0)) continue;
            logsChecked++;
            bytes32 ih = l.topics.length > 1 ? l.topics[1] : bytes32(0);
            bytes32 t2 = l.topics.length > 2 ? l.topics[2] : bytes32(0);
            bytes32 key = keccak256(abi.encode(l.emitter, t0, ih, t2, l.topics.length));
            if (!_eventKeySeen[key]) {
                _eventKeySeen[key] = true;
                _eventKeys.push(EventKey(l.emitter, t0, ih, t2, l.topics.length));
            }
            if (t0 == IntegraTokenizerBase.TokenClaimed.selector || t0 == IntegraTokenizerBase.DocumentComplete.selector) {
                _noteWorkflowOutcome(ih, t2);
            }
            if (t0 == IntegraTokenizerBase.DocumentComplete.selector) {
                _rec[ih].completeEvents++;
            } else if (l.emitter == address(signal) && l.topics.length == 4) {
                if (t0 == IntegraSignalV1.PaymentRequested.selector) {
                    _notePaymentRequested(l);
                } else if (t0 == IntegraSignalV1.PaymentPaid.selector) {
                    _notePaymentStatus(uint256(l.topics[3]), IntegraSignalV1.PaymentStatus.Paid);
                } else if (t0 == IntegraSignalV1.PaymentCancelled.selector) {
                    _notePaymentStatus(uint256(l.topics[3]), IntegraSignalV1.PaymentStatus.Cancelled);
                }
            }
        }
    }

    /// @dev A claim or a completion in workflow `processHash`: it must come from a record registered by the
    /// workflow's owner or a then-member.
    function _noteWorkflowOutcome(bytes32 ih, bytes32 processHash) internal {
        if (processHash == bytes32(0)) return;
        workflowOutcomes++;
        if (!_rec[ih].byMember || _rec[ih].processHash != processHash) {
            workflowOutcomesFromStrangers++;
            _violation(V_MEMBERSHIP, "a claim or completion in a workflow from a record no member registered");
        }
    }

    function _notePaymentRequested(Vm.Log memory l) internal {
        (uint256 id, address requestor, uint256 requestorTokenId, uint256 payerTokenId,, uint64 deadline,) =
            abi.decode(l.data, (uint256, address, uint256, uint256, bytes, uint64, uint256));
        bytes32 ih = l.topics[1];
        address payer = address(uint160(uint256(l.topics[3])));
        if (_paymentIndexPlusOne[id] != 0) _violation(V_RULES, "a payment id was issued twice");
        _payments.push(
            PaymentGhost({
                id: id,
                integraHash: ih,
                requestor: requestor,
                payer: payer,
                requestorTokenId: requestorTokenId,
                payerTokenId: payerTokenId,
                deadline: deadline,
                official: isOfficial(_rec[ih].tokenizer),
                requestorIsParty: ghostIsParty(ih, requestorTokenId, requestor),
                payerIsParty: ghostIsParty(ih, payerTokenId, payer),
                status: IntegraSignalV1.PaymentStatus.Pending
            })
        );
        _paymentIndexPlusOne[id] = _payments.length;
        successes["paymentLogged"]++;
    }

    function _notePaymentStatus(uint256 id, IntegraSignalV1.PaymentStatus status) internal {
        uint256 indexPlusOne = _paymentIndexPlusOne[id];
        if (indexPlusOne == 0) {
            _violation(V_RULES, "a status change of an unknown payment");
            return;
        }
        _payments[indexPlusOne - 1].status = status;
    }

    function _isIntegra(address emitter) internal view returns (bool) {
        return emitter == address(registry) || emitter == address(ownership) || emitter == address(multiParty)
            || emitter == address(capabilityResolver) || emitter == address(signal);
    }

    function _isTokenStandardEvent(address emitter, bytes32 t0) internal view returns (bool) {
        if (emitter != address(ownership) && emitter != address(multiParty)) return false;
        return t0 == IERC721.Transfer.selector || t0 == IERC721.Approval.selector
            || t0 == IERC721.ApprovalForAll.selector || t0 == IERC1155.TransferSingle.selector
            || t0 == IERC1155.TransferBatch.selector || t0 == IERC1155.URI.selector;
    }

    // ================================================================== picking arguments

    function _malform(RegisterArgs memory a, uint256 seed) internal view {
        uint256 kind = seed % 4;
        if (kind == 0) {
            a.recipients = new address[](0);
            a.amounts = new uint256[](0);
        } else if (kind == 1) {
            // Over MAX_ROLE_BYTES, or a control byte that could rewrite a party's screen.
            a.role = (seed >> 8) % 2 == 0 ? "a role label well over thirty-two bytes" : "Seller\rPaid";
        } else if (kind == 2) {
            a.recipients[0] = address(0);
        } else {
            a.amounts[0] = a.tokenizer == address(ownership) ? 2 : 0;
        }
        a.withParties = true;
    }

    /// @dev A role label for a reservation: none, a word, multi-byte UTF-8, or the longest allowed (32 bytes).
    function _roleFor(uint256 seed) internal pure returns (string memory) {
        return ["", "Seller", unicode"Käufer", "Seller's lender, second position"][seed % 4];
    }

    /// @dev The role rule, restated: at most 32 bytes, none of them a control byte.
    function _isRoleAllowed(string memory role) internal pure returns (bool) {
        bytes memory raw = bytes(role);
        if (raw.length > 32) return false;
        for (uint256 i; i < raw.length; ++i) {
            if (raw[i] < 0x20 || raw[i] == 0x7f) return false;
        }
        return true;
    }

    /// @dev The registry's party list: recipients[i] with amounts[i], each in the role `role`.
    function _partyList(address[] memory recipients, uint256[] memory amounts, string memory role)
        internal
        pure
        returns (IIntegraTokenizer.Party[] memory list)
    {
        list = new IIntegraTokenizer.Party[](recipients.length);
        for (uint256 i; i < recipients.length; ++i) {
            list[i] = IIntegraTokenizer.Party({recipient: recipients[i], amount: amounts[i], role: role});
        }
    }

    /// @dev An official record, searching from a seeded index (the first record if there is none).
    function _officialRecord(uint256 seed) internal view returns (bytes32) {
        uint256 n = _records.length;
        for (uint256 i; i < n; ++i) {
            bytes32 ih = _records[(seed % n + i) % n];
            if (isOfficial(_rec[ih].tokenizer)) return ih;
        }
        return n == 0 ? bytes32(0) : _records[0];
    }

    function _fakeRecord(uint256 seed) internal view returns (bytes32) {
        uint256 n = _records.length;
        for (uint256 i; i < n; ++i) {
            bytes32 ih = _records[(seed % n + i) % n];
            if (_rec[ih].tokenizer == address(fake)) return ih;
        }
        return bytes32(0);
    }

    /// @dev Mostly a record with a pending offer; otherwise any official record.
    function _pendingRecord(uint256 seed) internal view returns (bytes32) {
        uint256 n = _records.length;
        if (seed % 5 != 4) {
            for (uint256 i; i < n; ++i) {
                bytes32 ih = _records[(seed % n + i) % n];
                if (isOfficial(_rec[ih].tokenizer) && _rec[ih].pending != address(0)) return ih;
            }
        }
        return _officialRecord(seed);
    }

    /// @dev Mostly a record with a pending executor offer; otherwise any official record.
    function _pendingExecutorRecord(uint256 seed) internal view returns (bytes32) {
        uint256 n = _records.length;
        if (seed % 5 != 4) {
            for (uint256 i; i < n; ++i) {
                bytes32 ih = _records[(seed % n + i) % n];
                if (isOfficial(_rec[ih].tokenizer) && _rec[ih].pendingExecutor != address(0)) return ih;
            }
        }
        return _officialRecord(seed);
    }

    /// @dev An official record whose pending executor offer names a stranger (the attacker or a party).
    function _strangerNamedRecord(uint256 seed) internal view returns (bool, bytes32) {
        uint256 n = _records.length;
        for (uint256 i; i < n; ++i) {
            bytes32 ih = _records[(seed % n + i) % n];
            if (isOfficial(_rec[ih].tokenizer) && _isStranger(_rec[ih].pendingExecutor)) return (true, ih);
        }
        return (false, bytes32(0));
    }

    /// @dev The addresses clerks name as executors without their consent: they never accept.
    function _isStranger(address account) internal view returns (bool) {
        return account == attacker || account == alice || account == bob || account == carol;
    }

    function _recordWithFormerPrincipal(uint256 seed) internal view returns (bool, bytes32) {
        uint256 n = _records.length;
        for (uint256 i; i < n; ++i) {
            bytes32 ih = _records[(seed % n + i) % n];
            if (isOfficial(_rec[ih].tokenizer) && formerPrincipalsOf(ih).length > 0) return (true, ih);
        }
        return (false, bytes32(0));
    }

    /// @dev An authority change kills every live attestation of the record: while one is outstanding, only one call
    /// in two goes ahead, so that flows also complete.
    function _holdAuthorityChange(bytes32 ih, uint256 seed) internal view returns (bool) {
        if ((seed >> 8) % 2 == 1) return false;
        for (uint256 i; i < _grants.length; ++i) {
            if (_grants[i].integraHash == ih && _looksClaimable(_grants[i])) return true;
        }
        return false;
    }

    /// @dev Mostly the record's owner or executor (per the ghost); one call in eight a principal or party at random.
    function _authority(bytes32 ih, uint256 seed) internal view returns (address) {
        RecordGhost storage r = _rec[ih];
        uint256 pick = seed % 8;
        if (pick == 7) {
            uint256 k = (seed / 8) % (_principals.length + _parties.length);
            return k < _principals.length ? _principals[k] : _parties[k - _principals.length];
        }
        if (pick < 3 && r.executor != address(0)) return r.executor;
        return r.owner;
    }

    /// @dev The record's own processHash, one call in eight the other workflow id.
    function _processFor(bytes32 ih, uint256 seed) internal view returns (bytes32) {
        bytes32 own = _rec[ih].processHash;
        if (seed % 8 != 7) return own;
        return own == PROCESS_A ? PROCESS_B : PROCESS_A;
    }

    /// @dev A token id of the record: usually one reserved before, sometimes any plausible id.
    function _someTokenId(bytes32 ih, uint256 seed) internal view returns (uint256) {
        if (_rec[ih].tokenizer == address(ownership)) return 1;
        uint256[] storage ids = _ids[ih];
        if (ids.length == 0 || seed % 5 == 4) return 1 + seed % MAX_ROLE;
        return ids[seed % ids.length];
    }

    /// @dev A token of the record still waiting to be claimed, searching from a seeded index; else `_someTokenId`.
    function _reservedTokenId(bytes32 ih, uint256 seed) internal view returns (uint256) {
        uint256[] storage ids = _ids[ih];
        for (uint256 i; i < ids.length; ++i) {
            uint256 id = ids[(seed % ids.length + i) % ids.length];
            if (_tok[ih][id].status == IntegraTokenizerBase.TokenStatus.Reserved) return id;
        }
        return _someTokenId(ih, seed);
    }

    /// @dev A token in Reserved state on an official record, searching from a seeded record: first on a record whose
    /// party set is sealed (claims need it), or, when `seed % 4 == 3`, not sealed yet; then on any.
    function _tokenAwaitingClaim(uint256 seed) internal view returns (bool, bytes32, uint256) {
        uint256 n = _records.length;
        bool wantSealed = seed % 4 != 3;
        for (uint256 pass; pass < 2; ++pass) {
            for (uint256 i; i < n; ++i) {
                bytes32 ih = _records[(seed % n + i) % n];
                if (!isOfficial(_rec[ih].tokenizer)) continue;
                if (pass == 0 && (_rec[ih].isSealed != wantSealed || vacancy(ih))) continue;
                (bool found, uint256 id) = _reservedOn(ih, seed >> 8);
                if (found) return (true, ih, id);
            }
        }
        return (false, bytes32(0), 0);
    }

    /// @dev A token of the record in Reserved state, searching from a seeded index.
    function _reservedOn(bytes32 ih, uint256 seed) internal view returns (bool, uint256) {
        uint256[] storage ids = _ids[ih];
        for (uint256 j; j < ids.length; ++j) {
            uint256 id = ids[(seed % ids.length + j) % ids.length];
            if (_tok[ih][id].status == IntegraTokenizerBase.TokenStatus.Reserved) return (true, id);
        }
        return (false, 0);
    }

    function _reservation(bytes32 ih, uint256 tokenId)
        internal
        view
        returns (IntegraTokenizerBase.TokenStatus, address)
    {
        TokenGhost storage t = _tok[ih][tokenId];
        return (t.status, t.reservedFor);
    }

    /// @dev When `seed % 4 == 3`, grant number `seed / 4` (modulo their count) whatever it is (stale, revoked,
    /// used...); when `seed % 4 == 2`, the first grant from a seeded index that would let its recipient claim but
    /// for one thing (`seed / 4 % 3`): an authority change killed it, its record's party set is not sealed yet, or a
    /// place in it is vacant; otherwise, or when there is none, the first one that should still let its recipient
    /// claim (CLAIM, live, unrevoked, issued in the record's current epoch, for a token reserved for the recipient,
    /// on a sealed record without a vacant place); and the seeded grant when there is none of those. `keyed`: only
    /// grants to a party with a key.
    function _pickGrant(uint256 seed, bool keyed) internal view returns (uint256) {
        uint256 n = _grants.length;
        if (seed % 4 == 3) return (seed / 4) % n;
        uint8 flaw = seed % 4 == 2 ? uint8(1 + (seed / 4) % 3) : FLAW_NONE;
        for (uint256 pass = flaw == FLAW_NONE ? 1 : 0; pass < 2; ++pass) {
            for (uint256 i; i < n; ++i) {
                uint256 index = (seed % n + i) % n;
                if (keyed && _keyOf[_grants[index].recipient] == 0) continue;
                if (_wouldClaim(_grants[index], pass == 0 ? flaw : FLAW_NONE)) return index;
            }
        }
        return seed % n;
    }

    function _looksClaimable(Grant storage g) internal view returns (bool) {
        return _wouldClaim(g, FLAW_NONE);
    }

    uint8 internal constant FLAW_NONE = 0;
    uint8 internal constant FLAW_KILLED = 1;
    uint8 internal constant FLAW_UNSEALED = 2;
    uint8 internal constant FLAW_VACANT = 3;

    /// @dev Whether `g` would let its recipient claim its token now, but for exactly `flaw`: none, an authority
    /// change since it was issued, the record's party set not sealed yet, or a vacant place in it.
    function _wouldClaim(Grant storage g, uint8 flaw) internal view returns (bool) {
        RecordGhost storage r = _rec[g.integraHash];
        if (!isOfficial(r.tokenizer) || r.isSealed == (flaw == FLAW_UNSEALED)) return false;
        if (vacancy(g.integraHash) != (flaw == FLAW_VACANT)) return false;
        if (g.caps & Capabilities.CLAIM == 0 || g.revokedStep != 0) return false;
        if ((g.epoch != r.epoch) != (flaw == FLAW_KILLED)) return false;
        if (g.expirationTime != 0 && g.expirationTime <= block.timestamp) return false;
        TokenGhost storage t = _tok[g.integraHash][g.tokenId];
        return t.status == IntegraTokenizerBase.TokenStatus.Reserved && t.reservedFor == g.recipient;
    }

    function _claimArgs(Grant memory g, uint256 tokenSeed) internal view returns (ClaimArgs memory c) {
        c.integraHash = g.integraHash;
        c.uid = g.uid;
        address bound = _rec[g.integraHash].tokenizer;
        c.tokenizer = isOfficial(bound) ? bound : address(multiParty);
        c.tokenId = g.attestedTokenId != 0 || tokenSeed % 2 == 0 ? g.tokenId : _someTokenId(g.integraHash, tokenSeed);
    }

    /// @dev A (record, token, party) with a ghost balance, searching from a seeded start over official records.
    /// `consenting`: prefer holders who claimed the token themselves.
    function _someHolding(uint256 seed, bool consenting)
        internal
        view
        returns (bool found, bytes32 ih, uint256 tokenId, address holder)
    {
        uint256 n = _records.length;
        for (uint256 pass; pass < 2; ++pass) {
            for (uint256 i; i < n; ++i) {
                ih = _records[(seed % n + i) % n];
                if (!isOfficial(_rec[ih].tokenizer)) continue;
                uint256[] storage ids = _ids[ih];
                for (uint256 j; j < ids.length; ++j) {
                    tokenId = ids[(seed / 7 + j) % ids.length];
                    for (uint256 k; k < _parties.length; ++k) {
                        holder = _parties[(seed / 13 + k) % _parties.length];
                        if (_bal[ih][tokenId][holder] == 0) continue;
                        if (pass == 0 && consenting && !ghostIsParty(ih, tokenId, holder)) continue;
                        return (true, ih, tokenId, holder);
                    }
                }
            }
            if (!consenting) break;
        }
        return (false, bytes32(0), 0, address(0));
    }

    /// @dev Another holder of some token of the record (consenting first), or a seeded party and token.
    function _otherHolder(bytes32 ih, address requestor, uint256 seed) internal view returns (address, uint256) {
        uint256[] storage ids = _ids[ih];
        if (seed % 8 != 7) {
            for (uint256 pass; pass < 2; ++pass) {
                for (uint256 j; j < ids.length; ++j) {
                    uint256 tokenId = ids[(seed % ids.length + j) % ids.length];
                    for (uint256 k; k < _parties.length; ++k) {
                        address candidate = _parties[(seed / 5 + k) % _parties.length];
                        if (candidate == requestor || _bal[ih][tokenId][candidate] == 0) continue;
                        if (pass == 0 && !ghostIsParty(ih, tokenId, candidate)) continue;
                        return (candidate, tokenId);
                    }
                }
            }
        }
        return (_parties[seed % _parties.length], _someTokenId(ih, seed));
    }

    /// @dev A token whose claimant holds none of it any more (it handed it all on), on `ih` if there is one.
    function _claimantWhoHandedOn(bytes32 ih, uint256 seed)
        internal
        view
        returns (bool found, bytes32 where, uint256 tokenId, address claimant)
    {
        uint256 n = _records.length;
        for (uint256 i; i <= n; ++i) {
            where = i == 0 ? ih : _records[(seed % n + i) % n];
            if (!isOfficial(_rec[where].tokenizer)) continue;
            uint256[] storage ids = _ids[where];
            for (uint256 j; j < ids.length; ++j) {
                TokenGhost storage t = _tok[where][ids[j]];
                if (t.status == IntegraTokenizerBase.TokenStatus.Claimed && _bal[where][ids[j]][t.claimant] == 0) {
                    return (true, where, ids[j], t.claimant);
                }
            }
        }
        return (false, bytes32(0), 0, address(0));
    }

    /// @dev The receiver's re-entry for a receipt of `amount` of (ih, tokenId); `uid` is the outer claim's grant.
    function _plan(uint256 seed, bytes32 ih, uint256 tokenId, uint256 amount, bytes32 uid)
        internal
        view
        returns (Plan memory p)
    {
        p.kind = uint8(seed % REENTRY_KINDS);
        p.integraHash = ih;
        p.tokenId = tokenId;
        p.amount = amount;
        address tokenizer = _rec[ih].tokenizer;
        bytes32 process = _rec[ih].processHash;
        if (p.kind == R_RECLAIM) {
            p.target = tokenizer;
            p.data = abi.encodeCall(IntegraTokenizerBase.claimToken, (ih, tokenId, uid, process));
        } else if (p.kind == R_CLAIM_OTHER) {
            (bool found, uint256 index) = _receiverGrant(ih, tokenId, seed);
            if (!found) {
                p.kind = 0;
                return p;
            }
            Grant storage g = _grants[index];
            p.integraHash = g.integraHash;
            p.tokenId = g.tokenId;
            p.uid = g.uid;
            p.target = _rec[g.integraHash].tokenizer;
            p.data = abi.encodeCall(
                IntegraTokenizerBase.claimToken, (g.integraHash, g.tokenId, g.uid, _rec[g.integraHash].processHash)
            );
        } else if (p.kind == R_RESERVE) {
            p.target = tokenizer;
            p.data = abi.encodeCall(
                IntegraTokenizerBase.reserveToken, (ih, 1 + tokenId % MAX_ROLE, address(receiver), 1, process, "")
            );
        } else if (p.kind == R_CANCEL) {
            p.target = tokenizer;
            p.data = abi.encodeCall(IntegraTokenizerBase.cancelReservation, (ih, _reservedTokenId(ih, seed >> 8)));
        } else if (p.kind == R_SEAL) {
            p.target = tokenizer;
            p.data = abi.encodeCall(IntegraTokenizerBase.sealParties, (ih));
        } else if (p.kind == R_PAYMENT) {
            (address payer, uint256 payerTokenId) = _otherHolder(ih, address(receiver), seed >> 8);
            // As the party of the token just received, or of a token it claimed itself on the record.
            uint256 requestorTokenId = tokenId;
            uint256[] storage ids = _ids[ih];
            for (uint256 j; j < ids.length && (seed >> 16) % 2 == 0; ++j) {
                if (_tok[ih][ids[j]].claimant == address(receiver)) requestorTokenId = ids[j];
            }
            p.target = address(signal);
            p.data = abi.encodeCall(
                IntegraSignalV1.requestPayment,
                (ih, requestorTokenId, payer, payerTokenId, hex"e4c0", uint64(block.timestamp + 1 days))
            );
        } else if (p.kind == R_FORWARD_ON) {
            p.other = _parties[(seed >> 8) % 3]; // alice, bob or carol
            p.target = tokenizer;
            p.data = tokenizer == address(ownership)
                ? abi.encodeWithSignature(
                    "safeTransferFrom(address,address,uint256)", address(receiver), p.other, uint256(ih)
                )
                : abi.encodeCall(
                    IERC1155.safeTransferFrom,
                    (address(receiver), p.other, multiParty.erc1155IdOf(ih, tokenId), amount, "")
                );
        } else if (p.kind == R_REGISTRY) {
            p.target = address(registry);
            uint256 which = (seed >> 8) % 3;
            p.data = which == 0
                ? abi.encodeCall(IntegraRecordV1.offerExecutor, (ih, address(receiver)))
                : which == 1
                    ? abi.encodeCall(IntegraRecordV1.acceptExecutorRole, (ih))
                    : abi.encodeCall(IntegraRecordV1.offerRecordOwnership, (ih, address(receiver), "re-entered"));
        }
    }

    /// @dev A grant that should let the receiver claim a token other than (ih, tokenId).
    function _receiverGrant(bytes32 ih, uint256 tokenId, uint256 seed) internal view returns (bool, uint256) {
        uint256 n = _grants.length;
        for (uint256 i; i < n; ++i) {
            uint256 index = (seed % n + i) % n;
            Grant storage g = _grants[index];
            if (g.recipient != address(receiver) || (g.integraHash == ih && g.tokenId == tokenId)) continue;
            if (g.attestedTokenId == 0 || !_looksClaimable(g)) continue;
            return (true, index);
        }
        return (false, 0);
    }

    /// @dev Forgery `kind` (1-4, see forgeForwarded) around a seeded grant to a party with a key.
    function _forgery(uint256 kind, uint256 pickSeed, uint256 fieldSeed)
        internal
        view
        returns (bool found, ERC2771Forwarder.ForwardRequestData memory request)
    {
        uint256 n = _grants.length;
        uint256 index;
        for (uint256 i; i < n && !found; ++i) {
            index = (pickSeed % n + i) % n;
            found = _keyOf[_grants[index].recipient] != 0 && _grants[index].recipient != attacker;
        }
        if (!found) return (false, request);
        Grant memory g = _grants[index];
        ClaimArgs memory c = _claimArgs(g, 0);
        bytes memory data = abi.encodeCall(
            IntegraTokenizerBase.claimToken, (g.integraHash, c.tokenId, g.uid, _rec[g.integraHash].processHash)
        );
        if (kind == 3) return (true, _forwardRequest(forwarder, ATTACKER_KEY, c.tokenizer, data));
        uint256 key = _keyOf[g.recipient];
        request = _forwardRequest(forwarder, key, c.tokenizer, data);
        if (kind == 2) {
            _sign(forwarder, ATTACKER_KEY, request); // still from the recipient
        } else if (kind == 4) {
            request.deadline = uint48(block.timestamp - 1);
            _sign(forwarder, key, request);
        } else {
            uint256 field = fieldSeed % 5;
            if (field == 0) request.to = c.tokenizer == address(ownership) ? address(multiParty) : address(ownership);
            else if (field == 1) request.gas = fieldSeed % FORWARD_GAS;
            else if (field == 2) request.deadline += uint48(1 + fieldSeed % 365 days);
            else if (field == 3) request.data = abi.encodePacked(data, hex"00");
            else request.from = attacker;
        }
    }
}
