// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IEAS, Attestation} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ERC2771Context} from "@openzeppelin/contracts/metatx/ERC2771Context.sol";
import {IIntegraRecord} from "../interfaces/IIntegraRecord.sol";
import {IIntegraCapabilityResolver} from "../interfaces/IIntegraCapabilityResolver.sol";
import {IIntegraPartyTokens} from "../interfaces/IIntegraPartyTokens.sol";
import {IIntegraTokenizer} from "../interfaces/IIntegraTokenizer.sol";
import {AccountLists} from "../AccountLists.sol";
import {Capabilities} from "../Capabilities.sol";
import {TokenMetadata, TokenMetadataRenderer} from "./TokenMetadata.sol";

/// @title IntegraTokenizerBase
/// @notice Reserve, cancel and claim of a record's tokens, shared by every Integra tokenizer. The owner or
/// executor of a record reserves a token for a recipient; the recipient claims it with an EAS attestation of
/// the capability schema that grants CLAIM. Each bad attestation is rejected with its own error.
///
/// Rules this contract keeps:
/// - Parties claim into a fixed party set, and an agreement completes only once every token of that set is
///   claimed. The set is sealed when the record is registered with its parties
///   (`IntegraRecordV1.registerWithParties`), by `sealParties`, or, for a tokenizer with a fixed number of tokens,
///   when the last one is reserved; its parties are the reservations live at that moment. No token can be
///   claimed before the seal, nor while a party's place is vacant. After the seal no new token id can be added;
///   until the first claim, a party's reservation may still be cancelled and a token reserved again in its place
///   (a party who lost their wallet), and from the first claim on the set is locked: nobody can swap a party that
///   others committed alongside.
/// - Every event carries the record's own processHash; a reservation or claim naming another is refused.
///   (A claim is checked against the processHash its attestation carries, which the capability resolver accepted
///   only as the record's own.)
/// - An attestation authorizes a claim only under the authority epoch it was issued in: an ownership transfer
///   or an executor change kills every attestation issued before it, for good.
/// - Every reservation, cancel, seal and claim of a record moves its `changesOf` count, which the registry adds to
///   the record's version: a buyer's accept fails if a seller's executor reserved or claimed after the offer.
/// Every caller is `_msgSender()` (ERC-2771): a party's ephemeral wallet holds no ether, so it signs an EIP-712
/// request that the trusted forwarder (an `ERC2771Forwarder`) submits for it, and the tokenizer sees the party.
/// @dev Concrete tokenizers mint in `_mintClaimed` and decide which token ids and amounts are valid.
abstract contract IntegraTokenizerBase is IIntegraTokenizer, IIntegraPartyTokens, ERC2771Context {
    enum TokenStatus {
        None,
        Reserved,
        Claimed,
        Cancelled
    }

    /// @dev One slot: recipient (20 bytes) + amount (11 bytes) + status (1 byte). A token's workflow is always its
    /// record's processHash (a reservation under any other is refused, and a record's processHash never changes),
    /// so it is not stored per token: `tokenStatus` reads it from the registry.
    struct TokenSlot {
        address reservedFor;
        uint88 amount;
        TokenStatus status;
    }

    /// @dev Live reservations, claims, the sealed party count, the seal and completion flags, the count of
    /// changes (`changesOf`: every reservation, cancel, seal and claim), and whether the record's token ids were
    /// first reserved out of the order 1, 2, 3... (which lets completion list them without reading them). One slot.
    struct Progress {
        uint64 reserved;
        uint64 claimed;
        uint64 parties;
        bool isSealed;
        bool complete;
        uint32 changes;
        bool idsOutOfOrder;
    }

    IIntegraRecord public immutable registry;
    IEAS public immutable eas;
    /// @notice The capability schema's resolver: it records the authority epoch each attestation was issued in.
    IIntegraCapabilityResolver public immutable capabilityResolver;
    /// @notice The longest role label a reservation takes, in bytes: a word or two, such as "Seller" or "Lender".
    uint256 public constant MAX_ROLE_BYTES = 32;
    /// @notice The most token ids one record may ever use (cancelled ones included). It bounds what reading a
    /// record costs, so one record listed in an account's reservations cannot make `reservationsOf` run out of gas.
    uint256 public constant MAX_TOKEN_IDS = 64;
    /// @notice The most tokens one `reservationsOf` page reads (10 records of MAX_TOKEN_IDS): every page, however
    /// a stranger filled the account's list, stays well inside an eth_call's gas cap.
    uint256 public constant MAX_TOKENS_PER_PAGE = 640;

    /// @dev ERC-165 id of ERC-4906 (metadata update events), which both tokenizers support.
    bytes4 internal constant ERC4906_INTERFACE_ID = 0x49064906;

    /// @notice UID of the capability schema in `eas`.
    bytes32 public immutable capabilitySchema;
    /// @notice Renders the tokens' metadata (`tokenURI` / `uri`); deployed by this tokenizer's constructor.
    TokenMetadataRenderer public immutable metadataRenderer;

    mapping(bytes32 integraHash => mapping(uint256 tokenId => TokenSlot)) private _tokens;
    mapping(bytes32 integraHash => uint256[]) private _tokenIds;
    mapping(bytes32 integraHash => Progress) private _progress;
    /// @dev A reservation's role, left-aligned (a role has no zero bytes, so trailing zeros are padding).
    mapping(bytes32 integraHash => mapping(uint256 tokenId => bytes32)) private _roles;
    /// @dev The records each account was reserved a token on, oldest first, so "tokens reserved for me" is one
    /// call on any chain length. A record is appended unless it is already the account's last entry, so it
    /// repeats only when re-reserved after another record; `reservationsOf` reads the tokens' current state.
    mapping(address recipient => bytes32[]) private _recordsReservedFor;

    /// @notice A token reserved for (or claimed by) an account, as `reservationsOf` returns it.
    struct Reservation {
        bytes32 integraHash;
        uint256 tokenId;
        TokenStatus status;
        uint256 amount;
        bytes32 processHash;
        string role;
    }

    /// @notice A token was reserved for `recipient`. `role` is the public label the reservation gave the party
    /// ("Seller"; empty for none). The role is also kept (`roleOf`, `reservationsOf`), and a
    /// party does not commit to one: until the first claim the owner may cancel and re-reserve a place in another.
    event TokenReserved(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        address indexed recipient,
        uint256 tokenId,
        uint256 amount,
        address reservedBy,
        string role,
        uint256 timestamp
    );
    event ReservationCancelled(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        address indexed recipient,
        uint256 tokenId,
        address cancelledBy,
        uint256 timestamp
    );
    event TokenClaimed(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        address indexed claimant,
        uint256 tokenId,
        uint256 amount,
        bytes32 attestationUid,
        uint256 timestamp
    );
    event PartiesSealed(bytes32 indexed integraHash, bytes32 indexed processHash, uint256 tokenCount, uint256 timestamp);
    event DocumentComplete(
        bytes32 indexed integraHash, bytes32 indexed processHash, uint256 tokenCount, uint256 timestamp
    );
    /// @notice ERC-4906: the metadata (`tokenURI` / `uri`) of the token with ERC-721 or ERC-1155 id `_tokenId`
    /// changed, so wallets and marketplaces read it again. Emitted for the claimed token when it is claimed, and for
    /// every claimed token of a record when the record completes. (A token has no metadata before its claim, and its
    /// role and workflow never change after it: reserving and cancelling change no token's metadata.)
    /// A token standard's event, not a record's: it does not follow the integraHash / processHash topic layout.
    event MetadataUpdate(uint256 _tokenId);

    error WrongTokenizer(bytes32 integraHash, address tokenizer);
    error NotOwnerOrExecutor(bytes32 integraHash, address caller);
    error ZeroAddress();
    error InvalidTokenId(uint256 tokenId);
    error InvalidAmount(uint256 amount);
    error AlreadyReserved(bytes32 integraHash, uint256 tokenId);
    error DocumentAlreadyComplete(bytes32 integraHash);
    error NotReserved(bytes32 integraHash, uint256 tokenId);
    error NotReservedForCaller(address reservedFor, address caller);
    error AlreadyClaimed(bytes32 integraHash, uint256 tokenId);
    error ProcessHashMismatch(bytes32 expected, bytes32 given);
    error UnknownAttestation(bytes32 uid);
    error WrongSchema(bytes32 uid, bytes32 schema);
    error AttestationRevoked(bytes32 uid);
    error AttestationExpired(bytes32 uid, uint64 expirationTime);
    error NotAttestationRecipient(address recipient, address caller);
    error AttestationFromEarlierAuthority(bytes32 uid);
    error PartiesAlreadySealed(bytes32 integraHash);
    error PartiesNotSealed(bytes32 integraHash);
    error PartySetLocked(bytes32 integraHash);
    error VacantPartyPlace(bytes32 integraHash);
    error NoParties(bytes32 integraHash);
    error NotRegistry(address caller);
    error AttestationForOtherRecord(bytes32 attested, bytes32 integraHash);
    error AttestationForOtherToken(uint256 attested, uint256 tokenId);
    error MissingClaimCapability(uint256 capabilities);
    error RoleTooLong(uint256 length, uint256 max);
    error RoleNotPrintable(uint256 position);
    error TooManyTokenIds(bytes32 integraHash, uint256 max);
    error SchemaNotResolvedBy(bytes32 schema, address resolver);

    /// @param capabilityResolver_ The resolver of `capabilitySchema_`.
    /// @param trustedForwarder_ The ERC-2771 forwarder whose requests act for their signer.
    constructor(
        IIntegraRecord registry_,
        IEAS eas_,
        bytes32 capabilitySchema_,
        IIntegraCapabilityResolver capabilityResolver_,
        address trustedForwarder_
    ) ERC2771Context(trustedForwarder_) {
        // The epoch check at claim time trusts this resolver's records, so it must be the schema's own resolver.
        if (capabilityResolver_.capabilitySchema() != capabilitySchema_) {
            revert SchemaNotResolvedBy(capabilitySchema_, address(capabilityResolver_));
        }
        registry = registry_;
        eas = eas_;
        capabilitySchema = capabilitySchema_;
        capabilityResolver = capabilityResolver_;
        metadataRenderer = new TokenMetadataRenderer();
    }

    /// @notice Reserves `amount` of token `tokenId` of a record for `recipient`, in the role `role` (a public
    /// label such as "Seller", at most MAX_ROLE_BYTES bytes, no control bytes; empty for none). Owner or executor only, only for
    /// records bound to this tokenizer, and only under the record's own processHash. Once the party set is
    /// sealed, only a cancelled token may be reserved again, into a vacated place, and only until the first claim.
    function reserveToken(
        bytes32 integraHash,
        uint256 tokenId,
        address recipient,
        uint256 amount,
        bytes32 processHash,
        string calldata role
    ) external {
        bytes32 recordProcess = _requireAuthority(integraHash);
        if (processHash != recordProcess) revert ProcessHashMismatch(recordProcess, processHash);
        Progress storage progress = _progress[integraHash];
        _reserve(integraHash, progress, tokenId, recipient, amount, processHash, _msgSender(), role);
        if (!progress.isSealed && progress.reserved == _maxTokens()) _seal(integraHash, processHash, progress);
    }

    /// @notice Fixes the party set of a record: its live reservations are the whole agreement, which completes
    /// when every one of them is claimed. Owner or executor only; once.
    function sealParties(bytes32 integraHash) external {
        bytes32 processHash = _requireAuthority(integraHash);
        Progress storage progress = _progress[integraHash];
        if (progress.isSealed) revert PartiesAlreadySealed(integraHash);
        if (progress.reserved == 0) revert NoParties(integraHash);
        _seal(integraHash, processHash, progress);
    }

    /// @inheritdoc IIntegraTokenizer
    function reserveParties(bytes32 integraHash, Party[] calldata parties, address owner) external {
        if (msg.sender != address(registry)) revert NotRegistry(msg.sender);
        (,, address tokenizer, bytes32 processHash,) = registry.authorityOf(integraHash);
        if (tokenizer != address(this)) revert WrongTokenizer(integraHash, tokenizer);
        if (parties.length == 0) revert NoParties(integraHash);
        Progress storage progress = _progress[integraHash];
        for (uint256 i; i < parties.length; ++i) {
            Party calldata party = parties[i];
            _reserve(integraHash, progress, i + 1, party.recipient, party.amount, processHash, owner, party.role);
        }
        _seal(integraHash, processHash, progress);
    }

    /// @notice Cancels an unclaimed reservation. Owner or executor only, and in a sealed set only until the
    /// first claim. The token id may be reserved again; in a sealed set it must be, before anyone can claim on.
    function cancelReservation(bytes32 integraHash, uint256 tokenId) external {
        bytes32 processHash = _requireAuthority(integraHash);
        TokenSlot storage token = _tokens[integraHash][tokenId];
        if (token.status == TokenStatus.Claimed) revert AlreadyClaimed(integraHash, tokenId);
        if (token.status != TokenStatus.Reserved) revert NotReserved(integraHash, tokenId);
        Progress storage progress = _progress[integraHash];
        if (progress.isSealed && progress.claimed > 0) revert PartySetLocked(integraHash);

        token.status = TokenStatus.Cancelled;
        progress.reserved -= 1;
        progress.changes += 1;

        emit ReservationCancelled(integraHash, processHash, token.reservedFor, tokenId, _msgSender(), block.timestamp);
    }

    /// @notice Claims a token reserved for the caller, authorized by an attestation of the capability schema
    /// that grants CLAIM to the caller for this record (and this token, or any token with tokenId 0), issued
    /// under the record's current authority epoch. `processHash` must be the record's own, and the record's
    /// party set must be sealed: a party commits alongside a known set of parties.
    function claimToken(bytes32 integraHash, uint256 tokenId, bytes32 attestationUid, bytes32 processHash) external {
        address claimant = _msgSender();
        // The attested workflow is the record's own: the capability resolver refused any other at attestation time,
        // and a record's processHash never changes.
        bytes32 recordProcess = _verifyClaimAttestation(integraHash, tokenId, attestationUid, claimant);

        // Each slot is read once into memory, and only the changed fields are written back.
        Progress storage progressSlot = _progress[integraHash];
        Progress memory progress = progressSlot;
        if (!progress.isSealed) revert PartiesNotSealed(integraHash);
        // A place vacated by a cancellation is refilled before anyone commits; after the first claim it could not be.
        if (progress.reserved != progress.parties) revert VacantPartyPlace(integraHash);
        TokenSlot storage tokenSlot = _tokens[integraHash][tokenId];
        TokenSlot memory token = tokenSlot;
        if (token.status == TokenStatus.Claimed) revert AlreadyClaimed(integraHash, tokenId);
        if (token.status != TokenStatus.Reserved) revert NotReserved(integraHash, tokenId);
        if (token.reservedFor != claimant) revert NotReservedForCaller(token.reservedFor, claimant);
        if (recordProcess != processHash) revert ProcessHashMismatch(recordProcess, processHash);

        tokenSlot.status = TokenStatus.Claimed;
        uint64 claimed = progress.claimed + 1;
        // The set is sealed (checked above), so the agreement completes when every sealed party has claimed.
        bool completes = !progress.complete && claimed == progress.parties;
        progressSlot.claimed = claimed;
        progressSlot.changes = progress.changes + 1;
        if (completes) progressSlot.complete = true;

        emit TokenClaimed(integraHash, processHash, claimant, tokenId, token.amount, attestationUid, block.timestamp);
        if (completes) emit DocumentComplete(integraHash, processHash, claimed, block.timestamp);
        _mintClaimed(integraHash, tokenId, claimant, token.amount);
        // After the mint, as ERC-4906 metadata follows the token's existence; events only, no state.
        if (completes) _announceCompletion(integraHash, claimed);
        else emit MetadataUpdate(_metadataIdOf(integraHash, tokenId));
    }

    /// @notice A token's status: who it is reserved for (or was claimed by), the amount, and its workflow (the
    /// record's processHash; zero for a token never reserved).
    function tokenStatus(bytes32 integraHash, uint256 tokenId)
        external
        view
        returns (TokenStatus status, address reservedFor, uint256 amount, bytes32 processHash)
    {
        TokenSlot storage token = _tokens[integraHash][tokenId];
        status = token.status;
        // A reserved token's record exists (records are never deleted), so `authorityOf` does not revert here.
        if (status != TokenStatus.None) (,,, processHash,) = registry.authorityOf(integraHash);
        return (status, token.reservedFor, token.amount, processHash);
    }

    /// @notice The tokens reserved for `account` (status Reserved) or claimed by it (Claimed) on the records
    /// `offset` to `next - 1` of its reservation list, with their roles. A token cancelled or reserved to someone
    /// else since drops out. `Claimed` says the account claimed it, not that it still holds it.
    /// A page reads at most `limit` records (at most AccountLists.MAX_PAGE) and stops before a record whose token
    /// ids would take it past MAX_TOKENS_PER_PAGE (it always reads at least one record), so any page fits an
    /// eth_call's gas cap. Page with `offset = next` while `next < total` (with `limit` at least 1: a page of
    /// `limit` 0 reads nothing and returns `next == offset`). A record listed twice (re-reserved after
    /// another one) is returned once per page but may come back on another: callers keep one row per
    /// (integraHash, tokenId).
    /// @return reservations The tokens, record by record in list order, each record's in order of first reservation.
    /// @return total The length of `account`'s record list (entries, not tokens).
    /// @return next The offset of the first record this page did not read.
    function reservationsOf(address account, uint256 offset, uint256 limit)
        external
        view
        returns (Reservation[] memory reservations, uint256 total, uint256 next)
    {
        total = _recordsReservedFor[account].length;
        bytes32[] memory page = AccountLists.page(_recordsReservedFor[account], offset, limit);
        uint256 entries;
        uint256 scanned;
        uint256 count;
        for (; entries < page.length; ++entries) {
            bytes32 integraHash = page[entries];
            if (integraHash == bytes32(0)) continue;
            uint256 ids = _tokenIds[integraHash].length;
            if (scanned != 0 && scanned + ids > MAX_TOKENS_PER_PAGE) break;
            scanned += ids;
            count += _countHeldBy(integraHash, account);
        }
        next = offset < total ? offset + entries : offset;
        reservations = new Reservation[](count);
        uint256 filled;
        for (uint256 i; i < entries; ++i) {
            if (page[i] != bytes32(0)) filled = _fillHeldBy(page[i], account, reservations, filled);
        }
    }

    /// @notice The role a token was last reserved in ("Seller"; empty for none).
    function roleOf(bytes32 integraHash, uint256 tokenId) external view returns (string memory) {
        return _roleString(_roles[integraHash][tokenId]);
    }

    /// @notice Every token id ever reserved on a record, in order of first reservation.
    function tokenIdsOf(bytes32 integraHash) external view returns (uint256[] memory) {
        return _tokenIds[integraHash];
    }

    /// @inheritdoc IIntegraPartyTokens
    function progressOf(bytes32 integraHash) external view returns (uint256 reserved, uint256 claimed, bool complete) {
        Progress storage progress = _progress[integraHash];
        return (progress.reserved, progress.claimed, progress.complete);
    }

    /// @inheritdoc IIntegraTokenizer
    function changesOf(bytes32 integraHash) external view returns (uint256) {
        return _progress[integraHash].changes;
    }

    /// @notice Whether the party set is sealed, and how many tokens it holds (0 until sealed).
    function partySetOf(bytes32 integraHash) external view returns (bool isSealed, uint256 parties) {
        Progress storage progress = _progress[integraHash];
        return (progress.isSealed, progress.parties);
    }

    /// @inheritdoc IIntegraTokenizer
    function isParty(bytes32 integraHash, uint256 tokenId, address account) external view returns (bool) {
        TokenSlot storage token = _tokens[integraHash][tokenId];
        return token.status == TokenStatus.Claimed && token.reservedFor == account && _holds(integraHash, tokenId, account);
    }

    /// @inheritdoc IIntegraPartyTokens
    function isReserved(bytes32 integraHash, uint256 tokenId) external view returns (bool) {
        TokenStatus status = _tokens[integraHash][tokenId].status;
        return status == TokenStatus.Reserved || status == TokenStatus.Claimed;
    }

    /// @dev The amount a token was reserved (and claimed) with.
    function _amountOf(bytes32 integraHash, uint256 tokenId) internal view returns (uint256) {
        return _tokens[integraHash][tokenId].amount;
    }

    /// @dev The token's claimant, if claimed.
    function _claimantOf(bytes32 integraHash, uint256 tokenId) internal view returns (address) {
        TokenSlot storage token = _tokens[integraHash][tokenId];
        return token.status == TokenStatus.Claimed ? token.reservedFor : address(0);
    }

    function _isHeldBy(TokenSlot storage token, address account) private view returns (bool) {
        return token.reservedFor == account && (token.status == TokenStatus.Reserved || token.status == TokenStatus.Claimed);
    }

    function _countHeldBy(bytes32 integraHash, address account) private view returns (uint256 count) {
        uint256[] storage ids = _tokenIds[integraHash];
        for (uint256 i; i < ids.length; ++i) {
            if (_isHeldBy(_tokens[integraHash][ids[i]], account)) ++count;
        }
    }

    function _fillHeldBy(bytes32 integraHash, address account, Reservation[] memory out, uint256 next)
        private
        view
        returns (uint256)
    {
        (,,, bytes32 processHash,) = registry.authorityOf(integraHash);
        uint256[] storage ids = _tokenIds[integraHash];
        for (uint256 i; i < ids.length; ++i) {
            uint256 tokenId = ids[i];
            TokenSlot storage token = _tokens[integraHash][tokenId];
            if (!_isHeldBy(token, account)) continue;
            out[next++] = Reservation({
                integraHash: integraHash,
                tokenId: tokenId,
                status: token.status,
                amount: token.amount,
                processHash: processHash,
                role: _roleString(_roles[integraHash][tokenId])
            });
        }
        return next;
    }

    function _roleString(bytes32 packed) private pure returns (string memory role) {
        // A stored role has no zero bytes (control bytes are refused), so its length is 32 less the trailing zeros.
        uint256 length = 32;
        while (length != 0 && packed[length - 1] == 0) --length;
        role = new string(length);
        if (length != 0) {
            assembly ("memory-safe") {
                mstore(add(role, 32), packed)
            }
        }
    }

    /// @dev The metadata URI of the record's token `tokenId` (`TokenMetadata.uri`), for a claimed token: its role,
    /// the record, its workflow, and whether the record is complete. The caller checks the token was minted.
    function _tokenURI(bytes32 integraHash, uint256 tokenId, bool ownership) internal view returns (string memory) {
        (,,, bytes32 processHash,) = registry.authorityOf(integraHash);
        Progress storage progress = _progress[integraHash];
        return metadataRenderer.uri(
            TokenMetadata.Token({
                ownership: ownership,
                role: _roleString(_roles[integraHash][tokenId]),
                integraHash: integraHash,
                processHash: processHash,
                tokenId: tokenId,
                parties: progress.parties,
                complete: progress.complete,
                registry: address(registry)
            })
        );
    }

    /// @dev The record's token id whose ERC-721 / ERC-1155 id is `metadataId`, found among the record's token ids.
    function _tokenIdWithMetadataId(bytes32 integraHash, uint256 metadataId)
        internal
        view
        returns (bool found, uint256 tokenId)
    {
        uint256[] storage ids = _tokenIds[integraHash];
        for (uint256 i; i < ids.length; ++i) {
            if (_metadataIdOf(integraHash, ids[i]) == metadataId) return (true, ids[i]);
        }
    }

    /// @dev ERC-4906 on completion: each of the record's `claimed` tokens now shows the agreement complete. (A token
    /// id whose reservation was cancelled and never refilled was never minted, and has no metadata to refresh.)
    /// Reads as little as it can: ids reserved in order are 1..n, and when the record has as many ids as claims,
    /// none was left cancelled, so no token's status needs reading.
    function _announceCompletion(bytes32 integraHash, uint256 claimed) internal virtual {
        uint256[] storage ids = _tokenIds[integraHash];
        uint256 count = ids.length;
        bool inOrder = !_progress[integraHash].idsOutOfOrder;
        bool allClaimed = count == claimed;
        for (uint256 i; i < count; ++i) {
            uint256 tokenId = inOrder ? i + 1 : ids[i];
            if (allClaimed || _tokens[integraHash][tokenId].status == TokenStatus.Claimed) {
                emit MetadataUpdate(_metadataIdOf(integraHash, tokenId));
            }
        }
    }

    /// @dev The ERC-721 or ERC-1155 id of the record's token `tokenId`.
    function _metadataIdOf(bytes32 integraHash, uint256 tokenId) internal pure virtual returns (uint256);

    /// @dev True when `account` currently holds the record's token `tokenId`.
    function _holds(bytes32 integraHash, uint256 tokenId, address account) internal view virtual returns (bool);

    /// @dev How many tokens a record of this tokenizer can have; reserving the last one seals the set.
    function _maxTokens() internal pure virtual returns (uint256);

    /// @dev Checks a token id and amount this tokenizer accepts; reverts otherwise.
    function _validateReservation(uint256 tokenId, uint256 amount) internal pure virtual;

    /// @dev Mints the claimed token to `claimant`. Called after all state changes (only ERC-4906 events follow).
    function _mintClaimed(bytes32 integraHash, uint256 tokenId, address claimant, uint256 amount) internal virtual;

    /// @dev Reverts unless the caller is the record's owner or executor and the record is bound here; returns
    /// the record's processHash.
    function _requireAuthority(bytes32 integraHash) private view returns (bytes32 processHash) {
        address owner;
        address executor;
        address tokenizer;
        (owner, executor, tokenizer, processHash,) = registry.authorityOf(integraHash);
        if (tokenizer != address(this)) revert WrongTokenizer(integraHash, tokenizer);
        address caller = _msgSender();
        if (caller != owner && caller != executor) revert NotOwnerOrExecutor(integraHash, caller);
    }

    function _reserve(
        bytes32 integraHash,
        Progress storage progress,
        uint256 tokenId,
        address recipient,
        uint256 amount,
        bytes32 processHash,
        address reservedBy,
        string calldata role
    ) private {
        if (recipient == address(0)) revert ZeroAddress();
        _validateRole(role);
        _validateReservation(tokenId, amount);
        if (progress.complete) revert DocumentAlreadyComplete(integraHash);
        TokenSlot storage token = _tokens[integraHash][tokenId];
        if (token.status == TokenStatus.Reserved) revert AlreadyReserved(integraHash, tokenId);
        if (token.status == TokenStatus.Claimed) revert AlreadyClaimed(integraHash, tokenId);
        bool firstReservation = token.status == TokenStatus.None;
        if (firstReservation) {
            if (progress.isSealed) revert PartiesAlreadySealed(integraHash);
            uint256[] storage ids = _tokenIds[integraHash];
            uint256 count = ids.length;
            if (count == MAX_TOKEN_IDS) revert TooManyTokenIds(integraHash, MAX_TOKEN_IDS);
            if (tokenId != count + 1) progress.idsOutOfOrder = true;
            ids.push(tokenId);
        } else if (progress.isSealed) {
            // Refilling a party's place, never adding one: live reservations never outnumber the sealed parties.
            if (progress.claimed > 0) revert PartySetLocked(integraHash);
            if (progress.reserved >= progress.parties) revert PartiesAlreadySealed(integraHash);
        }
        token.reservedFor = recipient;
        // forge-lint: disable-next-line(unsafe-typecast)
        token.amount = uint88(amount); // _validateReservation bounds amount to uint88
        token.status = TokenStatus.Reserved;
        progress.reserved += 1;
        progress.changes += 1;
        // A first reservation without a role leaves the slot untouched; a re-reservation overwrites the old role.
        if (!firstReservation || bytes(role).length != 0) _roles[integraHash][tokenId] = bytes32(bytes(role));
        AccountLists.append(_recordsReservedFor[recipient], integraHash);

        emit TokenReserved(integraHash, processHash, recipient, tokenId, amount, reservedBy, role, block.timestamp);
    }

    /// @dev A role is a short public label shown to other people (a registrant may reserve for anyone): at most
    /// MAX_ROLE_BYTES bytes, and no control bytes that could rewrite a terminal or a log line.
    function _validateRole(string calldata role) private pure {
        bytes calldata raw = bytes(role);
        if (raw.length > MAX_ROLE_BYTES) revert RoleTooLong(raw.length, MAX_ROLE_BYTES);
        for (uint256 i; i < raw.length; ++i) {
            if (raw[i] < 0x20 || raw[i] == 0x7f) revert RoleNotPrintable(i);
        }
    }

    function _seal(bytes32 integraHash, bytes32 processHash, Progress storage progress) private {
        progress.isSealed = true;
        // The live reservations are the parties: tokens cancelled before the seal are not part of the agreement.
        progress.parties = progress.reserved;
        progress.changes += 1;
        emit PartiesSealed(integraHash, processHash, progress.parties, block.timestamp);
    }

    /// @dev Returns the attested processHash: the record's own, since the capability resolver (bound to
    /// `capabilitySchema`, and whose epoch record for `uid` is checked here) refused any other at attestation time.
    function _verifyClaimAttestation(bytes32 integraHash, uint256 tokenId, bytes32 uid, address claimant)
        private
        view
        returns (bytes32 attestedProcess)
    {
        Attestation memory attestation = eas.getAttestation(uid);
        if (attestation.uid == bytes32(0)) revert UnknownAttestation(uid);
        if (attestation.schema != capabilitySchema) revert WrongSchema(uid, attestation.schema);
        if (attestation.revocationTime != 0) revert AttestationRevoked(uid);
        if (attestation.expirationTime != 0 && attestation.expirationTime <= block.timestamp) {
            revert AttestationExpired(uid, attestation.expirationTime);
        }
        if (attestation.recipient != claimant) revert NotAttestationRecipient(attestation.recipient, claimant);
        uint256 attestedTokenId;
        uint256 capabilities;
        bytes32 attestedHash;
        (attestedHash, attestedTokenId, capabilities, attestedProcess) =
            abi.decode(attestation.data, (bytes32, uint256, uint256, bytes32));
        if (attestedHash != integraHash) revert AttestationForOtherRecord(attestedHash, integraHash);
        // The resolver let the attester in under the epoch it recorded; the same epoch now means the same
        // owner and executor, so the attester still has authority, and was never replaced in between.
        if (!capabilityResolver.issuedUnderEpoch(uid, registry.authorityEpochOf(integraHash))) {
            revert AttestationFromEarlierAuthority(uid);
        }
        if (attestedTokenId != 0 && attestedTokenId != tokenId) {
            revert AttestationForOtherToken(attestedTokenId, tokenId);
        }
        if (capabilities & Capabilities.CLAIM == 0) revert MissingClaimCapability(capabilities);
    }
}
