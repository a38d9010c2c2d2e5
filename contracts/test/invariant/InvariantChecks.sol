// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IntegraFixture} from "../utils/IntegraFixture.sol";
import {IntegraHandler} from "./IntegraHandler.sol";
import {ReferenceModel} from "./ReferenceModel.sol";
import {IntegraSignalV1} from "../../src/IntegraSignalV1.sol";
import {IntegraRecordV1} from "../../src/IntegraRecordV1.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";
import {IntegraCapabilityResolverV1} from "../../src/IntegraCapabilityResolverV1.sol";
import {Capabilities} from "../../src/Capabilities.sol";

/// @notice The trust rules of the state machine, as checks of the chain against the handler's reference model.
/// Each `check*` compares the chain with ghost state the handler wrote only after successful calls (and with the
/// logs those calls emitted), and returns false with a reason. The invariant campaign asserts them after every call
/// (IntegraInvariant.t.sol), the scripted runs after their scenarios (ScriptedRuns.t.sol), and InvariantChecks.t.sol
/// shows each of them fail on a crafted state.
/// @dev Every suite built on it starts from the handler's opening moves (see IntegraHandler.openingMoves).
abstract contract InvariantChecks is IntegraFixture {
    IntegraHandler internal handler;
    uint256 internal constant MAX = type(uint256).max;
    /// @dev deal A, deed A, deal B, registrant2's copy of deal A, the fake tokenizer's record (see openingMoves).
    bytes32[5] internal opening;

    function setUp() public virtual override {
        super.setUp();
        handler = new IntegraHandler(
            registry, eas, capabilitySchema, capabilityResolver, ownership, multiParty, signal, forwarder
        );
        opening = handler.openingMoves();
    }

    // ================================================================== checks

    function checkHolders() public view returns (bool, string memory) {
        bytes32[] memory records = handler.records();
        address[] memory accounts = handler.tracked();
        for (uint256 r; r < records.length; ++r) {
            ReferenceModel.RecordGhost memory g = handler.recordGhost(records[r]);
            if (!handler.isOfficial(g.tokenizer)) continue;
            IntegraTokenizerBase tokenizer = IntegraTokenizerBase(g.tokenizer);
            uint256[] memory ids = handler.idsOf(records[r]);
            if (keccak256(abi.encode(tokenizer.tokenIdsOf(records[r]))) != keccak256(abi.encode(ids))) {
                return (false, "the token ids on chain differ from the reservations that succeeded");
            }
            uint256 live;
            uint256 claimed;
            for (uint256 i; i < ids.length; ++i) {
                (bool ok, string memory why, IntegraTokenizerBase.TokenStatus status) =
                    _checkToken(records[r], g, ids[i], accounts);
                if (!ok) return (false, why);
                if (status == IntegraTokenizerBase.TokenStatus.Reserved) live++;
                if (status == IntegraTokenizerBase.TokenStatus.Claimed) claimed++;
            }
            (uint256 reservedOnChain, uint256 claimedOnChain,) = tokenizer.progressOf(records[r]);
            if (reservedOnChain != live + claimed || claimedOnChain != claimed) {
                return (false, "progressOf differs from the token statuses");
            }
        }
        return (true, "");
    }

    function checkAuthority() public view returns (bool, string memory) {
        if (handler.violations(handler.V_FORMER()) != 0) return (false, handler.firstViolation());
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            ReferenceModel.RecordGhost memory g = handler.recordGhost(records[r]);
            (address owner_, address executor_, address tokenizer, bytes32 processHash, uint64 epoch) =
                registry.authorityOf(records[r]);
            if (owner_ != g.owner || executor_ != g.executor) {
                return (false, "the owner or executor differs from the transfers and appointments that succeeded");
            }
            if (tokenizer != g.tokenizer || processHash != g.processHash) {
                return (false, "a record's tokenizer or workflow changed");
            }
            if (epoch != g.epoch) {
                return (false, "the authority epoch differs from the authority changes that succeeded");
            }
            if (registry.pendingOwnerOf(records[r]) != g.pending) {
                return (false, "the pending owner differs from the offers");
            }
            address[] memory formers = handler.formerPrincipalsOf(records[r]);
            for (uint256 f; f < formers.length; ++f) {
                if (registry.isOwnerOrExecutor(records[r], formers[f])) {
                    return (false, "an earlier principal still has authority");
                }
            }
        }
        uint256 grants = handler.grantCount();
        for (uint256 i; i < grants; ++i) {
            ReferenceModel.Grant memory grant = handler.grantAt(i);
            if (!capabilityResolver.issuedUnderEpoch(grant.uid, grant.epoch)) {
                return (false, "an attestation is not recorded under the epoch it was issued in");
            }
            uint64 current = handler.recordGhost(grant.integraHash).epoch;
            if (capabilityResolver.issuedUnderEpoch(grant.uid, current) != (grant.epoch == current)) {
                return (false, "an attestation of an earlier authority counts as current");
            }
        }
        return (true, "");
    }

    function checkEvents() public view returns (bool, string memory) {
        if (handler.violations(handler.V_WORKFLOW()) != 0) return (false, handler.firstViolation());
        if (handler.logsChecked() == 0) return (false, "no Integra log was checked");
        ReferenceModel.EventKey[] memory keys = handler.eventKeys();
        for (uint256 i; i < keys.length; ++i) {
            ReferenceModel.EventKey memory k = keys[i];
            if (k.topicCount < 3) return (false, "an Integra event without integraHash and processHash topics");
            if (k.integraHash == bytes32(0)) {
                // Workflow events: no record (topic1 zero), the workflow's processHash as topic2.
                if (k.emitter != address(registry) || !_isWorkflowEvent(k.topic0)) {
                    return (false, "an Integra event without a record that is no workflow event");
                }
                (address workflowOwner,,) = handler.workflowGhost(k.topic2);
                if (workflowOwner == address(0)) return (false, "a workflow event of a workflow never opened");
                continue;
            }
            ReferenceModel.RecordGhost memory g = handler.recordGhost(k.integraHash);
            if (g.registrant == address(0)) return (false, "an Integra event whose topic1 is no registered record");
            if (k.topic2 != g.processHash) return (false, "an event whose topic2 is not its record's processHash");
            (,,, bytes32 processHash,) = registry.authorityOf(k.integraHash);
            if (k.topic2 != processHash) {
                return (false, "an event whose topic2 differs from the registry's processHash");
            }
            bool fromTokenizer = k.emitter == address(ownership) || k.emitter == address(multiParty);
            if (fromTokenizer && k.emitter != g.tokenizer) {
                return (false, "a tokenizer emitted for a record bound elsewhere");
            }
            if (k.emitter == address(signal) && !handler.isOfficial(g.tokenizer)) {
                return (false, "the signal contract emitted for a record of an unofficial tokenizer");
            }
        }
        return (true, "");
    }

    function _isWorkflowEvent(bytes32 topic0) internal pure returns (bool) {
        return topic0 == IntegraRecordV1.WorkflowOpened.selector
            || topic0 == IntegraRecordV1.WorkflowMemberAdmitted.selector
            || topic0 == IntegraRecordV1.WorkflowMemberRemoved.selector;
    }

    function checkWorkflows() public view returns (bool, string memory) {
        if (handler.violations(handler.V_MEMBERSHIP()) != 0) return (false, handler.firstViolation());
        if (handler.workflowOutcomesFromStrangers() != 0) {
            return (false, "a claim or completion in a workflow from a record no member registered");
        }
        bytes32[] memory workflows = handler.workflows();
        for (uint256 w; w < workflows.length; ++w) {
            (address workflowOwner, bytes32 id, address[] memory members) = handler.workflowGhost(workflows[w]);
            (address ownerOnChain, address[] memory membersOnChain) = registry.workflowOf(workflows[w]);
            if (ownerOnChain != workflowOwner) return (false, "a workflow's owner differs from the workflows opened");
            if (registry.workflowHashOf(workflowOwner, id) != workflows[w]) {
                return (false, "a workflow's processHash is not its owner and id hashed");
            }
            if (!_sameAddresses(membersOnChain, members)) {
                return (false, "a workflow's members differ from the admissions and removals that succeeded");
            }
        }
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            ReferenceModel.RecordGhost memory g = handler.recordGhost(records[r]);
            if (g.processHash == bytes32(0)) continue;
            if (!g.byMember) return (false, "a record registered into a workflow by a non-member");
            (address ownerOnChain,) = registry.workflowOf(g.processHash);
            if (ownerOnChain == address(0)) return (false, "a record in a workflow never opened");
        }
        return (true, "");
    }

    function checkExecutorConsent() public view returns (bool, string memory) {
        if (handler.violations(handler.V_CONSENT()) != 0) return (false, handler.firstViolation());
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            (, address executor_,,,) = registry.authorityOf(records[r]);
            if (executor_ != address(0) && !handler.consented(records[r], executor_)) {
                return (false, "an address has executor authority without having accepted the role");
            }
            if (registry.pendingExecutorOf(records[r]) != handler.recordGhost(records[r]).pendingExecutor) {
                return (false, "the pending executor differs from the executor offers");
            }
        }
        return (true, "");
    }

    function checkVersions() public view returns (bool, string memory) {
        if (handler.violations(handler.V_VERSION()) != 0) return (false, handler.firstViolation());
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            if (registry.recordVersionOf(records[r]) != handler.recordGhost(records[r]).version) {
                return (false, "the record's version differs from the changes that succeeded");
            }
        }
        return (true, "");
    }

    function checkPaymentBounds() public view returns (bool, string memory) {
        if (handler.violations(handler.V_FLOOD()) != 0) return (false, handler.firstViolation());
        ReferenceModel.PaymentGhost[] memory ps = handler.payments();
        uint256 max = signal.MAX_PENDING_PER_PAIR();
        for (uint256 i; i < ps.length; ++i) {
            uint256 pending = signal.pendingRequestsOf(ps[i].integraHash, ps[i].requestor, ps[i].payer);
            if (pending != handler.pendingCountOf(ps[i].integraHash, ps[i].requestor, ps[i].payer)) {
                return (false, "pending requests of a pair differ from the requests that succeeded");
            }
            if (pending > max) return (false, "a pair has more pending requests than MAX_PENDING_PER_PAIR");
        }
        return (true, "");
    }

    function checkCompletion() public view returns (bool, string memory) {
        if (handler.violations(handler.V_RULES()) != 0) return (false, handler.firstViolation());
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            ReferenceModel.RecordGhost memory g = handler.recordGhost(records[r]);
            if (!handler.isOfficial(g.tokenizer)) continue;
            IntegraTokenizerBase tokenizer = IntegraTokenizerBase(g.tokenizer);
            (bool isSealed, uint256 partyCount) = tokenizer.partySetOf(records[r]);
            if (isSealed != g.isSealed || partyCount != (g.isSealed ? g.partyCount : 0)) {
                return (false, "the party set differs from the seals that succeeded");
            }
            // Every seat of the sealed set claimed (live reservations never outnumber the seats: see V_RULES).
            bool allClaimed =
                g.isSealed && handler.countOf(records[r], IntegraTokenizerBase.TokenStatus.Claimed) == g.partyCount;
            (,, bool complete) = tokenizer.progressOf(records[r]);
            if (complete && !g.isSealed) {
                return (false, "an agreement is complete though its party set was never sealed");
            }
            if (complete && !allClaimed) {
                return (false, "an agreement is complete with a seat of its party set unclaimed");
            }
            if (!complete && g.isSealed && allClaimed) {
                return (false, "a sealed, fully claimed agreement is not complete");
            }
            if (g.completeEvents != (complete ? 1 : 0)) {
                return (false, "DocumentComplete count differs from completion");
            }
        }
        return (true, "");
    }

    function checkPayments() public view returns (bool, string memory) {
        ReferenceModel.PaymentGhost[] memory ps = handler.payments();
        if (signal.paymentCount() != ps.length) {
            return (false, "payment requests exist that no successful call logged");
        }
        for (uint256 i; i < ps.length; ++i) {
            ReferenceModel.PaymentGhost memory p = ps[i];
            if (!p.official) return (false, "a PaymentRequested on a record of an unofficial tokenizer");
            if (!p.requestorIsParty) return (false, "a PaymentRequested whose requestor is not a consenting party");
            if (!p.payerIsParty) return (false, "a PaymentRequested whose payer is not a consenting party");
            IntegraSignalV1.Payment memory onChain = signal.getPayment(p.id);
            if (onChain.requestor != p.requestor || onChain.payer != p.payer || onChain.integraHash != p.integraHash) {
                return (false, "a payment differs from its PaymentRequested");
            }
            IntegraSignalV1.PaymentStatus expected = p.status;
            if (expected == IntegraSignalV1.PaymentStatus.Pending && block.timestamp > p.deadline) {
                expected = IntegraSignalV1.PaymentStatus.Expired;
            }
            if (signal.statusOf(p.id) != expected) {
                return (false, "a payment's status differs from its logged changes");
            }
        }
        return (true, "");
    }

    /// @dev From the chain alone: the outsiders' balances of every token of every record.
    function checkOutsiders() public view returns (bool, string memory) {
        address[] memory outsiders = handler.outsiders();
        for (uint256 o; o < outsiders.length; ++o) {
            if (ownership.balanceOf(outsiders[o]) != 0) return (false, "an outsider holds an ownership token");
        }
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            uint256[] memory ids = multiParty.tokenIdsOf(records[r]);
            for (uint256 i; i < ids.length; ++i) {
                uint256[] memory erc1155Ids = new uint256[](outsiders.length);
                for (uint256 o; o < outsiders.length; ++o) {
                    erc1155Ids[o] = multiParty.erc1155IdOf(records[r], ids[i]);
                }
                uint256[] memory balances = multiParty.balanceOfBatch(outsiders, erc1155Ids);
                for (uint256 o; o < outsiders.length; ++o) {
                    if (balances[o] != 0) return (false, "an outsider holds a role token");
                }
            }
        }
        return (true, "");
    }

    function checkNonces() public view returns (bool, string memory) {
        if (handler.violations(handler.V_FORGERY()) != 0) return (false, handler.firstViolation());
        address[] memory accounts = handler.tracked();
        uint256 total;
        for (uint256 i; i < accounts.length; ++i) {
            uint256 nonce = forwarder.nonces(accounts[i]);
            if (nonce != handler.forwardedBy(accounts[i])) {
                return (false, "a forwarder nonce differs from the requests executed");
            }
            total += nonce;
        }
        if (total != handler.executedCount()) return (false, "executed requests differ from the nonces used");
        return (true, "");
    }

    function checkAdversaries() public view returns (bool, string memory) {
        if (
            handler.violations(handler.V_ATTACKER()) + handler.violations(handler.V_UNAUTHORIZED())
                    + handler.violations(handler.V_FAKE()) + handler.violations(handler.V_REENTRY()) != 0
        ) return (false, handler.firstViolation());
        return (true, "");
    }

    /// @dev For every tracked account and official tokenizer: reservationsOf(account, 0, max) is the ghost's set of
    /// tokens reserved for or claimed by the account, each once, with the ghost's status, amount, workflow and role
    /// (and roleOf agrees); pages of one add up to it.
    function checkAccountReservations() public view returns (bool, string memory) {
        address[] memory accounts = handler.tracked();
        IntegraTokenizerBase[2] memory tokenizers = [IntegraTokenizerBase(ownership), IntegraTokenizerBase(multiParty)];
        for (uint256 t; t < tokenizers.length; ++t) {
            for (uint256 a; a < accounts.length; ++a) {
                (IntegraTokenizerBase.Reservation[] memory rows, uint256 total,) =
                    tokenizers[t].reservationsOf(accounts[a], 0, MAX);
                IntegraTokenizerBase.Reservation[] memory ghost =
                    handler.ghostReservationsOf(address(tokenizers[t]), accounts[a]);
                (bool ok, string memory why) = _sameReservations(tokenizers[t], rows, ghost);
                if (!ok) return (false, why);
                if (!_reservationPagesAddUp(tokenizers[t], accounts[a], rows, total)) {
                    return (false, "reservationsOf pages of one, deduplicated, differ from the full read");
                }
            }
        }
        return (true, "");
    }

    /// @dev For every tracked account: recordsOwnedBy(account, 0, max) is the set of records the ghost has it owning,
    /// and offersTo(account, 0, max) the set of records the ghost has offered to it and pending, naming the owner;
    /// each once, and pages of one add up to them. Every record is owned by a tracked account.
    function checkAccountRecords() public view returns (bool, string memory) {
        address[] memory accounts = handler.tracked();
        uint256 owned;
        for (uint256 a; a < accounts.length; ++a) {
            (bytes32[] memory hashes, IntegraRecordV1.RecordInfo[] memory infos, uint256 total) =
                registry.recordsOwnedBy(accounts[a], 0, MAX);
            if (!_sameSet(hashes, handler.ghostOwnedBy(accounts[a])) || infos.length != hashes.length) {
                return (false, "recordsOwnedBy differs from the registrations and acceptances that succeeded");
            }
            for (uint256 i; i < infos.length; ++i) {
                if (infos[i].owner != accounts[a]) return (false, "recordsOwnedBy returns a record's info wrong");
            }
            if (!_ownedPagesAddUp(accounts[a], hashes, total)) {
                return (false, "recordsOwnedBy pages of one, deduplicated, differ from the full read");
            }
            owned += hashes.length;

            address[] memory owners;
            (hashes, owners, total) = registry.offersTo(accounts[a], 0, MAX);
            if (!_sameSet(hashes, handler.ghostOffersTo(accounts[a])) || owners.length != hashes.length) {
                return (false, "offersTo differs from the offers still pending");
            }
            for (uint256 i; i < owners.length; ++i) {
                if (owners[i] != handler.recordGhost(hashes[i]).owner) {
                    return (false, "offersTo names someone other than the record's owner");
                }
            }
            if (!_offerPagesAddUp(accounts[a], hashes, owners, total)) {
                return (false, "offersTo pages of one, deduplicated, differ from the full read");
            }
        }
        if (owned != handler.records().length) return (false, "a record is owned by an untracked account");
        return (true, "");
    }

    /// @dev For every tracked account: grantsTo(account, 0, max) is, in order, the attestations the handler saw
    /// issued to it, with EAS's revocation matching the revocations that succeeded and currentAuthority true exactly
    /// when the grant's epoch is its record's ghost epoch; pages of one add up to it. Every grant went to a tracked
    /// account.
    function checkAccountGrants() public view returns (bool, string memory) {
        address[] memory accounts = handler.tracked();
        uint256 granted;
        for (uint256 a; a < accounts.length; ++a) {
            (IntegraCapabilityResolverV1.Grant[] memory grants, uint256 total) =
                capabilityResolver.grantsTo(accounts[a], 0, MAX);
            (bytes32[] memory uids, bool[] memory current, bool[] memory revoked) = handler.ghostGrantsTo(accounts[a]);
            if (grants.length != uids.length || total != uids.length) {
                return (false, "grantsTo differs from the attestations that succeeded");
            }
            for (uint256 i; i < grants.length; ++i) {
                if (grants[i].attestation.uid != uids[i] || grants[i].attestation.recipient != accounts[a]) {
                    return (false, "grantsTo differs from the attestations that succeeded");
                }
                if ((grants[i].attestation.revocationTime != 0) != revoked[i]) {
                    return (false, "a revocation in grantsTo differs from the revocations that succeeded");
                }
                if (grants[i].currentAuthority != current[i]) {
                    return (false, "currentAuthority in grantsTo differs from the grant's epoch");
                }
            }
            for (uint256 offset; offset < total; ++offset) {
                (IntegraCapabilityResolverV1.Grant[] memory page,) = capabilityResolver.grantsTo(accounts[a], offset, 1);
                if (page.length != 1 || keccak256(abi.encode(page[0])) != keccak256(abi.encode(grants[offset]))) {
                    return (false, "grantsTo pages of one differ from the full read");
                }
            }
            granted += total;
        }
        if (granted != handler.grantCount()) return (false, "an attestation went to an untracked account");
        return (true, "");
    }

    /// @dev `rows` (the chain's) and `ghost` hold the same tokens, each once, with equal fields; roleOf agrees.
    function _sameReservations(
        IntegraTokenizerBase tokenizer,
        IntegraTokenizerBase.Reservation[] memory rows,
        IntegraTokenizerBase.Reservation[] memory ghost
    ) internal view returns (bool, string memory) {
        string memory differs = "reservationsOf differs from the tokens reserved for or claimed by the account";
        if (rows.length != ghost.length) return (false, differs);
        for (uint256 i; i < rows.length; ++i) {
            for (uint256 j; j < i; ++j) {
                if (rows[j].integraHash == rows[i].integraHash && rows[j].tokenId == rows[i].tokenId) {
                    return (false, "reservationsOf lists a token twice");
                }
            }
            uint256 k;
            while (
                k < ghost.length && (ghost[k].integraHash != rows[i].integraHash || ghost[k].tokenId != rows[i].tokenId)
            ) k++;
            if (k == ghost.length) return (false, differs);
            if (
                rows[i].status != ghost[k].status || rows[i].amount != ghost[k].amount
                    || rows[i].processHash != ghost[k].processHash
            ) return (false, differs);
            if (keccak256(bytes(rows[i].role)) != keccak256(bytes(ghost[k].role))) {
                return (false, "a role differs from the role of the reservation that succeeded");
            }
            string memory role = tokenizer.roleOf(rows[i].integraHash, rows[i].tokenId);
            if (keccak256(bytes(role)) != keccak256(bytes(rows[i].role))) {
                return (false, "roleOf differs from the role reservationsOf returns");
            }
        }
        return (true, "");
    }

    /// @dev Each page of one (one list entry: one record's tokens) holds rows of the full read only, and together
    /// they cover it; past the end, nothing.
    function _reservationPagesAddUp(
        IntegraTokenizerBase tokenizer,
        address account,
        IntegraTokenizerBase.Reservation[] memory full,
        uint256 total
    ) internal view returns (bool) {
        bytes32[] memory fullRows = new bytes32[](full.length);
        for (uint256 k; k < full.length; ++k) {
            fullRows[k] = keccak256(abi.encode(full[k]));
        }
        bool[] memory seen = new bool[](full.length);
        for (uint256 offset; offset < total; ++offset) {
            (IntegraTokenizerBase.Reservation[] memory page,,) = tokenizer.reservationsOf(account, offset, 1);
            for (uint256 p; p < page.length; ++p) {
                uint256 k = _indexOf(fullRows, keccak256(abi.encode(page[p])));
                if (k == full.length) return false;
                seen[k] = true;
            }
        }
        if (!_allSeen(seen)) return false;
        (IntegraTokenizerBase.Reservation[] memory past, uint256 length,) =
            tokenizer.reservationsOf(account, total, MAX);
        return past.length == 0 && length == total;
    }

    function _ownedPagesAddUp(address account, bytes32[] memory full, uint256 total) internal view returns (bool) {
        bool[] memory seen = new bool[](full.length);
        for (uint256 offset; offset < total; ++offset) {
            (bytes32[] memory page,,) = registry.recordsOwnedBy(account, offset, 1);
            if (page.length > 1) return false;
            if (page.length == 1) {
                uint256 k = _indexOf(full, page[0]);
                if (k == full.length) return false;
                seen[k] = true;
            }
        }
        return _allSeen(seen);
    }

    function _offerPagesAddUp(address account, bytes32[] memory full, address[] memory owners, uint256 total)
        internal
        view
        returns (bool)
    {
        bool[] memory seen = new bool[](full.length);
        for (uint256 offset; offset < total; ++offset) {
            (bytes32[] memory page, address[] memory pageOwners,) = registry.offersTo(account, offset, 1);
            if (page.length > 1 || pageOwners.length != page.length) return false;
            if (page.length == 1) {
                uint256 k = _indexOf(full, page[0]);
                if (k == full.length || owners[k] != pageOwners[0]) return false;
                seen[k] = true;
            }
        }
        return _allSeen(seen);
    }

    /// @dev `a` and `b` hold the same addresses, each once.
    function _sameAddresses(address[] memory a, address[] memory b) internal pure returns (bool) {
        if (a.length != b.length) return false;
        for (uint256 i; i < a.length; ++i) {
            bool found;
            for (uint256 j; j < b.length && !found; ++j) {
                found = a[i] == b[j];
            }
            if (!found) return false;
            for (uint256 j; j < i; ++j) {
                if (a[j] == a[i]) return false;
            }
        }
        return true;
    }

    /// @dev `a` and `b` hold the same ids, `a` none twice (`b`, a ghost list, never does).
    function _sameSet(bytes32[] memory a, bytes32[] memory b) internal pure returns (bool) {
        if (a.length != b.length) return false;
        for (uint256 i; i < a.length; ++i) {
            if (_indexOf(b, a[i]) == b.length) return false;
            for (uint256 j; j < i; ++j) {
                if (a[j] == a[i]) return false;
            }
        }
        return true;
    }

    function _indexOf(bytes32[] memory list, bytes32 id) internal pure returns (uint256 k) {
        while (k < list.length && list[k] != id) k++;
    }

    function _allSeen(bool[] memory seen) internal pure returns (bool) {
        for (uint256 k; k < seen.length; ++k) {
            if (!seen[k]) return false;
        }
        return true;
    }

    function _checkToken(bytes32 ih, ReferenceModel.RecordGhost memory g, uint256 tokenId, address[] memory accounts)
        internal
        view
        returns (bool, string memory, IntegraTokenizerBase.TokenStatus)
    {
        ReferenceModel.TokenGhost memory t = handler.tokenGhost(ih, tokenId);
        (IntegraTokenizerBase.TokenStatus status, address reservedFor, uint256 amount, bytes32 processHash) =
            IntegraTokenizerBase(g.tokenizer).tokenStatus(ih, tokenId);
        if (status != t.status || reservedFor != t.reservedFor || amount != t.amount || processHash != g.processHash) {
            return (false, "a token's status differs from the reservations, cancels and claims that succeeded", status);
        }
        (bool ok, string memory why) = _checkBalances(
            ih, g.tokenizer, tokenId, accounts, status == IntegraTokenizerBase.TokenStatus.Claimed ? amount : 0
        );
        if (!ok) return (false, why, status);
        if (status == IntegraTokenizerBase.TokenStatus.Claimed) {
            (ok, why) = _checkProvenance(ih, tokenId, t);
            if (!ok) return (false, why, status);
        }
        return (true, "", status);
    }

    /// @dev Each tracked account holds exactly its ghost balance (claims and moves by holders); together they hold
    /// all of the token (`supply`, the claimed amount), so nobody else does.
    function _checkBalances(bytes32 ih, address tokenizer, uint256 tokenId, address[] memory accounts, uint256 supply)
        internal
        view
        returns (bool, string memory)
    {
        uint256 sum;
        uint256[] memory expected = handler.ghostBalances(ih, tokenId, accounts);
        if (tokenizer == address(ownership)) {
            address holder;
            try ownership.ownerOf(uint256(ih)) returns (address o) {
                holder = o;
            } catch {}
            for (uint256 a; a < accounts.length; ++a) {
                uint256 actual = holder == accounts[a] ? 1 : 0;
                if (actual != expected[a]) {
                    return
                        (
                            false,
                            "an ownership token is held by someone who neither claimed it nor got it from its holder"
                        );
                }
                sum += actual;
            }
            if (holder != address(0) && sum == 0) return (false, "an ownership token is held by an untracked address");
        } else {
            uint256[] memory erc1155Ids = new uint256[](accounts.length);
            uint256 erc1155Id = multiParty.erc1155IdOf(ih, tokenId);
            for (uint256 a; a < accounts.length; ++a) {
                erc1155Ids[a] = erc1155Id;
            }
            uint256[] memory balances = multiParty.balanceOfBatch(accounts, erc1155Ids);
            for (uint256 a; a < accounts.length; ++a) {
                if (balances[a] != expected[a]) {
                    return (false, "a role token balance differs from the claims and holder moves that succeeded");
                }
                sum += balances[a];
            }
        }
        if (sum != supply) return (false, "the tracked balances of a token differ from its claimed amount");
        return (true, "");
    }

    function _checkProvenance(bytes32 ih, uint256 tokenId, ReferenceModel.TokenGhost memory t)
        internal
        view
        returns (bool, string memory)
    {
        (bool known, ReferenceModel.Grant memory grant) = handler.grantOf(t.uid);
        if (!known) return (false, "a token was claimed with an attestation no successful attest issued");
        if (t.claimant != t.reservedFor) return (false, "a token was claimed by someone it was not reserved for");
        if (grant.recipient != t.claimant) return (false, "a token was claimed with someone else's attestation");
        if (grant.integraHash != ih) return (false, "a token was claimed with another record's attestation");
        if (grant.attestedTokenId != 0 && grant.attestedTokenId != tokenId) {
            return (false, "a token was claimed with another token's attestation");
        }
        if (grant.caps & Capabilities.CLAIM == 0) return (false, "a token was claimed without the CLAIM capability");
        if (grant.epoch != t.claimEpoch) {
            return (false, "a token was claimed with an attestation from another authority epoch");
        }
        if (grant.expirationTime != 0 && grant.expirationTime <= t.claimedAt) {
            return (false, "a token was claimed with an expired attestation");
        }
        if (grant.revokedStep != 0 && grant.revokedStep < t.claimStep) {
            return (false, "a token was claimed with a revoked attestation");
        }
        return (true, "");
    }

    // ================================================================== asserting them

    function _assertAllChecksPass() internal view {
        function() view returns (bool, string memory)[15] memory checks = [
            checkWorkflows,
            checkExecutorConsent,
            checkVersions,
            checkPaymentBounds,
            checkHolders,
            checkAuthority,
            checkEvents,
            checkCompletion,
            checkPayments,
            checkOutsiders,
            checkNonces,
            checkAdversaries,
            checkAccountReservations,
            checkAccountRecords,
            checkAccountGrants
        ];
        for (uint256 i; i < checks.length; ++i) {
            (bool ok, string memory why) = checks[i]();
            assertTrue(ok, why);
        }
    }

    function _assertFails(function() view returns (bool, string memory) check, string memory reason) internal view {
        (bool ok, string memory why) = check();
        assertTrue(!ok, string.concat("the check passed; expected: ", reason));
        assertEq(why, reason, "the check failed for another reason");
    }
}
