// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";
import {IntegraFixture} from "../utils/IntegraFixture.sol";
import {ForwardRequestSigner} from "../utils/ForwardRequestSigner.sol";
import {Vm} from "../utils/Vm.sol";
import {IntegraHandler} from "./IntegraHandler.sol";
import {IntegraSignalV1} from "../../src/IntegraSignalV1.sol";
import {IntegraTokenizerBase} from "../../src/tokenizers/IntegraTokenizerBase.sol";
import {IntegraCapabilityResolverV1} from "../../src/IntegraCapabilityResolverV1.sol";
import {Capabilities} from "../../src/Capabilities.sol";

/// @notice The trust rules of the state machine (../shared/DESIGN.md, "Trust rules") as invariants over random
/// sequences of IntegraHandler actions. Each `check*` compares the chain with ghost state the handler wrote only
/// after successful calls (and with the logs those calls emitted), and returns false with a reason; `invariant_*`
/// asserts it. The `test_Check*` tests show each check does fail on a crafted state.
contract IntegraInvariantTest is IntegraFixture, ForwardRequestSigner {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    IntegraHandler internal handler;
    /// @dev deal A, deed A, deal B, registrant2's copy of deal A, the fake tokenizer's record (see openingMoves).
    bytes32[5] internal opening;

    function setUp() public override {
        super.setUp();
        handler = new IntegraHandler(
            registry, eas, capabilitySchema, capabilityResolver, ownership, multiParty, signal, forwarder
        );
        opening = handler.openingMoves();
    }

    /// @notice forge reads these: only the handler's actions are called during invariant runs (never its views or
    /// its test-only entry points).
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](21);
        selectors[0] = IntegraHandler.registerRecord.selector;
        selectors[1] = IntegraHandler.reserve.selector;
        selectors[2] = IntegraHandler.cancel.selector;
        selectors[3] = IntegraHandler.sealParties.selector;
        selectors[4] = IntegraHandler.attest.selector;
        selectors[5] = IntegraHandler.revoke.selector;
        selectors[6] = IntegraHandler.claim.selector;
        selectors[7] = IntegraHandler.forwardedClaim.selector;
        selectors[8] = IntegraHandler.forgeForwarded.selector;
        selectors[9] = IntegraHandler.transferToken.selector;
        selectors[10] = IntegraHandler.offerOwnership.selector;
        selectors[11] = IntegraHandler.cancelOwnershipOffer.selector;
        selectors[12] = IntegraHandler.acceptOwnership.selector;
        selectors[13] = IntegraHandler.setExecutor.selector;
        selectors[14] = IntegraHandler.formerPrincipalStrikes.selector;
        selectors[15] = IntegraHandler.attackerStrikes.selector;
        selectors[16] = IntegraHandler.fakeTokenizerPlays.selector;
        selectors[17] = IntegraHandler.requestPayment.selector;
        selectors[18] = IntegraHandler.markPaid.selector;
        selectors[19] = IntegraHandler.cancelPayment.selector;
        selectors[20] = IntegraHandler.warp.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), selectors);
    }

    // ================================================================== invariants

    /// @dev Every token held was claimed by its holder, or moved by its holder afterwards, and every claim used an
    /// attestation for that claimant, record and token, with CLAIM, live, unrevoked, and issued in the record's
    /// authority epoch current at claim time.
    function invariant_TokensHeldOnlyByClaimOrHolderMove() public view {
        (bool ok, string memory why) = checkHolders();
        assertTrue(ok, why);
    }

    /// @dev After a transfer or an executor change no earlier principal can reserve, cancel, seal, attest, appoint
    /// or offer; the registry's authority matches the transfers and appointments that succeeded; attestations
    /// carry the epoch they were issued in, and only those of the current epoch are alive.
    function invariant_EarlierPrincipalsHaveNoPower() public view {
        (bool ok, string memory why) = checkAuthority();
        assertTrue(ok, why);
    }

    /// @dev Every event the Integra contracts emitted for a record has topic1 = integraHash and topic2 = that
    /// record's processHash, and a tokenizer only emits for records bound to it.
    function invariant_EventsCarryTheirRecordsProcessHash() public view {
        (bool ok, string memory why) = checkEvents();
        assertTrue(ok, why);
    }

    /// @dev No agreement is complete unless its party set is sealed and every sealed token is claimed; it is
    /// complete as soon as that holds, with one DocumentComplete.
    function invariant_CompleteOnlyWhenSealedAndAllClaimed() public view {
        (bool ok, string memory why) = checkCompletion();
        assertTrue(ok, why);
    }

    /// @dev Every PaymentRequested names a requestor and a payer who are consenting parties (claimed their token
    /// themselves and held it at request time) of a record of an official tokenizer; statuses follow the calls.
    function invariant_PaymentsOnlyBetweenConsentingParties() public view {
        (bool ok, string memory why) = checkPayments();
        assertTrue(ok, why);
    }

    /// @dev No token is ever held by the forwarder, a relayer, the attacker or the fake tokenizer.
    function invariant_NoTokenHeldByOutsiders() public view {
        (bool ok, string memory why) = checkOutsiders();
        assertTrue(ok, why);
    }

    /// @dev Forwarder nonces count executed requests only; no forged, tampered, expired or replayed one executed.
    function invariant_ForwarderNoncesCountExecutedRequestsOnly() public view {
        (bool ok, string memory why) = checkNonces();
        assertTrue(ok, why);
    }

    /// @dev Nothing the attacker, the fake tokenizer, a stranger or a re-entering receiver must not do succeeded.
    function invariant_AdversariesGetNothing() public view {
        (bool ok, string memory why) = checkAdversaries();
        assertTrue(ok, why);
    }

    // ================================================================== checks

    function checkHolders() public view returns (bool, string memory) {
        bytes32[] memory records = handler.records();
        address[] memory accounts = handler.tracked();
        for (uint256 r; r < records.length; ++r) {
            IntegraHandler.RecordGhost memory g = handler.recordGhost(records[r]);
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
            IntegraHandler.RecordGhost memory g = handler.recordGhost(records[r]);
            (address owner_, address executor_, address tokenizer, bytes32 processHash, uint64 epoch) =
                registry.authorityOf(records[r]);
            if (owner_ != g.owner || executor_ != g.executor) {
                return (false, "the owner or executor differs from the transfers and appointments that succeeded");
            }
            if (tokenizer != g.tokenizer || processHash != g.processHash) return (false, "a record's tokenizer or workflow changed");
            if (epoch != g.epoch) return (false, "the authority epoch differs from the authority changes that succeeded");
            if (registry.pendingOwnerOf(records[r]) != g.pending) return (false, "the pending owner differs from the offers");
            address[] memory formers = handler.formerPrincipalsOf(records[r]);
            for (uint256 f; f < formers.length; ++f) {
                if (registry.isOwnerOrExecutor(records[r], formers[f])) return (false, "an earlier principal still has authority");
            }
        }
        uint256 grants = handler.grantCount();
        for (uint256 i; i < grants; ++i) {
            IntegraHandler.Grant memory grant = handler.grantAt(i);
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
        IntegraHandler.EventKey[] memory keys = handler.eventKeys();
        for (uint256 i; i < keys.length; ++i) {
            IntegraHandler.EventKey memory k = keys[i];
            if (k.topicCount < 3) return (false, "an Integra event without integraHash and processHash topics");
            IntegraHandler.RecordGhost memory g = handler.recordGhost(k.integraHash);
            if (g.registrant == address(0)) return (false, "an Integra event whose topic1 is no registered record");
            if (k.topic2 != g.processHash) return (false, "an event whose topic2 is not its record's processHash");
            (,,, bytes32 processHash,) = registry.authorityOf(k.integraHash);
            if (k.topic2 != processHash) return (false, "an event whose topic2 differs from the registry's processHash");
            bool fromTokenizer = k.emitter == address(ownership) || k.emitter == address(multiParty);
            if (fromTokenizer && k.emitter != g.tokenizer) return (false, "a tokenizer emitted for a record bound elsewhere");
            if (k.emitter == address(signal) && !handler.isOfficial(g.tokenizer)) {
                return (false, "the signal contract emitted for a record of an unofficial tokenizer");
            }
        }
        return (true, "");
    }

    function checkCompletion() public view returns (bool, string memory) {
        if (handler.violations(handler.V_RULES()) != 0) return (false, handler.firstViolation());
        bytes32[] memory records = handler.records();
        for (uint256 r; r < records.length; ++r) {
            IntegraHandler.RecordGhost memory g = handler.recordGhost(records[r]);
            if (!handler.isOfficial(g.tokenizer)) continue;
            IntegraTokenizerBase tokenizer = IntegraTokenizerBase(g.tokenizer);
            uint256[] memory partyIds = handler.partyIdsOf(records[r]);
            (bool isSealed, uint256 partyCount) = tokenizer.partySetOf(records[r]);
            if (isSealed != g.isSealed || partyCount != (g.isSealed ? partyIds.length : 0)) {
                return (false, "the party set differs from the seals that succeeded");
            }
            bool allClaimed = true;
            for (uint256 i; i < partyIds.length; ++i) {
                IntegraHandler.TokenGhost memory t = handler.tokenGhost(records[r], partyIds[i]);
                if (t.status != IntegraTokenizerBase.TokenStatus.Claimed) allClaimed = false;
            }
            (,, bool complete) = tokenizer.progressOf(records[r]);
            if (complete && !g.isSealed) return (false, "an agreement is complete though its party set was never sealed");
            if (complete && !allClaimed) return (false, "an agreement is complete with a sealed token unclaimed");
            if (!complete && g.isSealed && allClaimed) return (false, "a sealed, fully claimed agreement is not complete");
            if (g.completeEvents != (complete ? 1 : 0)) return (false, "DocumentComplete count differs from completion");
        }
        return (true, "");
    }

    function checkPayments() public view returns (bool, string memory) {
        IntegraHandler.PaymentGhost[] memory ps = handler.payments();
        if (signal.paymentCount() != ps.length) return (false, "payment requests exist that no successful call logged");
        for (uint256 i; i < ps.length; ++i) {
            IntegraHandler.PaymentGhost memory p = ps[i];
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
            if (signal.statusOf(p.id) != expected) return (false, "a payment's status differs from its logged changes");
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
            if (nonce != handler.forwardedBy(accounts[i])) return (false, "a forwarder nonce differs from the requests executed");
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

    function _checkToken(bytes32 ih, IntegraHandler.RecordGhost memory g, uint256 tokenId, address[] memory accounts)
        internal
        view
        returns (bool, string memory, IntegraTokenizerBase.TokenStatus)
    {
        IntegraHandler.TokenGhost memory t = handler.tokenGhost(ih, tokenId);
        (IntegraTokenizerBase.TokenStatus status, address reservedFor, uint256 amount, bytes32 processHash) =
            IntegraTokenizerBase(g.tokenizer).tokenStatus(ih, tokenId);
        if (status != t.status || reservedFor != t.reservedFor || amount != t.amount || processHash != g.processHash) {
            return (false, "a token's status differs from the reservations, cancels and claims that succeeded", status);
        }
        (bool ok, string memory why) = _checkBalances(ih, g.tokenizer, tokenId, accounts, status == IntegraTokenizerBase.TokenStatus.Claimed ? amount : 0);
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
        if (tokenizer == address(ownership)) {
            address holder;
            try ownership.ownerOf(uint256(ih)) returns (address o) {
                holder = o;
            } catch {}
            for (uint256 a; a < accounts.length; ++a) {
                uint256 actual = holder == accounts[a] ? 1 : 0;
                if (actual != handler.ghostBalance(ih, tokenId, accounts[a])) {
                    return (false, "an ownership token is held by someone who neither claimed it nor got it from its holder");
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
                if (balances[a] != handler.ghostBalance(ih, tokenId, accounts[a])) {
                    return (false, "a role token balance differs from the claims and holder moves that succeeded");
                }
                sum += balances[a];
            }
        }
        if (sum != supply) return (false, "the tracked balances of a token differ from its claimed amount");
        return (true, "");
    }

    function _checkProvenance(bytes32 ih, uint256 tokenId, IntegraHandler.TokenGhost memory t)
        internal
        view
        returns (bool, string memory)
    {
        (bool known, IntegraHandler.Grant memory grant) = handler.grantOf(t.uid);
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

}
