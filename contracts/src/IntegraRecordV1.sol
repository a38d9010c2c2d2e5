// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

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
/// - Ownership moves in two steps: the owner offers (with a reason), the new owner accepts; an offer can be
///   cancelled. Nobody receives a record without accepting it, and a typo cannot send one away.
/// - Accepting a transfer ends every earlier principal's power: the executor is removed, and the record's
///   authority epoch moves on, so every attestation issued before (by the former owner or executor) is dead
///   for good, even if the same address regains authority later. Changing the executor moves the epoch too.
/// - A record's processHash is fixed at registration; every event of the record carries it.
/// @dev Every event: topic1 = integraHash, topic2 = processHash, an optional third indexed field, and a timestamp.
contract IntegraRecordV1 is IIntegraRecord {
    /// @notice Most resolvers one record may carry, so hooks stay bounded in gas.
    uint256 public constant MAX_RESOLVERS = 4;

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

    /// @dev Storage layout of a record: owner+time, tokenizer+block, executor+epoch, contentHash, processHash.
    struct Record {
        address owner;
        uint64 registeredAt;
        address tokenizer;
        uint64 registeredBlock;
        address executor;
        uint64 authorityEpoch;
        bytes32 contentHash;
        bytes32 processHash;
    }

    mapping(bytes32 integraHash => Record) private _records;
    mapping(bytes32 integraHash => address[]) private _resolvers;
    mapping(bytes32 integraHash => address) private _pendingOwners;
    /// @dev The records each account came to own (registered or accepted), oldest first, and those offered to
    /// it, so "records I own" and "offers to me" are one call on any chain length. A record is appended unless it
    /// is already the account's last entry; the views read the current owner and pending owner.
    mapping(address account => bytes32[]) private _recordsReceivedBy;
    mapping(address account => bytes32[]) private _recordsOfferedTo;

    /// @notice How many records each address has registered; part of the integraHash preimage.
    mapping(address registrant => uint256) public nonces;

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

    modifier onlyRecordOwner(bytes32 integraHash) {
        address owner = _records[integraHash].owner;
        if (owner == address(0)) revert RecordNotFound(integraHash);
        if (owner != msg.sender) revert NotRecordOwner(integraHash, msg.sender);
        _;
    }

    /// @notice Registers a document by its content hash. The caller becomes the record's owner. Tokens can be
    /// reserved later by the owner or executor, and the party set sealed on the tokenizer; or use
    /// `registerWithParties` to do all of it in one transaction.
    /// @param contentHash SHA-256 of the document's bytes.
    /// @param encryptedRef Opaque ciphertext of a reference (e.g. a URI), emitted and never interpreted.
    /// @param tokenizer The tokenizer that may reserve this record's tokens (zero for none).
    /// @param executor An address allowed to act for the owner on this record (zero for none).
    /// @param processHash The workflow this record belongs to; every event of the record carries it.
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

        integraHash = keccak256(abi.encode(block.chainid, address(this), msg.sender, contentHash, nonces[msg.sender]++));
        _records[integraHash] = Record({
            owner: msg.sender,
            registeredAt: uint64(block.timestamp),
            tokenizer: tokenizer,
            registeredBlock: uint64(block.number),
            executor: executor,
            authorityEpoch: 0,
            contentHash: contentHash,
            processHash: processHash
        });
        for (uint256 i; i < resolvers.length; ++i) {
            _addResolver(integraHash, processHash, resolvers[i]);
        }

        emit RecordRegistered(
            integraHash, processHash, contentHash, msg.sender, tokenizer, executor, encryptedRef, block.timestamp
        );
        AccountLists.append(_recordsReceivedBy[msg.sender], integraHash);
        // Registration is the first ownership change: a record's owners are one filter on newOwner.
        emit OwnershipTransferred(integraHash, processHash, msg.sender, address(0), "registered", block.timestamp);
        if (executor != address(0)) {
            emit ExecutorChanged(integraHash, processHash, executor, address(0), block.timestamp);
        }
    }

    function _runRegisteredHooks(bytes32 integraHash, bytes32 contentHash, address[] calldata resolvers) private {
        for (uint256 i; i < resolvers.length; ++i) {
            IIntegraResolver(resolvers[i]).onRegistered(integraHash, msg.sender, contentHash);
        }
    }

    /// @notice Offers the administration of a record to `newOwner`, stating why. Nothing moves until they accept;
    /// a new offer replaces a pending one.
    function offerRecordOwnership(bytes32 integraHash, address newOwner, string calldata reason)
        external
        onlyRecordOwner(integraHash)
    {
        if (newOwner == address(0)) revert ZeroAddress();
        if (newOwner == msg.sender) revert SameOwner(newOwner);
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

    /// @notice The pending owner accepts the record. The executor is removed and the authority epoch moves on,
    /// so no earlier owner or executor keeps any power over the record, nor any attestation they issued.
    /// Every resolver's `onOwnershipTransfer` hook runs after the new owner is written, and may veto by reverting.
    function acceptRecordOwnership(bytes32 integraHash) external {
        address pending = _pendingOwners[integraHash];
        if (pending == address(0)) revert NoPendingOffer(integraHash);
        if (pending != msg.sender) revert NotPendingOwner(integraHash, msg.sender);

        Record storage record = _records[integraHash];
        address previousOwner = record.owner;
        address previousExecutor = record.executor;
        bytes32 processHash = record.processHash;
        delete _pendingOwners[integraHash];
        record.owner = msg.sender;
        record.executor = address(0);
        record.authorityEpoch += 1;
        AccountLists.append(_recordsReceivedBy[msg.sender], integraHash);

        emit OwnershipTransferred(integraHash, processHash, msg.sender, previousOwner, "offer accepted", block.timestamp);
        if (previousExecutor != address(0)) {
            emit ExecutorChanged(integraHash, processHash, address(0), previousExecutor, block.timestamp);
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

    /// @notice Authorizes `newExecutor` to act for the owner on this record (zero removes the executor). The
    /// authority epoch moves on: attestations issued before the change, by anyone, no longer authorize claims.
    function setExecutor(bytes32 integraHash, address newExecutor) external onlyRecordOwner(integraHash) {
        Record storage record = _records[integraHash];
        address previous = record.executor;
        record.executor = newExecutor;
        record.authorityEpoch += 1;
        emit ExecutorChanged(integraHash, record.processHash, newExecutor, previous, block.timestamp);
    }

    /// @notice Attaches a resolver to a record. At most `MAX_RESOLVERS` per record.
    function addResolver(bytes32 integraHash, address resolver) external onlyRecordOwner(integraHash) {
        if (_resolvers[integraHash].length >= MAX_RESOLVERS) revert TooManyResolvers(MAX_RESOLVERS);
        _addResolver(integraHash, _records[integraHash].processHash, resolver);
    }

    /// @notice Detaches a resolver from a record.
    function removeResolver(bytes32 integraHash, address resolver) external onlyRecordOwner(integraHash) {
        address[] storage resolvers = _resolvers[integraHash];
        uint256 length = resolvers.length;
        for (uint256 i; i < length; ++i) {
            if (resolvers[i] == resolver) {
                resolvers[i] = resolvers[length - 1];
                resolvers.pop();
                emit ResolverRemoved(integraHash, _records[integraHash].processHash, resolver, block.timestamp);
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
