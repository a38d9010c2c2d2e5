// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {Vm} from "../utils/Vm.sol";
import {IntegraSignalV1} from "../../src/IntegraSignalV1.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";
import {Cast} from "./handlers/Cast.sol";
import {
    Reentry,
    ReentryPlan,
    Registration,
    ReserveStep,
    AttestStep,
    ClaimStep,
    TransferStep,
    PaymentRequestStep
} from "./handlers/Steps.sol";

/// @notice The reference model: what the system promises, kept as ghost state. It changes only when a call the
/// handler made SUCCEEDED (the `_on*` transitions), from what was asked of the system (who called, with which
/// arguments) and from the logs the call emitted; the invariants compare it with the chain. A call that succeeded
/// but should not have (by the rules the model knows) is recorded as a violation in its category, with the first
/// reason, and still applied to the model.
abstract contract ReferenceModel is Cast {
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

    // ------------------------------------------------------------------ violation categories

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

    /// @notice Successful calls (or refused attacks, for the attacking actions) per action and per sub-kind: how
    /// far a run reached.
    mapping(bytes32 action => uint256) public successes;

    /// @notice The handler's attempts so far: a claim's and a revocation's step order them.
    uint256 public step;

    // ------------------------------------------------------------------ transitions: one per successful call

    /// @dev A registration of `a` succeeded and issued `ih`.
    function _onRegistered(Registration memory a, bytes32 ih) internal {
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
    }

    /// @dev `s` succeeded on `tokenizer` (the record's, or another one the fake tokenizer's plays try).
    function _onReserved(ReserveStep memory s, address tokenizer) internal {
        _checkTokenizerCall(s.record, s.caller, tokenizer, "reserved");
        if (s.processHash != _rec[s.record].processHash) {
            _violation(V_WORKFLOW, "a reservation under another processHash");
        }
        _applyReservation(s.record, tokenizer, s.tokenId, s.recipient, s.amount, s.role);
        // The ownership tokenizer has one token per record: its first reservation seals the set (of one).
        if (tokenizer == address(ownership) && !_rec[s.record].isSealed) _seal(s.record);
    }

    function _onCancelled(bytes32 ih, address caller, address tokenizer, uint256 tokenId) internal {
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
    }

    function _onSealed(bytes32 ih, address caller, address tokenizer) internal {
        _checkTokenizerCall(ih, caller, tokenizer, "sealed");
        if (_rec[ih].isSealed) _violation(V_RULES, "a party set was sealed twice");
        if (countOf(ih, IntegraTokenizerBase.TokenStatus.Reserved) == 0) {
            _violation(V_RULES, "a party set without live reservations was sealed");
        }
        _seal(ih);
    }

    /// @dev `a` succeeded and issued attestation `uid`.
    function _onAttested(AttestStep memory a, bytes32 uid) internal {
        _checkAuthority(a.record, a.attester, false, "attested");
        if (a.processHash != _rec[a.record].processHash) {
            _violation(V_WORKFLOW, "an attestation under another processHash");
        }
        if (a.caps == 0) _violation(V_RULES, "an attestation without capabilities");
        _grants.push(
            Grant({
                integraHash: a.record,
                recipient: a.recipient,
                attestedTokenId: a.attestedTokenId,
                tokenId: a.tokenId,
                uid: uid,
                attester: a.attester,
                caps: a.caps,
                expirationTime: a.expirationTime,
                epoch: _rec[a.record].epoch,
                revokedStep: 0
            })
        );
        _grantIndexPlusOne[uid] = _grants.length;
    }

    function _onRevoked(uint256 grantIndex) internal {
        Grant storage g = _grants[grantIndex];
        if (g.revokedStep != 0) _violation(V_RULES, "an attestation was revoked twice");
        g.revokedStep = step;
    }

    /// @dev `c` succeeded; when the claimant is the receiver, `plan` is what it was armed to do on receipt.
    function _onClaimed(ClaimStep memory c, ReentryPlan memory plan) internal {
        _applyClaim(c.record, c.tokenId, c.caller, c.uid, c.processHash, c.tokenizer);
        if (c.caller == address(receiver)) _applyReentry(plan);
    }

    /// @dev `t` succeeded; when the receiver got the token, `plan` is what it was armed to do on receipt.
    function _onTransferred(TransferStep memory t, ReentryPlan memory plan) internal {
        if (t.caller != t.from) {
            _violation(_intruderCategory(t.record, t.caller), "moved a token its caller does not hold");
        }
        if (_bal[t.record][t.tokenId][t.from] < t.amount) {
            _violation(V_RULES, "moved more than the ghost holder had");
        } else {
            _bal[t.record][t.tokenId][t.from] -= t.amount;
        }
        _bal[t.record][t.tokenId][t.to] += t.amount;
        if (t.to == address(receiver)) _applyReentry(plan);
    }

    function _onOffered(bytes32 ih, address caller, address to) internal {
        _checkAuthority(ih, caller, true, "offered a record");
        if (to == address(0) || to == caller) _violation(V_RULES, "an offer to nobody or to the owner");
        _rec[ih].pending = to;
        _rec[ih].versionAtOffer = _rec[ih].version;
    }

    function _onOfferCancelled(bytes32 ih, address caller) internal {
        _checkAuthority(ih, caller, true, "cancelled an offer");
        if (_rec[ih].pending == address(0)) _violation(V_RULES, "cancelled an offer that was not pending");
        _rec[ih].pending = address(0);
    }

    /// @dev `caller` accepted the record naming `version`.
    function _onAccepted(bytes32 ih, address caller, uint256 version) internal {
        RecordGhost storage r = _rec[ih];
        if (r.pending == address(0) || caller != r.pending) {
            _violation(_intruderCategory(ih, caller), "accepted a record not offered to the caller");
        }
        if (version != r.version) {
            _violation(V_VERSION, "an accept succeeded naming a version the record no longer had");
        }
        r.owner = caller;
        r.executor = address(0);
        r.pending = address(0);
        r.pendingExecutor = address(0);
        r.epoch += 1;
        r.version += 1;
        _addPrincipal(ih, caller);
    }

    function _onExecutorOffered(bytes32 ih, address caller, address candidate) internal {
        _checkAuthority(ih, caller, true, "offered the executor role");
        if (candidate == address(0) && _rec[ih].pendingExecutor == address(0)) {
            _violation(V_RULES, "withdrew an executor offer that was not pending");
        }
        _rec[ih].pendingExecutor = candidate;
    }

    /// @dev Only the candidate offered the role may accept it: its acceptance is its consent.
    function _onExecutorAccepted(bytes32 ih, address caller) internal {
        RecordGhost storage r = _rec[ih];
        if (r.pendingExecutor == address(0) || caller != r.pendingExecutor) {
            _violation(V_CONSENT, "accepted an executor role not offered to the caller");
        }
        _accepted[ih][caller] = true;
        r.executor = caller;
        r.pendingExecutor = address(0);
        r.epoch += 1;
        r.version += 1;
        _addPrincipal(ih, caller);
    }

    function _onExecutorRemoved(bytes32 ih, address caller) internal {
        _checkAuthority(ih, caller, true, "removed the executor");
        RecordGhost storage r = _rec[ih];
        if (r.executor == address(0)) _violation(V_RULES, "removed an executor from a record without one");
        r.executor = address(0);
        r.epoch += 1;
        r.version += 1;
    }

    function _onWorkflowOpened(address caller, bytes32 id, bytes32 processHash) internal {
        if (processHash != keccak256(abi.encode(caller, id))) {
            _violation(V_MEMBERSHIP, "a workflow's processHash is not its owner and id hashed");
        }
        if (_workflowOwner[processHash] != address(0)) _violation(V_MEMBERSHIP, "a workflow was opened twice");
        _noteWorkflow(processHash, caller, id);
    }

    function _onMemberAdmitted(bytes32 processHash, address caller, address member) internal {
        if (caller != _workflowOwner[processHash]) {
            _violation(V_MEMBERSHIP, "a member admitted by someone not the owner");
        }
        if (_isMember[processHash][member] || member == _workflowOwner[processHash]) {
            _violation(V_MEMBERSHIP, "a member admitted twice");
        }
        _isMember[processHash][member] = true;
        _members[processHash].push(member);
    }

    function _onMemberRemoved(bytes32 processHash, address caller, address member) internal {
        if (caller != _workflowOwner[processHash]) {
            _violation(V_MEMBERSHIP, "a member removed by someone not the owner");
        }
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
    }

    /// @dev `p` succeeded while its pair had `pendingBefore` requests pending. Its PaymentRequested log is judged
    /// in `_scan`, against the model as it is then.
    function _onPaymentRequested(PaymentRequestStep memory p, uint256 pendingBefore) internal {
        if (pendingBefore >= MAX_PENDING_PER_PAIR) {
            _violation(V_FLOOD, "a request beyond the pending bound of its pair");
        }
        if (p.amount.length > MAX_CIPHERTEXT_BYTES) _violation(V_FLOOD, "a request with an over-long ciphertext");
        if (!isOfficial(_rec[p.record].tokenizer)) {
            _violation(V_FAKE, "a payment signal on a record of an unofficial tokenizer");
        }
        if (p.requestor == attacker || p.requestor == address(fake)) {
            _violation(_intruderCategory(p.record, p.requestor), "an outsider requested a payment");
        }
    }

    function _onMarkedPaid(uint256 paymentId, address caller) internal {
        PaymentGhost storage p = _payments[_paymentIndexPlusOne[paymentId] - 1];
        if (caller != p.payer) {
            _violation(_intruderCategory(p.integraHash, caller), "marked paid by someone not the payer");
        }
        if (p.status != IntegraSignalV1.PaymentStatus.Pending || block.timestamp > p.deadline) {
            _violation(V_RULES, "marked paid a payment not pending");
        }
    }

    /// @dev Returns whether the request cancelled had expired.
    function _onPaymentCancelled(uint256 paymentId, address caller) internal returns (bool expired) {
        PaymentGhost storage p = _payments[_paymentIndexPlusOne[paymentId] - 1];
        if (caller != p.requestor) {
            _violation(_intruderCategory(p.integraHash, caller), "cancelled by someone not the requestor");
        }
        // Expired requests may be cancelled (freeing their place in the pair's count); settled ones may not.
        if (p.status != IntegraSignalV1.PaymentStatus.Pending) _violation(V_RULES, "cancelled a payment not pending");
        return block.timestamp > p.deadline;
    }

    /// @dev The forwarder executed `request` for `signer`: its nonce moved by one.
    function _onForwarded(address signer, ERC2771Forwarder.ForwardRequestData memory request) internal {
        forwardedBy[signer]++;
        _executed.push(request);
    }

    function _noteWorkflow(bytes32 processHash, address workflowOwner, bytes32 id) internal {
        _workflows.push(processHash);
        _workflowOwner[processHash] = workflowOwner;
        _workflowId[processHash] = id;
    }

    /// @dev The model's `canRegisterInto`: outside any workflow, or the workflow's owner or a current member.
    function _mayRegisterInto(bytes32 processHash, address account) internal view returns (bool) {
        if (processHash == bytes32(0)) return true;
        address workflowOwner = _workflowOwner[processHash];
        return workflowOwner != address(0) && (workflowOwner == account || _isMember[processHash][account]);
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

    // ------------------------------------------------------------------ what a successful call changes

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
    function _applyReentry(ReentryPlan memory plan) internal {
        if (plan.kind == Reentry.None || receiver.lastKind() != uint8(plan.kind)) return;
        successes[bytes32(abi.encodePacked("reentry", bytes1(uint8(48) + uint8(plan.kind))))]++; // "reentry1".."8"
        if (!receiver.lastOk()) return;
        if (plan.kind == Reentry.ClaimOther) {
            _applyClaim(
                plan.integraHash,
                plan.tokenId,
                address(receiver),
                plan.uid,
                _rec[plan.integraHash].processHash,
                _rec[plan.integraHash].tokenizer
            );
        } else if (plan.kind == Reentry.PassOn) {
            if (_bal[plan.integraHash][plan.tokenId][address(receiver)] < plan.amount) {
                _violation(V_RULES, "the receiver passed on more than it held");
            } else {
                _bal[plan.integraHash][plan.tokenId][address(receiver)] -= plan.amount;
            }
            _bal[plan.integraHash][plan.tokenId][plan.other] += plan.amount;
        } else if (plan.kind != Reentry.RequestPayment) {
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

    // ------------------------------------------------------------------ what the logs of a successful call say

    /// @dev Checks every log an Integra contract emitted in a successful call: token-standard events (ERC-721,
    /// ERC-1155, ERC-4906) aside, each one is a record's event, whose (emitter, topics) are kept for the event
    /// invariant. DocumentComplete and payment logs also feed the ghost; a PaymentRequested is judged against the
    /// ghost as it is now.
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
            if (
                t0 == IntegraTokenizerBase.TokenClaimed.selector || t0 == IntegraTokenizerBase.DocumentComplete.selector
            ) {
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
            || t0 == IERC1155.TransferBatch.selector || t0 == IERC1155.URI.selector
            || t0 == IntegraTokenizerBase.MetadataUpdate.selector;
    }

    // ------------------------------------------------------------------ views for the invariants

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

    /// @notice The uid of the latest attestation the handler saw issued to `recipient` for the record's token
    /// `tokenId` (zero when there is none): how a scripted run names the grant a party claims with.
    function latestGrant(bytes32 ih, uint256 tokenId, address recipient) external view returns (bytes32 uid) {
        for (uint256 i = _grants.length; i > 0; --i) {
            Grant storage g = _grants[i - 1];
            if (g.integraHash == ih && g.tokenId == tokenId && g.recipient == recipient) return g.uid;
        }
    }

    function payments() external view returns (PaymentGhost[] memory) {
        return _payments;
    }

    function eventKeys() external view returns (EventKey[] memory) {
        return _eventKeys;
    }

    function executedCount() external view returns (uint256) {
        return _executed.length;
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

    /// @dev The status of the record's token and whom it was last reserved for.
    function _reservation(bytes32 ih, uint256 tokenId)
        internal
        view
        returns (IntegraTokenizerBase.TokenStatus, address)
    {
        TokenGhost storage t = _tok[ih][tokenId];
        return (t.status, t.reservedFor);
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
}
