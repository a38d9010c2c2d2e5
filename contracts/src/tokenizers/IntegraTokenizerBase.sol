// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IEAS, Attestation} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ERC2771Context} from "@openzeppelin/contracts/metatx/ERC2771Context.sol";
import {IIntegraRecord} from "../interfaces/IIntegraRecord.sol";
import {IIntegraTokenizer} from "../interfaces/IIntegraTokenizer.sol";
import {Capabilities} from "../Capabilities.sol";

/// @title IntegraTokenizerBase
/// @notice Reserve, cancel and claim of a record's tokens, shared by every Integra tokenizer. The owner or
/// executor of a record reserves a token for a recipient; the recipient claims it with an EAS attestation of
/// the capability schema that grants CLAIM. Each bad attestation is rejected with its own error.
/// Every caller is `_msgSender()` (ERC-2771): a party's ephemeral wallet holds no ether, so it signs an EIP-712
/// request that the trusted forwarder (an `ERC2771Forwarder`) submits for it, and the tokenizer sees the party.
/// @dev Concrete tokenizers mint in `_mintClaimed` and decide which token ids and amounts are valid.
abstract contract IntegraTokenizerBase is IIntegraTokenizer, ERC2771Context {
    enum TokenStatus {
        None,
        Reserved,
        Claimed,
        Cancelled
    }

    /// @dev One slot: recipient (20 bytes) + amount (11 bytes) + status (1 byte); the workflow in a second.
    struct TokenSlot {
        address reservedFor;
        uint88 amount;
        TokenStatus status;
        bytes32 processHash;
    }

    /// @dev Reserved and claimed counts of a record, and whether DocumentComplete was emitted. One slot.
    struct Progress {
        uint120 reserved;
        uint120 claimed;
        bool complete;
    }

    IIntegraRecord public immutable registry;
    IEAS public immutable eas;
    /// @notice UID of the capability schema in `eas`.
    bytes32 public immutable capabilitySchema;

    mapping(bytes32 integraHash => mapping(uint256 tokenId => TokenSlot)) private _tokens;
    mapping(bytes32 integraHash => uint256[]) private _tokenIds;
    mapping(bytes32 integraHash => Progress) private _progress;

    event TokenReserved(
        bytes32 indexed integraHash,
        bytes32 indexed processHash,
        address indexed recipient,
        uint256 tokenId,
        uint256 amount,
        address reservedBy,
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
    event DocumentComplete(
        bytes32 indexed integraHash, bytes32 indexed processHash, uint256 tokenCount, uint256 timestamp
    );

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
    error AttesterNotAuthorized(address attester);
    error AttestationForOtherRecord(bytes32 attested, bytes32 integraHash);
    error AttestationForOtherToken(uint256 attested, uint256 tokenId);
    error MissingClaimCapability(uint256 capabilities);

    /// @param trustedForwarder_ The ERC-2771 forwarder whose requests act for their signer.
    constructor(IIntegraRecord registry_, IEAS eas_, bytes32 capabilitySchema_, address trustedForwarder_)
        ERC2771Context(trustedForwarder_)
    {
        registry = registry_;
        eas = eas_;
        capabilitySchema = capabilitySchema_;
    }

    /// @notice Reserves `amount` of token `tokenId` of a record for `recipient`. Owner or executor only,
    /// and only for records bound to this tokenizer.
    function reserveToken(bytes32 integraHash, uint256 tokenId, address recipient, uint256 amount, bytes32 processHash)
        external
    {
        _requireAuthority(integraHash);
        if (recipient == address(0)) revert ZeroAddress();
        _validateReservation(tokenId, amount);

        Progress storage progress = _progress[integraHash];
        if (progress.complete) revert DocumentAlreadyComplete(integraHash);
        TokenSlot storage token = _tokens[integraHash][tokenId];
        if (token.status == TokenStatus.Reserved) revert AlreadyReserved(integraHash, tokenId);
        if (token.status == TokenStatus.Claimed) revert AlreadyClaimed(integraHash, tokenId);

        if (token.status == TokenStatus.None) _tokenIds[integraHash].push(tokenId);
        token.reservedFor = recipient;
        // forge-lint: disable-next-line(unsafe-typecast)
        token.amount = uint88(amount); // _validateReservation bounds amount to uint88
        token.status = TokenStatus.Reserved;
        token.processHash = processHash;
        progress.reserved += 1;

        emit TokenReserved(integraHash, processHash, recipient, tokenId, amount, _msgSender(), block.timestamp);
    }

    /// @notice Cancels an unclaimed reservation. Owner or executor only. The token id may be reserved again.
    function cancelReservation(bytes32 integraHash, uint256 tokenId) external {
        _requireAuthority(integraHash);
        TokenSlot storage token = _tokens[integraHash][tokenId];
        if (token.status == TokenStatus.Claimed) revert AlreadyClaimed(integraHash, tokenId);
        if (token.status != TokenStatus.Reserved) revert NotReserved(integraHash, tokenId);

        token.status = TokenStatus.Cancelled;
        Progress storage progress = _progress[integraHash];
        progress.reserved -= 1;

        emit ReservationCancelled(integraHash, token.processHash, token.reservedFor, tokenId, _msgSender(), block.timestamp);
        _completeIfAllClaimed(integraHash, token.processHash, progress);
    }

    /// @notice Claims a token reserved for the caller, authorized by an attestation of the capability schema
    /// that grants CLAIM to the caller for this record (and this token, or any token with tokenId 0).
    function claimToken(bytes32 integraHash, uint256 tokenId, bytes32 attestationUid, bytes32 processHash) external {
        address claimant = _msgSender();
        _verifyClaimAttestation(integraHash, tokenId, attestationUid, claimant);

        TokenSlot storage token = _tokens[integraHash][tokenId];
        if (token.status == TokenStatus.Claimed) revert AlreadyClaimed(integraHash, tokenId);
        if (token.status != TokenStatus.Reserved) revert NotReserved(integraHash, tokenId);
        if (token.reservedFor != claimant) revert NotReservedForCaller(token.reservedFor, claimant);
        if (token.processHash != processHash) revert ProcessHashMismatch(token.processHash, processHash);

        token.status = TokenStatus.Claimed;
        Progress storage progress = _progress[integraHash];
        progress.claimed += 1;
        uint256 amount = token.amount;

        emit TokenClaimed(integraHash, processHash, claimant, tokenId, amount, attestationUid, block.timestamp);
        _completeIfAllClaimed(integraHash, processHash, progress);
        _mintClaimed(integraHash, tokenId, claimant, amount);
    }

    /// @notice A token's status: who it is reserved for (or was claimed by), the amount, and its workflow.
    function tokenStatus(bytes32 integraHash, uint256 tokenId)
        external
        view
        returns (TokenStatus status, address reservedFor, uint256 amount, bytes32 processHash)
    {
        TokenSlot storage token = _tokens[integraHash][tokenId];
        return (token.status, token.reservedFor, token.amount, token.processHash);
    }

    /// @notice Every token id ever reserved on a record, in order of first reservation.
    function tokenIdsOf(bytes32 integraHash) external view returns (uint256[] memory) {
        return _tokenIds[integraHash];
    }

    /// @notice How many of a record's live reservations are claimed, and whether it is complete.
    function progressOf(bytes32 integraHash) external view returns (uint256 reserved, uint256 claimed, bool complete) {
        Progress storage progress = _progress[integraHash];
        return (progress.reserved, progress.claimed, progress.complete);
    }

    /// @dev Checks a token id and amount this tokenizer accepts; reverts otherwise.
    function _validateReservation(uint256 tokenId, uint256 amount) internal pure virtual;

    /// @dev Mints the claimed token to `claimant`. Called last, after all state changes.
    function _mintClaimed(bytes32 integraHash, uint256 tokenId, address claimant, uint256 amount) internal virtual;

    function _requireAuthority(bytes32 integraHash) private view {
        (address owner, address executor, address tokenizer,) = registry.authorityOf(integraHash);
        if (tokenizer != address(this)) revert WrongTokenizer(integraHash, tokenizer);
        address caller = _msgSender();
        if (caller != owner && caller != executor) revert NotOwnerOrExecutor(integraHash, caller);
    }

    function _verifyClaimAttestation(bytes32 integraHash, uint256 tokenId, bytes32 uid, address claimant) private view {
        Attestation memory attestation = eas.getAttestation(uid);
        if (attestation.uid == bytes32(0)) revert UnknownAttestation(uid);
        if (attestation.schema != capabilitySchema) revert WrongSchema(uid, attestation.schema);
        if (attestation.revocationTime != 0) revert AttestationRevoked(uid);
        if (attestation.expirationTime != 0 && attestation.expirationTime <= block.timestamp) {
            revert AttestationExpired(uid, attestation.expirationTime);
        }
        if (attestation.recipient != claimant) revert NotAttestationRecipient(attestation.recipient, claimant);
        if (!registry.isOwnerOrExecutor(integraHash, attestation.attester)) {
            revert AttesterNotAuthorized(attestation.attester);
        }
        (bytes32 attestedHash, uint256 attestedTokenId, uint256 capabilities,) =
            abi.decode(attestation.data, (bytes32, uint256, uint256, bytes32));
        if (attestedHash != integraHash) revert AttestationForOtherRecord(attestedHash, integraHash);
        if (attestedTokenId != 0 && attestedTokenId != tokenId) {
            revert AttestationForOtherToken(attestedTokenId, tokenId);
        }
        if (capabilities & Capabilities.CLAIM == 0) revert MissingClaimCapability(capabilities);
    }

    function _completeIfAllClaimed(bytes32 integraHash, bytes32 processHash, Progress storage progress) private {
        if (progress.complete || progress.claimed == 0 || progress.claimed != progress.reserved) return;
        progress.complete = true;
        emit DocumentComplete(integraHash, processHash, progress.claimed, block.timestamp);
    }
}
