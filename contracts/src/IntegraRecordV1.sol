// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";
import {AccountLists} from "./AccountLists.sol";
import {IIntegraRecord} from "./interfaces/IIntegraRecord.sol";
import {IIntegraResolver} from "./interfaces/IIntegraResolver.sol";
import {IIntegraTokenizer} from "./interfaces/IIntegraTokenizer.sol";

/// @title IntegraRecordV1
/// @notice The registry of the global state machine: integraHash -> RecordInfo. A record proves that a
/// document (by its SHA-256 content hash) was registered by an owner at a time, names the tokenizer that
/// issues its tokens, an optional executor that acts for the owner, and the resolvers that hook its life.
///
/// Trust rules this contract keeps:
/// - A workflow belongs to its owner. Its processHash is `workflowHashOf(owner, workflowId)`: namespaced by the
///   owner, so nobody can squat another organization's id, and the same owner and id give the same processHash on
///   every chain. Only the owner and the members it admitted (at most MAX_WORKFLOW_MEMBERS) register records into
///   it; a record outside any workflow (processHash zero) anyone may register. A removed member registers no more;
///   the records it registered while a member stay in the workflow.
/// - Nobody becomes a record's executor without consenting: a registrant or owner only offers the role, and the
///   candidate's authority starts when it accepts (`acceptExecutorRole`). Naming someone gives them nothing, and
///   gives the namer nothing over them.
/// - Ownership moves in two steps: the owner offers (with a reason), the new owner accepts; an offer can be
///   cancelled. Nobody receives a record without accepting it, and a typo cannot send one away.
/// - Accepting states what is accepted: the new owner names the record's version (`recordVersionOf`) it saw, and
///   the accept reverts if anything a buyer could care about changed since (an executor accepted or removed, a
///   resolver added or removed, an ownership change, and any reservation, cancel, seal or claim on its tokenizer),
///   so a seller cannot change the record between the offer and the accept.
/// - Accepting a transfer ends every earlier principal's power: the executor is removed (and a pending executor
///   offer withdrawn), and the record's authority epoch moves on, so every attestation issued before (by the former
///   owner or executor) is dead for good, even if the same address regains authority later. An executor accepting
///   or being removed moves the epoch too.
/// - A record's processHash is fixed at registration; every event of the record carries it.
/// @dev Every event: topic1 = integraHash, topic2 = processHash, an optional third indexed field, and a timestamp.
/// Workflow-level events have no record: their topic1 is zero and topic2 the workflow's processHash.
/// Every caller is `msg.sender`: the registry is not ERC-2771 (the forwarder refuses to call it), so OpenZeppelin's
/// `Multicall` is safe here: its batch delegatecalls this contract, so each call of the batch sees the same
/// `msg.sender` (and there is no `msg.value` to spend twice: nothing here is payable). An owner opens its workflow
/// and registers its first record in one transaction: `multicall([openWorkflow(id), registerWithParties(...)])`.
contract IntegraRecordV1 is IIntegraRecord, Multicall {
    /// @notice Most resolvers one record may carry, so hooks stay bounded in gas.
    uint256 public constant MAX_RESOLVERS = 4;
    /// @notice Most members a workflow's owner may admit (the owner aside), so `workflowOf` stays bounded.
    uint256 public constant MAX_WORKFLOW_MEMBERS = 32;
    /// @notice The longest reason an ownership offer takes, in bytes: a sentence on the record's timeline.
    uint256 public constant MAX_REASON_BYTES = 256;
    /// @dev Gas the version read gives the record's tokenizer: an official `changesOf` needs about 2,600 cold, so a
    /// tokenizer that burns what it is given cannot make reading a version (or accepting) cost the caller's whole gas.
    uint256 private constant CHANGES_OF_GAS = 30_000;

    struct RecordInfo {
        address owner;
        uint64 registeredAt;
        address tokenizer;
        uint64 registeredBlock;
        address executor;
        bytes32 contentHash;
        bytes32 processHash;
        address[] resolvers;
    }

    /// @dev Storage layout of a record: owner+time, tokenizer+block, executor+epoch+changes, contentHash,
    /// processHash. `changes` counts the registry's own changes of the record a buyer could care about (executor
    /// accepted or removed, resolver added or removed, ownership accepted): one half of `recordVersionOf`.
    struct Record {
        address owner;
        uint64 registeredAt;
        address tokenizer;
        uint64 registeredBlock;
        address executor;
        uint64 authorityEpoch;
        uint32 changes;
        bytes32 contentHash;
        bytes32 processHash;
    }

    mapping(bytes32 integraHash => Record) private _records;
    mapping(bytes32 integraHash => address[]) private _resolvers;
    mapping(bytes32 integraHash => address) private _pendingOwners;
    /// @dev The address offered the executor role of a record and not yet accepting (zero when none).
    mapping(bytes32 integraHash => address) private _pendingExecutors;
    /// @dev The records each account came to own (registered or accepted), oldest first, and those offered to
    /// it, so "records I own" and "offers to me" are one call on any chain length. A record is appended unless it
    /// is already the account's last entry; the views read the current owner and pending owner.
    mapping(address account => bytes32[]) private _recordsReceivedBy;
    mapping(address account => bytes32[]) private _recordsOfferedTo;

    /// @dev Each open workflow's owner (zero: not open), the members it admitted (in no particular order), and each
    /// member's position in that list plus one (zero: not a member).
    mapping(bytes32 processHash => address) private _workflowOwners;
    mapping(bytes32 processHash => address[]) private _workflowMembers;
    mapping(bytes32 processHash => mapping(address member => uint256)) private _memberPositions;

    /// @notice How many records each address has registered; part of the integraHash preimage.
    mapping(address registrant => uint256) public nonces;

    /// @notice A record was registered. `executor` is always zero: an executor's authority starts only when it
    /// accepts the role (`ExecutorChanged`); a candidate named at registration is in `ExecutorOffered`.
    event RecordRegistered(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        bytes32 indexed contentHash,
        address owner,
        address tokenizer,
        address executor,
        bytes encryptedRef,
        uint256 timestamp
    );
    event OwnershipTransferred(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        address indexed newOwner,
        address previousOwner,
        string reason,
        uint256 timestamp
    );
    event OwnershipOffered(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        address indexed pendingOwner,
        address owner,
        string reason,
        uint256 timestamp
    );
    event OwnershipOfferCancelled(
        bytes32 indexed integraHash, bytes32 indexed processHash, address indexed pendingOwner, uint256 timestamp
    );
    /// @notice The executor role of a record was offered to `candidate`, who has no authority until it accepts;
    /// `candidate` zero: the pending offer was withdrawn (by the owner, or by an accepted ownership transfer).
    event ExecutorOffered(
        bytes32 indexed integraHash, bytes32 indexed processHash, address indexed candidate, uint256 timestamp
    );
    /// @notice The record's executor changed: a candidate accepted the role, or the executor was removed (zero), by
    /// the owner or with an accepted ownership transfer.
    event ExecutorChanged(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        address indexed newExecutor,
        address previousExecutor,
        uint256 timestamp
    );
    event ResolverAdded(
        bytes32 indexed integraHash, bytes32 indexed processHash, address indexed resolver, uint256 timestamp
    );
    event ResolverRemoved(
        bytes32 indexed integraHash, bytes32 indexed processHash, address indexed resolver, uint256 timestamp
    );
    /// @notice `owner` opened the workflow `processHash` (= `workflowHashOf(owner, workflowId)`). No record:
    /// `integraHash` is zero, so the event is on the workflow's timeline (topic2).
    event WorkflowOpened(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        address indexed owner,
        bytes32 workflowId,
        uint256 timestamp
    );
    /// @notice The workflow's owner admitted `member`, who may now register records into it. `integraHash` is zero.
    event WorkflowMemberAdmitted(
        bytes32 indexed integraHash, bytes32 indexed processHash, address indexed member, uint256 timestamp
    );
    /// @notice The workflow's owner removed `member`, who registers into it no more. `integraHash` is zero.
    event WorkflowMemberRemoved(
        bytes32 indexed integraHash, bytes32 indexed processHash, address indexed member, uint256 timestamp
    );

    error RecordNotFound(bytes32 integraHash);
    error NotRecordOwner(bytes32 integraHash, address caller);
    error ZeroContentHash();
    error ZeroAddress();
    error SameOwner(address owner);
    error TooManyResolvers(uint256 max);
    error ResolverAlreadyAdded(address resolver);
    error ResolverNotFound(address resolver);
    error InvalidResolver(address resolver);
    error NoPendingOffer(bytes32 integraHash);
    error NotPendingOwner(bytes32 integraHash, address caller);
    error NoTokenizer(bytes32 integraHash);
    error RecordChangedSinceOffer(bytes32 integraHash, uint256 expected, uint256 current);
    error NoPendingExecutor(bytes32 integraHash);
    error NotPendingExecutor(bytes32 integraHash, address caller);
    error NoExecutor(bytes32 integraHash);
    error WorkflowAlreadyOpen(bytes32 processHash);
    error UnknownWorkflow(bytes32 processHash);
    error NotWorkflowOwner(bytes32 processHash, address caller);
    error NotWorkflowMember(bytes32 processHash, address caller);
    error AlreadyMember(bytes32 processHash, address member);
    error NotMember(bytes32 processHash, address member);
    error TooManyMembers(uint256 max);
    error ReasonTooLong(uint256 length, uint256 max);

    modifier onlyRecordOwner(bytes32 integraHash) {
        address owner = _records[integraHash].owner;
        if (owner == address(0)) revert RecordNotFound(integraHash);
        if (owner != msg.sender) revert NotRecordOwner(integraHash, msg.sender);
        _;
    }

    modifier onlyWorkflowOwner(bytes32 processHash) {
        address owner = _workflowOwners[processHash];
        if (owner == address(0)) revert UnknownWorkflow(processHash);
        if (owner != msg.sender) revert NotWorkflowOwner(processHash, msg.sender);
        _;
    }

    // ---------------------------------------------------------------- workflows

    /// @notice The processHash of `owner`'s workflow `workflowId`: the same on every chain. The app derives
    /// `workflowId` as keccak256 of the workflow's name.
    function workflowHashOf(address owner, bytes32 workflowId) public pure returns (bytes32) {
        return keccak256(abi.encode(owner, workflowId));
    }

    /// @notice Opens the caller's workflow `workflowId`: the caller owns `workflowHashOf(caller, workflowId)`, and
    /// only it and the members it admits register records into it. Once per owner and id.
    /// @return processHash The workflow's processHash.
    function openWorkflow(bytes32 workflowId) external returns (bytes32 processHash) {
        processHash = workflowHashOf(msg.sender, workflowId);
        if (_workflowOwners[processHash] != address(0)) revert WorkflowAlreadyOpen(processHash);
        _workflowOwners[processHash] = msg.sender;
        emit WorkflowOpened(bytes32(0), processHash, msg.sender, workflowId, block.timestamp);
    }

    /// @notice The workflow's owner admits `member` to register records into it. At most MAX_WORKFLOW_MEMBERS.
    function admitMember(bytes32 processHash, address member) external onlyWorkflowOwner(processHash) {
        if (member == address(0)) revert ZeroAddress();
        if (member == msg.sender || _memberPositions[processHash][member] != 0) {
            revert AlreadyMember(processHash, member);
        }
        address[] storage members = _workflowMembers[processHash];
        uint256 count = members.length;
        if (count >= MAX_WORKFLOW_MEMBERS) revert TooManyMembers(MAX_WORKFLOW_MEMBERS);
        members.push(member);
        _memberPositions[processHash][member] = count + 1;
        emit WorkflowMemberAdmitted(bytes32(0), processHash, member, block.timestamp);
    }

    /// @notice The workflow's owner removes `member`: it registers into the workflow no more. The records it
    /// registered while a member stay in the workflow.
    function removeMember(bytes32 processHash, address member) external onlyWorkflowOwner(processHash) {
        mapping(address => uint256) storage positions = _memberPositions[processHash];
        uint256 position = positions[member];
        if (position == 0) revert NotMember(processHash, member);
        // Swap and pop: the last member takes the removed one's place.
        address[] storage members = _workflowMembers[processHash];
        address last = members[members.length - 1];
        members[position - 1] = last;
        positions[last] = position;
        members.pop();
        delete positions[member];
        emit WorkflowMemberRemoved(bytes32(0), processHash, member, block.timestamp);
    }

    /// @notice A workflow's owner (zero when it is not open) and its current members.
    function workflowOf(bytes32 processHash) external view returns (address owner, address[] memory members) {
        return (_workflowOwners[processHash], _workflowMembers[processHash]);
    }

    /// @notice True when `account` may register a record under `processHash`: zero (a record outside any workflow,
    /// anyone), or an open workflow's owner or one of its current members.
    function canRegisterInto(bytes32 processHash, address account) public view returns (bool) {
        if (processHash == bytes32(0)) return true;
        address owner = _workflowOwners[processHash];
        return owner != address(0) && (owner == account || _memberPositions[processHash][account] != 0);
    }

    // ---------------------------------------------------------------- registration

    /// @notice Registers a document by its content hash. The caller becomes the record's owner. Tokens can be
    /// reserved later by the owner or executor, and the party set sealed on the tokenizer; or use
    /// `registerWithParties` to do all of it in one transaction.
    /// @param contentHash SHA-256 of the document's bytes.
    /// @param encryptedRef Opaque ciphertext of a reference (e.g. a URI), emitted and never interpreted.
    /// @param tokenizer The tokenizer that may reserve this record's tokens (zero for none).
    /// @param executor An address OFFERED the executor role (zero for none): it has no authority until it calls
    /// `acceptExecutorRole`.
    /// @param processHash The workflow this record belongs to (zero for none); every event of the record carries
    /// it. The caller must be the workflow's owner or a member (`canRegisterInto`).
    /// @param resolvers Resolvers attached from the start; each one's `onRegistered` hook runs.
    /// @return integraHash The record's id, unique per chain, registry, registrant and nonce.
    function register(
        bytes32 contentHash,
        bytes calldata encryptedRef,
        address tokenizer,
        address executor,
        bytes32 processHash,
        address[] calldata resolvers
    ) external returns (bytes32 integraHash) {
        integraHash = _register(contentHash, encryptedRef, tokenizer, executor, processHash, resolvers);
        _runRegisteredHooks(integraHash, contentHash, resolvers);
    }

    /// @notice Registers a document and reserves its whole party set in one transaction: token i + 1 goes to
    /// `parties[i].recipient` with `parties[i].amount`, in the public role `parties[i].role` ("Seller"; may be
    /// empty), and the set is sealed, so the agreement completes only once every one of these parties has
    /// claimed. One signature for the clerk instead of n + 1.
    /// @dev Same parameters as `register`, plus the parties. Requires a tokenizer.
    function registerWithParties(
        bytes32 contentHash,
        bytes calldata encryptedRef,
        address tokenizer,
        address executor,
        bytes32 processHash,
        address[] calldata resolvers,
        IIntegraTokenizer.Party[] calldata parties
    ) external returns (bytes32 integraHash) {
        integraHash = _register(contentHash, encryptedRef, tokenizer, executor, processHash, resolvers);
        if (tokenizer == address(0)) revert NoTokenizer(integraHash);
        IIntegraTokenizer(tokenizer).reserveParties(integraHash, parties, msg.sender);
        _runRegisteredHooks(integraHash, contentHash, resolvers);
    }

    function _register(
        bytes32 contentHash,
        bytes calldata encryptedRef,
        address tokenizer,
        address executor,
        bytes32 processHash,
        address[] calldata resolvers
    ) private returns (bytes32 integraHash) {
        if (contentHash == bytes32(0)) revert ZeroContentHash();
        if (resolvers.length > MAX_RESOLVERS) revert TooManyResolvers(MAX_RESOLVERS);
        if (processHash != bytes32(0)) {
            address workflowOwner = _workflowOwners[processHash];
            if (workflowOwner == address(0)) revert UnknownWorkflow(processHash);
            if (workflowOwner != msg.sender && _memberPositions[processHash][msg.sender] == 0) {
                revert NotWorkflowMember(processHash, msg.sender);
            }
        }

        integraHash = keccak256(abi.encode(block.chainid, address(this), msg.sender, contentHash, nonces[msg.sender]++));
        // Field by field: the executor slot (no executor, epoch 0, no changes) and a zero processHash stay untouched.
        Record storage record = _records[integraHash];
        record.owner = msg.sender;
        record.registeredAt = uint64(block.timestamp);
        record.tokenizer = tokenizer;
        record.registeredBlock = uint64(block.number);
        record.contentHash = contentHash;
        if (processHash != bytes32(0)) record.processHash = processHash;
        for (uint256 i; i < resolvers.length; ++i) {
            _addResolver(integraHash, processHash, resolvers[i]);
        }

        emit RecordRegistered(
            integraHash, processHash, contentHash, msg.sender, tokenizer, address(0), encryptedRef, block.timestamp
        );
        AccountLists.append(_recordsReceivedBy[msg.sender], integraHash);
        // Registration is the first ownership change: a record's owners are one filter on newOwner.
        emit OwnershipTransferred(integraHash, processHash, msg.sender, address(0), "registered", block.timestamp);
        if (executor != address(0)) {
            _pendingExecutors[integraHash] = executor;
            emit ExecutorOffered(integraHash, processHash, executor, block.timestamp);
        }
    }

    function _runRegisteredHooks(bytes32 integraHash, bytes32 contentHash, address[] calldata resolvers) private {
        for (uint256 i; i < resolvers.length; ++i) {
            IIntegraResolver(resolvers[i]).onRegistered(integraHash, msg.sender, contentHash);
        }
    }

    // ---------------------------------------------------------------- ownership

    /// @notice Offers the administration of a record to `newOwner`, stating why (at most MAX_REASON_BYTES). Nothing
    /// moves until they accept; a new offer replaces a pending one. Tell them `recordVersionOf` now: their accept names it.
    function offerRecordOwnership(bytes32 integraHash, address newOwner, string calldata reason)
        external
        onlyRecordOwner(integraHash)
    {
        if (newOwner == address(0)) revert ZeroAddress();
        if (newOwner == msg.sender) revert SameOwner(newOwner);
        if (bytes(reason).length > MAX_REASON_BYTES) revert ReasonTooLong(bytes(reason).length, MAX_REASON_BYTES);
        _pendingOwners[integraHash] = newOwner;
        AccountLists.append(_recordsOfferedTo[newOwner], integraHash);
        emit OwnershipOffered(integraHash, _records[integraHash].processHash, newOwner, msg.sender, reason, block.timestamp);
    }

    /// @notice Withdraws a pending offer.
    function cancelOwnershipOffer(bytes32 integraHash) external onlyRecordOwner(integraHash) {
        address pending = _pendingOwners[integraHash];
        if (pending == address(0)) revert NoPendingOffer(integraHash);
        delete _pendingOwners[integraHash];
        emit OwnershipOfferCancelled(integraHash, _records[integraHash].processHash, pending, block.timestamp);
    }

    /// @notice The pending owner accepts the record as it was at `expectedVersion` (the `recordVersionOf` it saw,
    /// typically when the offer was made): if the record changed since, the accept reverts
    /// `RecordChangedSinceOffer` and the offer stands. The executor is removed, a pending executor offer withdrawn,
    /// and the authority epoch moves on, so no earlier owner or executor keeps any power over the record, nor any
    /// attestation they issued. Every resolver's `onOwnershipTransfer` hook runs after the new owner is written,
    /// and may veto by reverting.
    function acceptRecordOwnership(bytes32 integraHash, uint256 expectedVersion) external {
        address pending = _pendingOwners[integraHash];
        if (pending == address(0)) revert NoPendingOffer(integraHash);
        if (pending != msg.sender) revert NotPendingOwner(integraHash, msg.sender);

        Record storage record = _records[integraHash];
        uint256 current = _versionOf(integraHash, record);
        if (current != expectedVersion) revert RecordChangedSinceOffer(integraHash, expectedVersion, current);

        address previousOwner = record.owner;
        address previousExecutor = record.executor;
        bytes32 processHash = record.processHash;
        delete _pendingOwners[integraHash];
        record.owner = msg.sender;
        record.executor = address(0);
        record.authorityEpoch += 1;
        record.changes += 1;
        AccountLists.append(_recordsReceivedBy[msg.sender], integraHash);

        emit OwnershipTransferred(integraHash, processHash, msg.sender, previousOwner, "offer accepted", block.timestamp);
        if (previousExecutor != address(0)) {
            emit ExecutorChanged(integraHash, processHash, address(0), previousExecutor, block.timestamp);
        }
        if (_pendingExecutors[integraHash] != address(0)) {
            delete _pendingExecutors[integraHash];
            emit ExecutorOffered(integraHash, processHash, address(0), block.timestamp);
        }

        address[] storage resolvers = _resolvers[integraHash];
        for (uint256 i; i < resolvers.length; ++i) {
            IIntegraResolver(resolvers[i]).onOwnershipTransfer(integraHash, previousOwner, msg.sender);
        }
    }

    /// @notice The address a pending ownership offer is addressed to (zero when none).
    function pendingOwnerOf(bytes32 integraHash) external view returns (address) {
        return _pendingOwners[integraHash];
    }

    /// @notice A number that moves on every change of the record a buyer could care about: the registry's own
    /// changes (an executor accepted or removed, a resolver added or removed, ownership accepted) plus the record's
    /// tokenizer's `changesOf` (every reservation, cancel, seal and claim; 0 for no tokenizer, or one whose
    /// `changesOf` fails). `acceptRecordOwnership` names it. Reverts when the record is unknown.
    /// @dev A record's tokenizer is the registrant's choice: only an honest (e.g. an official) tokenizer's count
    /// means anything, so a buyer checks the tokenizer as well.
    function recordVersionOf(bytes32 integraHash) public view returns (uint256) {
        Record storage record = _records[integraHash];
        if (record.owner == address(0)) revert RecordNotFound(integraHash);
        return _versionOf(integraHash, record);
    }

    function _versionOf(bytes32 integraHash, Record storage record) private view returns (uint256 version) {
        version = record.changes;
        address tokenizer = record.tokenizer;
        if (tokenizer == address(0)) return version;
        bytes4 selector = IIntegraTokenizer.changesOf.selector;
        bool ok;
        uint256 tokenizerChanges;
        // A static call that copies back one word at most: a tokenizer that reverts, has no code, or answers
        // anything shorter than a word counts 0, and a long answer costs nothing.
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 4), integraHash)
            ok := staticcall(CHANGES_OF_GAS, tokenizer, ptr, 36, ptr, 32)
            if and(ok, gt(returndatasize(), 31)) { tokenizerChanges := mload(ptr) }
        }
        // Wraps rather than reverts, so no tokenizer's answer can make the version unreadable.
        unchecked {
            version += tokenizerChanges;
        }
    }

    // ---------------------------------------------------------------- executor

    /// @notice Offers the executor role of a record to `candidate`, replacing a pending offer; `candidate` zero
    /// withdraws the pending offer. The candidate has no authority until it accepts; the current executor (if any)
    /// keeps its role until then.
    function offerExecutor(bytes32 integraHash, address candidate) external onlyRecordOwner(integraHash) {
        if (candidate == address(0)) {
            if (_pendingExecutors[integraHash] == address(0)) revert NoPendingExecutor(integraHash);
            delete _pendingExecutors[integraHash];
        } else {
            _pendingExecutors[integraHash] = candidate;
        }
        emit ExecutorOffered(integraHash, _records[integraHash].processHash, candidate, block.timestamp);
    }

    /// @notice The pending candidate accepts the executor role offered to it: from now on it acts for the owner on
    /// this record, replacing any earlier executor. The authority epoch moves on: attestations issued before, by
    /// anyone, no longer authorize claims.
    function acceptExecutorRole(bytes32 integraHash) external {
        address candidate = _pendingExecutors[integraHash];
        if (candidate == address(0)) revert NoPendingExecutor(integraHash);
        if (candidate != msg.sender) revert NotPendingExecutor(integraHash, msg.sender);
        delete _pendingExecutors[integraHash];
        Record storage record = _records[integraHash];
        address previous = record.executor;
        record.executor = msg.sender;
        record.authorityEpoch += 1;
        record.changes += 1;
        emit ExecutorChanged(integraHash, record.processHash, msg.sender, previous, block.timestamp);
    }

    /// @notice Removes the record's executor. The authority epoch moves on: attestations issued before, by anyone,
    /// no longer authorize claims. A pending executor offer is not touched (`offerExecutor(integraHash, 0)`).
    function removeExecutor(bytes32 integraHash) external onlyRecordOwner(integraHash) {
        Record storage record = _records[integraHash];
        address previous = record.executor;
        if (previous == address(0)) revert NoExecutor(integraHash);
        record.executor = address(0);
        record.authorityEpoch += 1;
        record.changes += 1;
        emit ExecutorChanged(integraHash, record.processHash, address(0), previous, block.timestamp);
    }

    /// @notice The address offered the record's executor role and not yet accepting (zero when none).
    function pendingExecutorOf(bytes32 integraHash) external view returns (address) {
        return _pendingExecutors[integraHash];
    }

    // ---------------------------------------------------------------- resolvers

    /// @notice Attaches a resolver to a record. At most `MAX_RESOLVERS` per record.
    function addResolver(bytes32 integraHash, address resolver) external onlyRecordOwner(integraHash) {
        if (_resolvers[integraHash].length >= MAX_RESOLVERS) revert TooManyResolvers(MAX_RESOLVERS);
        Record storage record = _records[integraHash];
        record.changes += 1;
        _addResolver(integraHash, record.processHash, resolver);
    }

    /// @notice Detaches a resolver from a record.
    function removeResolver(bytes32 integraHash, address resolver) external onlyRecordOwner(integraHash) {
        address[] storage resolvers = _resolvers[integraHash];
        uint256 length = resolvers.length;
        for (uint256 i; i < length; ++i) {
            if (resolvers[i] == resolver) {
                resolvers[i] = resolvers[length - 1];
                resolvers.pop();
                Record storage record = _records[integraHash];
                record.changes += 1;
                emit ResolverRemoved(integraHash, record.processHash, resolver, block.timestamp);
                return;
            }
        }
        revert ResolverNotFound(resolver);
    }

    /// @notice Everything known about a record, in one call. Reverts when the record is unknown.
    function getRecord(bytes32 integraHash) public view returns (RecordInfo memory info) {
        Record storage record = _records[integraHash];
        if (record.owner == address(0)) revert RecordNotFound(integraHash);
        info = RecordInfo({
            owner: record.owner,
            registeredAt: record.registeredAt,
            tokenizer: record.tokenizer,
            registeredBlock: record.registeredBlock,
            executor: record.executor,
            contentHash: record.contentHash,
            processHash: record.processHash,
            resolvers: _resolvers[integraHash]
        });
    }

    /// @notice The records `account` owns now among entries `offset` to `offset + limit - 1` of the list of
    /// records it came to own (`limit` at most AccountLists.MAX_PAGE), with everything `getRecord` returns.
    /// Records passed on since drop out. Page with `offset += limit` while `offset < total`; a record listed twice
    /// (received back after another one) is returned once per page.
    /// @return integraHashes The records, oldest first.
    /// @return records Each one's `getRecord`.
    /// @return total The length of `account`'s list.
    function recordsOwnedBy(address account, uint256 offset, uint256 limit)
        external
        view
        returns (bytes32[] memory integraHashes, RecordInfo[] memory records, uint256 total)
    {
        bytes32[] storage list = _recordsReceivedBy[account];
        total = list.length;
        integraHashes = AccountLists.page(list, offset, limit);
        uint256 count;
        for (uint256 i; i < integraHashes.length; ++i) {
            bytes32 integraHash = integraHashes[i];
            if (integraHash != bytes32(0) && _records[integraHash].owner == account) {
                integraHashes[count++] = integraHash;
            }
        }
        // Drops the rows filtered out (the array only shrinks, so its memory stays allocated).
        if (count != integraHashes.length) {
            assembly ("memory-safe") {
                mstore(integraHashes, count)
            }
        }
        records = new RecordInfo[](count);
        for (uint256 i; i < count; ++i) {
            records[i] = getRecord(integraHashes[i]);
        }
    }

    /// @notice The records offered to `account` and still waiting for it, among entries `offset` to
    /// `offset + limit - 1` of the list of records ever offered to it, with who offers each. Paged like
    /// `recordsOwnedBy`.
    function offersTo(address account, uint256 offset, uint256 limit)
        external
        view
        returns (bytes32[] memory integraHashes, address[] memory owners, uint256 total)
    {
        bytes32[] storage list = _recordsOfferedTo[account];
        total = list.length;
        integraHashes = AccountLists.page(list, offset, limit);
        owners = new address[](integraHashes.length);
        uint256 count;
        for (uint256 i; i < integraHashes.length; ++i) {
            bytes32 integraHash = integraHashes[i];
            if (integraHash == bytes32(0) || _pendingOwners[integraHash] != account) continue;
            integraHashes[count] = integraHash;
            owners[count++] = _records[integraHash].owner;
        }
        if (count != integraHashes.length) {
            assembly ("memory-safe") {
                mstore(integraHashes, count)
                mstore(owners, count)
            }
        }
    }

    /// @notice True when the record exists.
    function exists(bytes32 integraHash) external view returns (bool) {
        return _records[integraHash].owner != address(0);
    }

    /// @inheritdoc IIntegraRecord
    function authorityOf(bytes32 integraHash)
        external
        view
        returns (address owner, address executor, address tokenizer, bytes32 processHash, uint64 authorityEpoch)
    {
        Record storage record = _records[integraHash];
        owner = record.owner;
        if (owner == address(0)) revert RecordNotFound(integraHash);
        return (owner, record.executor, record.tokenizer, record.processHash, record.authorityEpoch);
    }

    /// @inheritdoc IIntegraRecord
    function authorityEpochOf(bytes32 integraHash) external view returns (uint64) {
        return _records[integraHash].authorityEpoch;
    }

    /// @inheritdoc IIntegraRecord
    function isOwnerOrExecutor(bytes32 integraHash, address account) external view returns (bool) {
        if (account == address(0)) return false;
        Record storage record = _records[integraHash];
        return record.owner == account || record.executor == account;
    }

    function _addResolver(bytes32 integraHash, bytes32 processHash, address resolver) private {
        if (resolver.code.length == 0) revert InvalidResolver(resolver);
        address[] storage resolvers = _resolvers[integraHash];
        for (uint256 i; i < resolvers.length; ++i) {
            if (resolvers[i] == resolver) revert ResolverAlreadyAdded(resolver);
        }
        resolvers.push(resolver);
        emit ResolverAdded(integraHash, processHash, resolver, block.timestamp);
    }
}
