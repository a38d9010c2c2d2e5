// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    IEAS,
    AttestationRequest,
    AttestationRequestData
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";
import {ForwardRequestSigner} from "../utils/ForwardRequestSigner.sol";
import {Vm} from "../utils/Vm.sol";
import {IntegraRecordV1} from "../../src/IntegraRecordV1.sol";
import {IntegraSignalV1} from "../../src/IntegraSignalV1.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";
import {OwnershipTokenizerV1} from "../../src/tokenizers/OwnershipTokenizerV1.sol";
import {MultiPartyTokenizerV1} from "../../src/tokenizers/MultiPartyTokenizerV1.sol";
import {Capabilities} from "../../src/Capabilities.sol";
import {IntegraForwarderV1} from "../../src/IntegraForwarderV1.sol";

/// @notice Drives random reserve / cancel / attest / claim / transfer / payment / warp sequences across a fixed
/// set of actors and records, and keeps ghost state the invariants compare against. Claims also go through the
/// ERC-2771 forwarder (an actor signs, a relayer submits), and a stranger keeps trying forged, tampered, expired
/// and replayed forward requests.
/// @dev fail_on_revert is off: every action picks mostly-valid arguments, tries the call and only updates ghost
/// state on success. Assertions live in the invariant test, never here (a revert here would just be ignored).
contract IntegraHandler is ForwardRequestSigner {
    struct Grant {
        bytes32 integraHash;
        address recipient;
        uint256 attestedTokenId;
        uint256 tokenId;
        bytes32 uid;
        address attester;
        uint256 capabilities;
        uint64 expirationTime;
    }

    /// @notice The meta-transaction side of the handler: the forwarder, the actors' private keys (same order as
    /// the actors), the relayers that submit requests (never actors), and the key of a stranger (never an actor).
    struct Forwarding {
        IntegraForwarderV1 forwarder;
        uint256[] actorKeys;
        address[] relayers;
        uint256 strangerKey;
    }

    uint256 internal constant MAX_ROLE = 4;
    /// @dev The ways a stranger tries to make the forwarder act for an actor (see forgeForwarded).
    uint256 internal constant FORGERY_KINDS = 5;

    IntegraRecordV1 internal immutable registry;
    IEAS internal immutable eas;
    bytes32 internal immutable capabilitySchema;
    OwnershipTokenizerV1 internal immutable ownership;
    MultiPartyTokenizerV1 internal immutable multiParty;
    IntegraSignalV1 internal immutable signal;
    bytes32 internal immutable processHash;
    IntegraForwarderV1 internal immutable forwarder;
    uint256 internal immutable strangerKey;
    address internal immutable stranger;

    address[] internal _actors;
    bytes32[] internal _records;
    Grant[] internal _grants;
    uint256[] internal _payments;
    mapping(address actor => uint256 key) internal _keyOf;
    address[] internal _relayers;
    /// @dev Every forward request the forwarder executed, for the stranger to replay.
    ERC2771Forwarder.ForwardRequestData[] internal _executed;

    // ---- ghost state
    /// @notice DocumentComplete events seen per record, from successful claims and cancels.
    mapping(bytes32 integraHash => uint256) public completeEvents;
    /// @notice DocumentComplete events seen when progress was not reserved == claimed > 0, or seen twice.
    uint256 public badCompleteEvents;
    /// @notice Records that became complete without a DocumentComplete event.
    uint256 public silentCompletions;
    /// @notice Who should hold each claimed ownership token: the claimant, then whoever it was transferred to.
    mapping(bytes32 integraHash => address) public deedHolder;
    /// @notice Last payment status observed after any action.
    mapping(uint256 paymentId => IntegraSignalV1.PaymentStatus) public lastStatus;
    /// @notice Observed status changes that went backwards or sideways.
    uint256 public paymentRegressions;
    /// @notice Successful calls per action, so a test can show the handler reaches every state.
    mapping(bytes32 action => uint256) public successes;
    /// @notice Forward requests executed per signer: the forwarder's nonce of each account must equal it.
    mapping(address signer => uint256) public forwardedBy;
    /// @notice Forged, tampered, expired or replayed forward requests the forwarder executed. Must stay zero.
    uint256 public forgeriesExecuted;

    modifier observePayments() {
        _;
        _observePayments();
    }

    constructor(
        IntegraRecordV1 registry_,
        IEAS eas_,
        bytes32 capabilitySchema_,
        OwnershipTokenizerV1 ownership_,
        MultiPartyTokenizerV1 multiParty_,
        IntegraSignalV1 signal_,
        bytes32 processHash_,
        address[] memory actors_,
        bytes32[] memory records_,
        Forwarding memory forwarding_
    ) {
        registry = registry_;
        eas = eas_;
        capabilitySchema = capabilitySchema_;
        ownership = ownership_;
        multiParty = multiParty_;
        signal = signal_;
        processHash = processHash_;
        _actors = actors_;
        _records = records_;
        forwarder = forwarding_.forwarder;
        strangerKey = forwarding_.strangerKey;
        stranger = vm.addr(forwarding_.strangerKey);
        _relayers = forwarding_.relayers;
        require(forwarding_.actorKeys.length == actors_.length, "one key per actor");
        for (uint256 i; i < actors_.length; ++i) {
            require(vm.addr(forwarding_.actorKeys[i]) == actors_[i], "actor key");
            _keyOf[actors_[i]] = forwarding_.actorKeys[i];
        }
    }

    // ------------------------------------------------------------------ views for the invariants

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function records() external view returns (bytes32[] memory) {
        return _records;
    }

    function payments() external view returns (uint256[] memory) {
        return _payments;
    }

    function grantCount() external view returns (uint256) {
        return _grants.length;
    }

    function relayers() external view returns (address[] memory) {
        return _relayers;
    }

    function strangerAddress() external view returns (address) {
        return stranger;
    }

    function executedCount() external view returns (uint256) {
        return _executed.length;
    }

    function tokenizerOf(bytes32 integraHash) public view returns (IntegraTokenizerBase) {
        (,, address tokenizer,) = registry.authorityOf(integraHash);
        return IntegraTokenizerBase(tokenizer);
    }

    /// @notice Whether a payment may move from `from` to `to`: None -> Pending -> {Paid, Cancelled, Expired}.
    function isForward(IntegraSignalV1.PaymentStatus from, IntegraSignalV1.PaymentStatus to)
        public
        pure
        returns (bool)
    {
        if (from == to) return true;
        if (from == IntegraSignalV1.PaymentStatus.None) return to == IntegraSignalV1.PaymentStatus.Pending;
        if (from == IntegraSignalV1.PaymentStatus.Pending) return to != IntegraSignalV1.PaymentStatus.None;
        return false;
    }

    // ------------------------------------------------------------------ actions

    function reserve(
        uint256 recordSeed,
        uint256 callerSeed,
        uint256 tokenSeed,
        uint256 recipientSeed,
        uint256 amountSeed
    ) external observePayments {
        (bytes32 integraHash, IntegraTokenizerBase tokenizer, bool isDeed) = _record(recordSeed);
        uint256 tokenId = isDeed ? (tokenSeed % 16 == 0 ? 2 : 1) : bound(tokenSeed, 1, MAX_ROLE);
        uint256 amount = isDeed ? 1 : bound(amountSeed, 1, 1e24);
        address caller = _authority(integraHash, callerSeed);
        address recipient = _actor(recipientSeed);
        vm.prank(caller);
        try tokenizer.reserveToken(integraHash, tokenId, recipient, amount, processHash) {
            successes["reserve"]++;
        } catch {}
    }

    function cancel(uint256 recordSeed, uint256 callerSeed, uint256 tokenSeed) external observePayments {
        (bytes32 integraHash, IntegraTokenizerBase tokenizer,) = _record(recordSeed);
        uint256 tokenId = _someTokenId(integraHash, tokenizer, tokenSeed);
        address caller = _authority(integraHash, callerSeed);
        (,, bool wasComplete) = tokenizer.progressOf(integraHash);
        vm.recordLogs();
        vm.prank(caller);
        try tokenizer.cancelReservation(integraHash, tokenId) {
            successes["cancel"]++;
            _checkCompletion(integraHash, tokenizer, wasComplete);
        } catch {
            vm.getRecordedLogs();
        }
    }

    function attest(
        uint256 recordSeed,
        uint256 attesterSeed,
        uint256 tokenSeed,
        uint256 recipientSeed,
        uint256 capsSeed,
        uint256 expirySeed
    ) external observePayments {
        (bytes32 integraHash, IntegraTokenizerBase tokenizer,) = _record(recordSeed);
        (uint256 tokenId, address recipient) = _attestTarget(integraHash, tokenizer, tokenSeed, recipientSeed);
        uint256 attestedTokenId = tokenSeed % 5 == 0 ? 0 : tokenId;
        AttestationRequest memory request =
            _attestRequest(integraHash, recipient, attestedTokenId, capsSeed, expirySeed);
        address attester = _authority(integraHash, attesterSeed);
        vm.prank(attester);
        try eas.attest(request) returns (bytes32 uid) {
            successes["attest"]++;
            (,, uint256 caps,) = abi.decode(request.data.data, (bytes32, uint256, uint256, bytes32));
            _grants.push(
                Grant(
                    integraHash, recipient, attestedTokenId, tokenId, uid, attester, caps, request.data.expirationTime
                )
            );
        } catch {}
    }

    function claim(uint256 grantSeed, uint256 callerSeed, uint256 tokenSeed) external observePayments {
        if (_grants.length == 0) return;
        Grant memory grant = _pickGrant(grantSeed);
        IntegraTokenizerBase tokenizer = tokenizerOf(grant.integraHash);
        uint256 tokenId = grant.attestedTokenId != 0 || tokenSeed % 2 == 0
            ? grant.tokenId
            : _someTokenId(grant.integraHash, tokenizer, tokenSeed);
        address caller = callerSeed % 10 == 0 ? _actor(callerSeed / 10) : grant.recipient;
        (,, bool wasComplete) = tokenizer.progressOf(grant.integraHash);
        vm.recordLogs();
        vm.prank(caller);
        try tokenizer.claimToken(grant.integraHash, tokenId, grant.uid, processHash) {
            successes["claim"]++;
            _checkCompletion(grant.integraHash, tokenizer, wasComplete);
            if (address(tokenizer) == address(ownership)) deedHolder[grant.integraHash] = caller;
        } catch {
            vm.getRecordedLogs();
        }
    }

    /// @notice claim, but the grant's recipient signs a forward request and a relayer submits it: the token must
    /// reach the signer, exactly as a direct claim would, and never the relayer or the forwarder.
    function forwardedClaim(uint256 grantSeed, uint256 relayerSeed, uint256 tokenSeed) external observePayments {
        if (_grants.length == 0) return;
        Grant memory grant = _pickGrant(grantSeed);
        IntegraTokenizerBase tokenizer = tokenizerOf(grant.integraHash);
        uint256 tokenId = grant.attestedTokenId != 0 || tokenSeed % 2 == 0
            ? grant.tokenId
            : _someTokenId(grant.integraHash, tokenizer, tokenSeed);
        ERC2771Forwarder.ForwardRequestData memory request =
            _forwardRequest(forwarder, _keyOf[grant.recipient], address(tokenizer), _claimCall(grant, tokenId));
        (,, bool wasComplete) = tokenizer.progressOf(grant.integraHash);
        vm.recordLogs();
        vm.prank(_relayers[relayerSeed % _relayers.length]);
        try forwarder.execute(request) {
            successes["forwardedClaim"]++;
            forwardedBy[grant.recipient]++;
            _executed.push(request);
            _checkCompletion(grant.integraHash, tokenizer, wasComplete);
            if (address(tokenizer) == address(ownership)) deedHolder[grant.integraHash] = grant.recipient;
        } catch {
            vm.getRecordedLogs();
        }
    }

    /// @notice A stranger (no actor, holds nothing, has no authority) tries to make the forwarder act for an actor:
    /// 0 replays an executed request; 1 intercepts an actor's fresh claim and changes one signed field; 2 signs a
    /// claim in an actor's name with its own key; 3 sends its own valid request for an actor's claim; 4 submits an
    /// actor's claim signed long ago, past its deadline. Every one must fail; `successes` counts the refusals.
    function forgeForwarded(uint256 kindSeed, uint256 pickSeed, uint256 fieldSeed) external observePayments {
        uint256 kind = kindSeed % FORGERY_KINDS;
        if (kind == 0 && _executed.length == 0) kind = 1 + kindSeed % (FORGERY_KINDS - 1);
        if (kind != 0 && _grants.length == 0) return;
        ERC2771Forwarder.ForwardRequestData memory request;
        if (kind == 0) request = _executed[pickSeed % _executed.length];
        else request = _forgery(kind, pickSeed, fieldSeed);
        vm.prank(stranger);
        try forwarder.execute(request) {
            forgeriesExecuted++;
        } catch {
            successes["forgeForwarded"]++;
        }
    }

    /// @dev Authority changes invalidate every outstanding attestation of the record, so only one call in four acts.
    function transferRecord(uint256 recordSeed, uint256 toSeed) external observePayments {
        if (toSeed % 4 != 0) return;
        (bytes32 integraHash,,) = _record(recordSeed);
        (address owner,,,) = registry.authorityOf(integraHash);
        address to = _actor(toSeed / 4);
        vm.prank(owner);
        try registry.transferRecordOwnership(integraHash, to, "handler") {
            successes["transferRecord"]++;
        } catch {}
    }

    /// @dev Like transferRecord, acts in one call of four.
    function setExecutor(uint256 recordSeed, uint256 executorSeed) external observePayments {
        if (executorSeed % 4 != 0) return;
        executorSeed /= 4;
        (bytes32 integraHash,,) = _record(recordSeed);
        (address owner,,,) = registry.authorityOf(integraHash);
        address executor = executorSeed % 4 == 0 ? address(0) : _actor(executorSeed);
        vm.prank(owner);
        try registry.setExecutor(integraHash, executor) {
            successes["setExecutor"]++;
        } catch {}
    }

    function transferToken(uint256 recordSeed, uint256 tokenSeed, uint256 toSeed, uint256 amountSeed)
        external
        observePayments
    {
        (bytes32 integraHash, IntegraTokenizerBase tokenizer, bool isDeed) = _record(recordSeed);
        address to = _actor(toSeed);
        if (isDeed) {
            address holder = deedHolder[integraHash];
            if (holder == address(0)) return;
            uint256 id = ownership.erc721IdOf(integraHash);
            vm.prank(holder);
            try ownership.transferFrom(holder, to, id) {
                successes["transferToken"]++;
                deedHolder[integraHash] = to;
            } catch {}
            return;
        }
        uint256 tokenId = _someTokenId(integraHash, tokenizer, tokenSeed);
        uint256 erc1155Id = multiParty.erc1155IdOf(integraHash, tokenId);
        (address from, uint256 balance) = _someHolder(erc1155Id, amountSeed);
        if (from == address(0)) return;
        uint256 amount = bound(amountSeed, 1, balance);
        vm.prank(from);
        try multiParty.safeTransferFrom(from, to, erc1155Id, amount, "") {
            successes["transferToken"]++;
        } catch {}
    }

    function requestPayment(
        uint256 recordSeed,
        uint256 requestorSeed,
        uint256 requestorTokenSeed,
        uint256 payerSeed,
        uint256 payerTokenSeed,
        uint256 deadlineSeed
    ) external observePayments {
        // Mostly a multi-party record: an ownership record has a single holder, so requests on it always fail.
        if (recordSeed % 4 != 0) recordSeed = _multiPartyRecordIndex(recordSeed);
        (bytes32 integraHash, IntegraTokenizerBase tokenizer,) = _record(recordSeed);
        uint256 requestorTokenId = _someTokenId(integraHash, tokenizer, requestorTokenSeed);
        address requestor = _someTokenHolder(integraHash, tokenizer, requestorTokenId, requestorSeed);
        (address payer, uint256 payerTokenId) =
            _someOtherHolder(integraHash, tokenizer, requestor, payerSeed, payerTokenSeed);
        uint64 deadline =
            deadlineSeed % 10 == 0 ? uint64(block.timestamp) : uint64(block.timestamp + bound(deadlineSeed, 1, 3 days));
        vm.prank(requestor);
        try signal.requestPayment(integraHash, requestorTokenId, payer, payerTokenId, hex"e4c0", deadline) returns (
            uint256 paymentId
        ) {
            successes["requestPayment"]++;
            _payments.push(paymentId);
        } catch {}
    }

    function markPaid(uint256 paymentSeed, uint256 callerSeed) external observePayments {
        if (_payments.length == 0) return;
        uint256 paymentId = _payments[paymentSeed % _payments.length];
        IntegraSignalV1.Payment memory payment = signal.getPayment(paymentId);
        address caller = callerSeed % 8 == 0 ? _actor(callerSeed / 8) : payment.payer;
        vm.prank(caller);
        try signal.markPaid(paymentId, hex"bead") {
            successes["markPaid"]++;
        } catch {}
    }

    function cancelPayment(uint256 paymentSeed, uint256 callerSeed) external observePayments {
        if (_payments.length == 0) return;
        uint256 paymentId = _payments[paymentSeed % _payments.length];
        IntegraSignalV1.Payment memory payment = signal.getPayment(paymentId);
        address caller = callerSeed % 8 == 0 ? _actor(callerSeed / 8) : payment.requestor;
        vm.prank(caller);
        try signal.cancelPayment(paymentId) {
            successes["cancelPayment"]++;
        } catch {}
    }

    function warp(uint256 secondsSeed) external observePayments {
        vm.warp(block.timestamp + bound(secondsSeed, 1, 2 days));
        successes["warp"]++;
    }

    // ------------------------------------------------------------------ internals

    function _claimCall(Grant memory grant, uint256 tokenId) internal view returns (bytes memory) {
        return abi.encodeCall(IntegraTokenizerBase.claimToken, (grant.integraHash, tokenId, grant.uid, processHash));
    }

    /// @dev Builds forgery `kind` (1-4, see forgeForwarded) around a seeded grant's claim.
    function _forgery(uint256 kind, uint256 pickSeed, uint256 fieldSeed)
        internal
        view
        returns (ERC2771Forwarder.ForwardRequestData memory request)
    {
        Grant memory grant = _grants[pickSeed % _grants.length];
        address target = address(tokenizerOf(grant.integraHash));
        bytes memory data = _claimCall(grant, grant.tokenId);
        if (kind == 3) return _forwardRequest(forwarder, strangerKey, target, data);
        request = _forwardRequest(forwarder, _keyOf[grant.recipient], target, data);
        if (kind == 2) {
            _sign(forwarder, strangerKey, request); // still from the recipient
        } else if (kind == 4) {
            request.deadline = uint48(block.timestamp - 1);
            _sign(forwarder, _keyOf[grant.recipient], request);
        } else {
            uint256 field = fieldSeed % 5;
            if (field == 0) request.to = target == address(ownership) ? address(multiParty) : address(ownership);
            else if (field == 1) request.gas = bound(fieldSeed, 0, FORWARD_GAS - 1);
            else if (field == 2) request.deadline += uint48(bound(fieldSeed, 1, 365 days));
            else if (field == 3) request.data = _claimCall(grant, bound(fieldSeed, 1, MAX_ROLE + 1));
            else request.from = stranger;
            if (field == 3 && keccak256(request.data) == keccak256(data)) {
                request.data = abi.encodePacked(data, hex"00"); // the same token id: change a byte anyway
            }
        }
    }

    function _record(uint256 seed)
        internal
        view
        returns (bytes32 integraHash, IntegraTokenizerBase tokenizer, bool isDeed)
    {
        integraHash = _records[seed % _records.length];
        tokenizer = tokenizerOf(integraHash);
        isDeed = address(tokenizer) == address(ownership);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @dev Mostly the record's current owner or executor; sometimes anybody (who is then usually rejected).
    function _authority(bytes32 integraHash, uint256 seed) internal view returns (address) {
        (address owner, address executor,,) = registry.authorityOf(integraHash);
        uint256 pick = seed % 8;
        if (pick == 0) return _actor(seed / 8);
        if (pick < 4 && executor != address(0)) return executor;
        return owner;
    }

    /// @dev Usually the first grant (from a seeded index) that should still let its recipient claim its token;
    /// sometimes, or when there is none, just the seeded grant (claimed, cancelled, attester replaced, expired...).
    function _pickGrant(uint256 seed) internal view returns (Grant memory) {
        uint256 n = _grants.length;
        if (seed % 4 != 0) {
            for (uint256 i; i < n; ++i) {
                Grant memory grant = _grants[(seed % n + i) % n];
                if (_looksClaimable(grant)) return grant;
            }
        }
        return _grants[seed % n];
    }

    function _looksClaimable(Grant memory grant) internal view returns (bool) {
        if (grant.capabilities & Capabilities.CLAIM == 0) return false;
        if (grant.expirationTime != 0 && grant.expirationTime <= block.timestamp) return false;
        if (!registry.isOwnerOrExecutor(grant.integraHash, grant.attester)) return false;
        (IntegraTokenizerBase.TokenStatus status, address reservedFor,,) =
            tokenizerOf(grant.integraHash).tokenStatus(grant.integraHash, grant.tokenId);
        return status == IntegraTokenizerBase.TokenStatus.Reserved && reservedFor == grant.recipient;
    }

    /// @dev Usually a token reserved on the record and its recipient; sometimes any id and any actor.
    function _attestTarget(
        bytes32 integraHash,
        IntegraTokenizerBase tokenizer,
        uint256 tokenSeed,
        uint256 recipientSeed
    ) internal view returns (uint256 tokenId, address recipient) {
        uint256[] memory ids = tokenizer.tokenIdsOf(integraHash);
        if (ids.length > 0 && recipientSeed % 4 != 0) {
            // Prefer a token still waiting to be claimed, searching from a seeded index.
            tokenId = ids[tokenSeed % ids.length];
            for (uint256 i; i < ids.length; ++i) {
                uint256 candidate = ids[(tokenSeed % ids.length + i) % ids.length];
                (IntegraTokenizerBase.TokenStatus status,,,) = tokenizer.tokenStatus(integraHash, candidate);
                if (status == IntegraTokenizerBase.TokenStatus.Reserved) {
                    tokenId = candidate;
                    break;
                }
            }
            (, recipient,,) = tokenizer.tokenStatus(integraHash, tokenId);
        } else {
            tokenId = _someTokenId(integraHash, tokenizer, tokenSeed);
            recipient = _actor(recipientSeed);
        }
    }

    /// @dev A capability attestation request: mostly CLAIM (plus other bits), sometimes TRANSFER only; some expire.
    function _attestRequest(
        bytes32 integraHash,
        address recipient,
        uint256 attestedTokenId,
        uint256 capsSeed,
        uint256 expirySeed
    ) internal view returns (AttestationRequest memory) {
        uint256 caps = capsSeed % 8 == 0 ? Capabilities.TRANSFER : Capabilities.CLAIM | (capsSeed & 0xe);
        uint64 expiry = expirySeed % 4 == 0 ? uint64(block.timestamp + bound(expirySeed, 1, 2 days)) : 0;
        return AttestationRequest({
            schema: capabilitySchema,
            data: AttestationRequestData({
                recipient: recipient,
                expirationTime: expiry,
                revocable: true,
                refUID: bytes32(0),
                data: abi.encode(integraHash, attestedTokenId, caps, processHash),
                value: 0
            })
        });
    }

    /// @dev A token id of the record: usually one already reserved, sometimes any valid-looking id.
    function _someTokenId(bytes32 integraHash, IntegraTokenizerBase tokenizer, uint256 seed)
        internal
        view
        returns (uint256)
    {
        if (address(tokenizer) == address(ownership)) return 1;
        uint256[] memory ids = tokenizer.tokenIdsOf(integraHash);
        if (ids.length == 0 || seed % 5 == 0) return bound(seed, 1, MAX_ROLE);
        return ids[seed % ids.length];
    }

    /// @dev An actor holding the token, searching from a seeded start; a seeded actor when nobody holds it.
    function _someTokenHolder(bytes32 integraHash, IntegraTokenizerBase tokenizer, uint256 tokenId, uint256 seed)
        internal
        view
        returns (address)
    {
        uint256 n = _actors.length;
        for (uint256 i; i < n; ++i) {
            address candidate = _actors[(seed % n + i) % n];
            if (tokenizer.isHolder(integraHash, tokenId, candidate)) return candidate;
        }
        return _actor(seed);
    }

    /// @dev Usually a holder other than `requestor` of some token of the record; otherwise seeded picks.
    function _someOtherHolder(
        bytes32 integraHash,
        IntegraTokenizerBase tokenizer,
        address requestor,
        uint256 payerSeed,
        uint256 tokenSeed
    ) internal view returns (address, uint256) {
        uint256[] memory ids = tokenizer.tokenIdsOf(integraHash);
        uint256 n = _actors.length;
        if (payerSeed % 8 != 0) {
            for (uint256 i; i < ids.length; ++i) {
                uint256 tokenId = ids[(tokenSeed % ids.length + i) % ids.length];
                for (uint256 j; j < n; ++j) {
                    address candidate = _actors[(payerSeed % n + j) % n];
                    if (candidate != requestor && tokenizer.isHolder(integraHash, tokenId, candidate)) {
                        return (candidate, tokenId);
                    }
                }
            }
        }
        return (_actor(payerSeed), _someTokenId(integraHash, tokenizer, tokenSeed));
    }

    /// @dev The index of a multi-party record, searching from a seeded index.
    function _multiPartyRecordIndex(uint256 seed) internal view returns (uint256) {
        uint256 n = _records.length;
        for (uint256 i; i < n; ++i) {
            uint256 index = (seed % n + i) % n;
            if (address(tokenizerOf(_records[index])) == address(multiParty)) return index;
        }
        return seed % n;
    }

    function _someHolder(uint256 erc1155Id, uint256 seed) internal view returns (address, uint256) {
        uint256 n = _actors.length;
        for (uint256 i; i < n; ++i) {
            address candidate = _actors[(seed % n + i) % n];
            uint256 balance = multiParty.balanceOf(candidate, erc1155Id);
            if (balance > 0) return (candidate, balance);
        }
        return (address(0), 0);
    }

    /// @dev After a successful claim or cancel: count the DocumentComplete events it emitted and check each one
    /// against the record's progress; flag a completion that happened without an event.
    function _checkCompletion(bytes32 integraHash, IntegraTokenizerBase tokenizer, bool wasComplete) internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 emitted;
        for (uint256 i; i < logs.length; ++i) {
            if (
                logs[i].emitter == address(tokenizer) && logs[i].topics.length > 1
                    && logs[i].topics[0] == IntegraTokenizerBase.DocumentComplete.selector
                    && logs[i].topics[1] == integraHash
            ) emitted++;
        }
        (uint256 reserved, uint256 claimed, bool complete) = tokenizer.progressOf(integraHash);
        if (emitted > 0) {
            completeEvents[integraHash] += emitted;
            bool allClaimed = reserved == claimed && claimed > 0 && complete;
            if (emitted > 1 || wasComplete || !allClaimed) badCompleteEvents++;
        } else if (complete && !wasComplete) {
            silentCompletions++;
        }
    }

    function _observePayments() internal {
        uint256 n = _payments.length;
        for (uint256 i; i < n; ++i) {
            uint256 paymentId = _payments[i];
            IntegraSignalV1.PaymentStatus current = signal.statusOf(paymentId);
            if (!isForward(lastStatus[paymentId], current)) paymentRegressions++;
            lastStatus[paymentId] = current;
            if (current == IntegraSignalV1.PaymentStatus.Expired) successes["expiredSeen"]++;
        }
    }
}
