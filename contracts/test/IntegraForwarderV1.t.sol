// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";
import {Errors} from "@openzeppelin/contracts/utils/Errors.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC721Errors, IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {
    IEAS,
    AttestationRequest,
    AttestationRequestData
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {IntegraFixture} from "./utils/IntegraFixture.sol";
import {ForwardRequestSigner} from "./utils/ForwardRequestSigner.sol";
import {IntegraRecordV1} from "../src/IntegraRecordV1.sol";
import {IntegraSignalV1} from "../src/IntegraSignalV1.sol";
import {IntegraTokenizerBase} from "../src/tokenizers/IntegraTokenizerBase.sol";
import {Capabilities} from "../src/Capabilities.sol";

/// @notice ERC-2771 meta-transactions end to end: a party's ephemeral wallet (never funded) signs an EIP-712
/// ForwardRequest, a relayer submits it to IntegraForwarderV1, and the tokenizers and the signal contract act for
/// the signer; nothing but a signed request through the trusted forwarder can change who `_msgSender()` is.
/// IntegraForwarderV1 is OpenZeppelin's ERC2771Forwarder, unchanged but for its EIP-712 name, so OpenZeppelin's own
/// rules (forged, tampered, expired, replayed and misdirected requests fail with its errors) are tested once, by one
/// fuzz over the ways to tamper with a request (`Tamper`); every other test is about what is ours.
/// @dev An inner call that reverts makes `execute` revert with a bare FailedCall (the forwarder drops the reason).
/// To pin down *why* it reverted, tests replay the exact call the forwarder makes (calldata ‖ signer, from the
/// forwarder's address) with `_callAsForwarder` and compare the revert data.
contract IntegraForwarderV1Test is IntegraFixture, ForwardRequestSigner {
    /// @dev Every way to tamper with a party's signed request before submitting it, or to submit it when it is no
    /// longer valid: the members `testFuzz_RevertWhen_SignedRequestTampered` fuzzes over, as OpenZeppelin's own
    /// ERC2771Forwarder.t.sol does over its TamperType.
    enum Tamper {
        From, // claims the signature for another sender
        To, // points the call at the other tokenizer, which trusts the forwarder too
        UntrustfulTarget, // points the call at an account that does not trust the forwarder (no code)
        Value, // attaches ether the party did not sign for (and sends it)
        Gas, // forwards less gas than signed, to starve the call
        Deadline, // stretches the request's lifetime
        Data, // makes another call (another attestation uid)
        SignedByAnotherKey, // a signature by someone else's key, still naming the party
        TruncatedSignature, // a signature of any other length than 65 bytes
        MalleatedSignature, // the other (high-s) form of the party's own signature
        Expired, // the request as signed, submitted after its deadline
        Replayed, // the request as signed, submitted again after it executed
        UnsignedValue // the request as signed, sent with ether it did not sign for
    }

    // Private keys of the fixture's named addresses (IntegraFixture derives them with vm.addr of these).
    uint256 internal constant OWNER_KEY = 0xA11CE;
    uint256 internal constant EXECUTOR_KEY = 0xE8EC;
    uint256 internal constant ALICE_KEY = 0xA;
    uint256 internal constant BOB_KEY = 0xB;
    uint256 internal constant STRANGER_KEY = 0x5757;
    /// @dev The party's ephemeral wallet: made in the browser for this agreement, holds no ether.
    uint256 internal constant PARTY_KEY = 0xE9E3E7A1;

    /// @dev A multi-party role and amount reserved for the party on `deal`.
    uint256 internal constant ROLE = 2;
    uint256 internal constant UNITS = 7;

    bytes internal constant AMOUNT = hex"a1b2c3d4";
    bytes internal constant RECEIPT = hex"0f0e";

    /// @dev Receives what a batch refunds for the requests it skipped.
    address internal constant REFUND_RECEIVER = address(0xEBE);

    address internal party = vm.addr(PARTY_KEY);
    /// @dev The app's relayer (sponsor key): submits requests and pays their gas; never a party.
    address internal relayer = vm.addr(0x4E1A7E4);

    /// @dev An ownership record and a multi-party record, owned by `owner`, nothing reserved yet.
    bytes32 internal deed;
    bytes32 internal deal;

    function setUp() public override {
        super.setUp();
        require(
            vm.addr(OWNER_KEY) == owner && vm.addr(EXECUTOR_KEY) == executor && vm.addr(ALICE_KEY) == alice
                && vm.addr(BOB_KEY) == bob && vm.addr(STRANGER_KEY) == stranger,
            "fixture keys"
        );
        deed = _register(address(ownership));
        deal = _register(address(multiParty));
        vm.label(party, "party");
        vm.label(relayer, "relayer");
        vm.label(address(forwarder), "forwarder");
    }

    // ---------------------------------------------------------------- helpers

    function _execute(ERC2771Forwarder.ForwardRequestData memory request) internal {
        vm.prank(relayer);
        forwarder.execute(request);
    }

    function _claimCall(bytes32 hash, uint256 tokenId, bytes32 uid) internal view returns (bytes memory) {
        return abi.encodeCall(IntegraTokenizerBase.claimToken, (hash, tokenId, uid, PROCESS));
    }

    /// @dev Reserves the deed for the party and attests CLAIM to it; returns the party's signed claim.
    function _deedClaimRequest() internal returns (ERC2771Forwarder.ForwardRequestData memory) {
        vm.prank(owner);
        ownership.reserveToken(deed, 1, party, 1, PROCESS, "");
        bytes32 uid = _attestClaim(party, deed, 1);
        return _forwardRequest(forwarder, PARTY_KEY, address(ownership), _claimCall(deed, 1, uid));
    }

    /// @dev Reserves UNITS of role ROLE of the deal for the party and attests CLAIM; returns the party's signed claim.
    function _roleClaimRequest() internal returns (ERC2771Forwarder.ForwardRequestData memory) {
        vm.startPrank(owner);
        multiParty.reserveToken(deal, ROLE, party, UNITS, PROCESS, "");
        multiParty.sealParties(deal); // the party set of one role is fixed, so the claim completes the record
        vm.stopPrank();
        bytes32 uid = _attestClaim(party, deal, ROLE);
        return _forwardRequest(forwarder, PARTY_KEY, address(multiParty), _claimCall(deal, ROLE, uid));
    }

    /// @dev The party holds the deed (claimed through the forwarder); returns its ERC-721 id.
    function _partyHoldsDeed() internal returns (uint256 id) {
        _execute(_deedClaimRequest());
        id = ownership.erc721IdOf(deed);
        require(ownership.ownerOf(id) == party, "party holds the deed");
    }

    /// @dev The party holds UNITS of role ROLE (claimed through the forwarder); returns its ERC-1155 id.
    function _partyHoldsRole() internal returns (uint256 id) {
        _execute(_roleClaimRequest());
        id = multiParty.erc1155IdOf(deal, ROLE);
        require(multiParty.balanceOf(party, id) == UNITS, "party holds the role");
    }

    /// @dev The call the forwarder makes for a request from `sender`: `data ‖ sender`, from the forwarder.
    function _callAsForwarder(address target, bytes memory data, address sender)
        internal
        returns (bool ok, bytes memory ret)
    {
        vm.prank(address(forwarder));
        (ok, ret) = target.call(abi.encodePacked(data, sender));
    }

    /// @dev Checks the call a request from `sender` makes reverts with exactly `expected`.
    function _assertInnerRevert(address target, bytes memory data, address sender, bytes memory expected) internal {
        (bool ok, bytes memory ret) = _callAsForwarder(target, data, sender);
        assertTrue(!ok, "inner call reverts");
        assertEq(ret, expected, "inner revert data");
    }

    /// @dev `execute` of a valid request whose inner call reverts: FailedCall (the whole transaction reverts, so
    /// the signer's nonce is not consumed; `test_FailedInnerCall_LeavesTheRequestUsable` shows it by executing later).
    function _expectFailedCall(ERC2771Forwarder.ForwardRequestData memory request) internal {
        vm.expectRevert(Errors.FailedCall.selector);
        _execute(request);
    }

    /// @dev `account` (a relayer, the forwarder, the stranger) holds neither the deed nor the party's role.
    function _assertNoTokensFor(address account) internal view {
        assertEq(ownership.balanceOf(account), 0, "no deed");
        assertEq(multiParty.balanceOf(account, multiParty.erc1155IdOf(deal, ROLE)), 0, "no role");
    }

    function _status(IntegraTokenizerBase tokenizer, bytes32 hash, uint256 tokenId)
        internal
        view
        returns (uint256 status)
    {
        IntegraTokenizerBase.TokenStatus s;
        (s,,,) = tokenizer.tokenStatus(hash, tokenId);
        status = uint256(s);
    }

    // ---------------------------------------------------------------- the forwarder and who trusts it

    /// @dev The app signs against this domain: a different name or version would make every request invalid.
    function test_Eip712Domain_IsIntegraForwarderV1() public view {
        (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            forwarder.eip712Domain();
        assertTrue(fields == hex"0f", "name, version, chainId, verifyingContract");
        assertEq(name, "IntegraForwarderV1", "name");
        assertEq(version, "1", "version");
        assertEq(chainId, block.chainid, "chainId");
        assertEq(verifyingContract, address(forwarder), "verifyingContract");
    }

    /// @dev The tokenizers and signals trust exactly this forwarder; the registry and EAS are not ERC-2771.
    function test_TrustedForwarder_OfTokenizersAndSignal() public view {
        assertEq(ownership.trustedForwarder(), address(forwarder), "ownership");
        assertEq(multiParty.trustedForwarder(), address(forwarder), "multiParty");
        assertEq(signal.trustedForwarder(), address(forwarder), "signal");
        assertTrue(ownership.isTrustedForwarder(address(forwarder)), "ownership trusts it");
        assertTrue(!ownership.isTrustedForwarder(relayer), "not the relayer");
        assertTrue(!multiParty.isTrustedForwarder(relayer), "not the relayer");
        assertTrue(!signal.isTrustedForwarder(address(0)), "not zero");
    }

    // ---------------------------------------------------------------- forwarded claims

    /// @dev The deed goes to the party that signed, not to the relayer that paid nor to the forwarder that called.
    function test_ForwardedClaim_OwnershipMintsToSignerNotRelayer() public {
        ERC2771Forwarder.ForwardRequestData memory request = _deedClaimRequest();
        (bytes32 uid) = abi.decode(_slice(request.data, 68, 32), (bytes32));
        uint256 id = ownership.erc721IdOf(deed);
        assertEq(party.balance, 0, "party holds no ether");

        vm.expectEmit(true, true, true, true, address(ownership));
        emit IntegraTokenizerBase.TokenClaimed(deed, PROCESS, party, 1, 1, uid, block.timestamp);
        vm.expectEmit(true, true, true, true, address(ownership));
        emit IERC721.Transfer(address(0), party, id);
        vm.expectEmit(true, true, true, true, address(forwarder));
        emit ERC2771Forwarder.ExecutedForwardRequest(party, 0, true);
        _execute(request);

        assertEq(ownership.ownerOf(id), party, "ownerOf");
        assertEq(ownership.balanceOf(party), 1, "party balance");
        assertTrue(ownership.isHolder(deed, 1, party), "isHolder");
        assertEq(_status(ownership, deed, 1), uint256(IntegraTokenizerBase.TokenStatus.Claimed), "claimed");
        _assertNoTokensFor(relayer);
        _assertNoTokensFor(address(forwarder));
        assertEq(party.balance, 0, "party still holds no ether");
        assertEq(forwarder.nonces(party), 1, "party nonce");
        assertEq(forwarder.nonces(relayer), 0, "relayer nonce");
    }

    /// @dev The role tokens go to the party that signed; the claim completes the one-role record.
    function test_ForwardedClaim_MultiPartyMintsToSignerNotRelayer() public {
        ERC2771Forwarder.ForwardRequestData memory request = _roleClaimRequest();
        (bytes32 uid) = abi.decode(_slice(request.data, 68, 32), (bytes32));
        uint256 id = multiParty.erc1155IdOf(deal, ROLE);

        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.TokenClaimed(deal, PROCESS, party, ROLE, UNITS, uid, block.timestamp);
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.DocumentComplete(deal, PROCESS, 1, block.timestamp);
        // The ERC-1155 operator is the signer too: _msgSender() everywhere, not msg.sender.
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IERC1155.TransferSingle(party, address(0), party, id, UNITS);
        vm.expectEmit(true, true, true, true, address(forwarder));
        emit ERC2771Forwarder.ExecutedForwardRequest(party, 0, true);
        _execute(request);

        assertEq(multiParty.balanceOf(party, id), UNITS, "party balance");
        assertTrue(multiParty.isHolder(deal, ROLE, party), "isHolder");
        assertTrue(!multiParty.isHolder(deal, ROLE, relayer), "relayer is no holder");
        assertTrue(!multiParty.isHolder(deal, ROLE, address(forwarder)), "forwarder is no holder");
        _assertNoTokensFor(relayer);
        _assertNoTokensFor(address(forwarder));
        assertEq(party.balance, 0, "party holds no ether");
        assertEq(forwarder.nonces(party), 1, "party nonce");
    }

    /// @dev The clerk's own wallet may submit instead of the relayer: the submitter never matters.
    function test_ForwardedClaim_SubmittedByTheClerkStillMintsToParty() public {
        ERC2771Forwarder.ForwardRequestData memory request = _deedClaimRequest();
        vm.prank(owner);
        forwarder.execute(request);
        assertEq(ownership.ownerOf(ownership.erc721IdOf(deed)), party, "ownerOf");
        assertEq(ownership.balanceOf(owner), 0, "the clerk got nothing");
        assertEq(forwarder.nonces(owner), 0, "clerk nonce");
        assertEq(forwarder.nonces(party), 1, "party nonce");
    }

    // ---------------------------------------------------------------- OpenZeppelin's rules, tested once

    /// @dev Whatever is tampered, on either tokenizer's claim: `verify` says no; `execute`, and a batch without a
    /// refund receiver, revert with the forwarder's own error; a batch with a refund receiver skips the request (and
    /// refunds its value); the party's nonce is not spent by a refusal; no relayer, forwarder or claimed sender ever
    /// holds the token; and the request as signed still executes, at its deadline second, unless it was spent or
    /// outlived.
    function testFuzz_RevertWhen_SignedRequestTampered(uint8 tamperSeed, bool roleClaim, uint256 seed) public {
        Tamper tamper = Tamper(bound(tamperSeed, 0, uint256(type(Tamper).max)));
        ERC2771Forwarder.ForwardRequestData memory signed = roleClaim ? _roleClaimRequest() : _deedClaimRequest();
        assertTrue(forwarder.verify(signed), "the request as signed is valid");
        if (tamper == Tamper.Replayed) _execute(signed);
        (ERC2771Forwarder.ForwardRequestData memory tampered, uint256 sent) = _tamper(signed, tamper, seed);
        bytes memory refusal = _refusal(tampered, tamper, sent);
        uint256 nonce = forwarder.nonces(party);
        vm.deal(relayer, sent);

        vm.expectRevert(refusal);
        vm.prank(relayer);
        forwarder.execute{value: sent}(tampered);
        // The request as signed, sent with the wrong value, is still a valid request: only the submission is wrong.
        assertEq(forwarder.verify(tampered), tamper == Tamper.UnsignedValue, "verify refuses the tampered request");

        ERC2771Forwarder.ForwardRequestData[] memory batch = _batchAround(tampered, signed, tamper);
        vm.expectRevert(refusal);
        vm.prank(relayer);
        forwarder.executeBatch{value: sent}(batch, payable(address(0)));
        assertEq(forwarder.nonces(party), nonce, "a refusal spends no nonce");

        bool signedStillValid = tamper != Tamper.Expired && tamper != Tamper.Replayed;
        if (signedStillValid) vm.warp(signed.deadline);
        _submitWithRefundReceiver(signed, batch, tamper, sent, refusal);

        assertEq(REFUND_RECEIVER.balance, tamper == Tamper.Value ? sent : 0, "the skipped request's value refunded");
        assertEq(address(forwarder).balance, 0, "no ether stuck in the forwarder");
        bool claimed = tamper != Tamper.Expired;
        assertEq(forwarder.nonces(party), claimed ? 1 : 0, "only the request as signed spent the party's nonce");
        assertEq(_holdsClaimedToken(party, roleClaim), claimed, "the party holds the token it signed for");
        _assertNoTokensFor(relayer);
        _assertNoTokensFor(address(forwarder));
        if (tamper == Tamper.From) _assertNoTokensFor(tampered.from);
    }

    /// @dev A copy of `signed` tampered with as `tamper` says, and the ether to send with it.
    function _tamper(ERC2771Forwarder.ForwardRequestData memory signed, Tamper tamper, uint256 seed)
        internal
        returns (ERC2771Forwarder.ForwardRequestData memory request, uint256 sent)
    {
        request = _copy(signed);
        if (tamper == Tamper.From) {
            request.from = vm.addr(bound(seed, 1, SECP256K1_ORDER - 1));
            if (request.from == party) request.from = relayer;
        } else if (tamper == Tamper.To) {
            request.to = request.to == address(ownership) ? address(multiParty) : address(ownership);
        } else if (tamper == Tamper.UntrustfulTarget) {
            request.to = address(uint160(uint256(keccak256(abi.encode("untrustful target", seed)))));
            require(request.to.code.length == 0, "an account without code");
        } else if (tamper == Tamper.Value) {
            request.value = bound(seed, 1, 1 ether);
            sent = request.value;
        } else if (tamper == Tamper.Gas) {
            request.gas = seed % FORWARD_GAS;
        } else if (tamper == Tamper.Deadline) {
            request.deadline += uint48(bound(seed, 1, 365 days));
        } else if (tamper == Tamper.Data) {
            (bytes32 hash, uint256 tokenId) = request.to == address(ownership) ? (deed, 1) : (deal, ROLE);
            request.data = _claimCall(hash, tokenId, keccak256(abi.encode("another uid", seed)));
        } else if (tamper == Tamper.SignedByAnotherKey) {
            uint256 key = bound(seed, 1, SECP256K1_ORDER - 1);
            _sign(forwarder, vm.addr(key) == party ? STRANGER_KEY : key, request);
        } else if (tamper == Tamper.TruncatedSignature) {
            request.signature = _slice(request.signature, 0, seed % 65);
        } else if (tamper == Tamper.MalleatedSignature) {
            request.signature = _malleated(request.signature);
            // ecrecover alone still finds the party; OpenZeppelin's low-s rule refuses the form, signer zero.
            assertEq(_recoveredSigner(forwarder, request, forwarder.nonces(party)), party, "the other form recovers");
        } else if (tamper == Tamper.Expired) {
            vm.warp(uint256(request.deadline) + bound(seed, 1, 365 days));
        } else if (tamper == Tamper.UnsignedValue) {
            sent = bound(seed, 1, 1 ether);
        }
        // Replayed: the request as signed, which already executed.
    }

    /// @dev The forwarder's error for `request`, tampered as `tamper` says and sent with `sent` wei.
    function _refusal(ERC2771Forwarder.ForwardRequestData memory request, Tamper tamper, uint256 sent)
        internal
        view
        returns (bytes memory)
    {
        if (tamper == Tamper.UntrustfulTarget) {
            return abi.encodeWithSelector(ERC2771Forwarder.ERC2771UntrustfulTarget.selector, request.to, forwarder);
        }
        if (tamper == Tamper.Expired) {
            return abi.encodeWithSelector(ERC2771Forwarder.ERC2771ForwarderExpiredRequest.selector, request.deadline);
        }
        if (tamper == Tamper.UnsignedValue) {
            return abi.encodeWithSelector(ERC2771Forwarder.ERC2771ForwarderMismatchedValue.selector, 0, sent);
        }
        // A signature that is not 65 bytes, or not in low-s form, recovers no signer at all.
        address recovered = tamper == Tamper.TruncatedSignature || tamper == Tamper.MalleatedSignature
            ? address(0)
            : _recoveredSigner(forwarder, request, forwarder.nonces(request.from));
        assertTrue(recovered != request.from, "the tampered request recovers to someone else");
        return abi.encodeWithSelector(ERC2771Forwarder.ERC2771ForwarderInvalidSigner.selector, recovered, request.from);
    }

    /// @dev The batch a relayer submits: the tampered request before the request as signed, or alone when it is the
    /// request as signed (outlived, spent, or sent with the wrong value).
    function _batchAround(
        ERC2771Forwarder.ForwardRequestData memory tampered,
        ERC2771Forwarder.ForwardRequestData memory signed,
        Tamper tamper
    ) internal pure returns (ERC2771Forwarder.ForwardRequestData[] memory batch) {
        bool alone =
            tamper == Tamper.Expired || tamper == Tamper.Replayed || tamper == Tamper.UnsignedValue;
        batch = new ERC2771Forwarder.ForwardRequestData[](alone ? 1 : 2);
        batch[0] = tampered;
        if (!alone) batch[1] = signed;
    }

    /// @dev With a refund receiver a batch skips an invalid request instead of reverting, and runs the valid one; a
    /// batch's value must still match its requests' (then the request as signed is executed on its own).
    function _submitWithRefundReceiver(
        ERC2771Forwarder.ForwardRequestData memory signed,
        ERC2771Forwarder.ForwardRequestData[] memory batch,
        Tamper tamper,
        uint256 sent,
        bytes memory refusal
    ) internal {
        if (tamper == Tamper.UnsignedValue) {
            vm.expectRevert(refusal);
            vm.prank(relayer);
            forwarder.executeBatch{value: sent}(batch, payable(REFUND_RECEIVER));
            _execute(signed);
            return;
        }
        if (batch.length == 2) {
            vm.expectEmit(true, true, true, true, address(forwarder));
            emit ERC2771Forwarder.ExecutedForwardRequest(party, 0, true);
        }
        vm.prank(relayer);
        forwarder.executeBatch{value: sent}(batch, payable(REFUND_RECEIVER));
    }

    function _holdsClaimedToken(address account, bool roleClaim) internal view returns (bool) {
        return roleClaim
            ? multiParty.balanceOf(account, multiParty.erc1155IdOf(deal, ROLE)) == UNITS
            : ownership.balanceOf(account) == 1;
    }

    /// @dev The same signature in its other valid-looking form: s -> n - s, v flipped.
    function _malleated(bytes memory signature) internal pure returns (bytes memory) {
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly ("memory-safe") {
            r := mload(add(signature, 0x20))
            s := mload(add(signature, 0x40))
            v := byte(0, mload(add(signature, 0x60)))
        }
        return abi.encodePacked(r, bytes32(SECP256K1_ORDER - uint256(s)), v == 27 ? uint8(28) : uint8(27));
    }

    // ---------------------------------------------------------------- targets that do not trust the forwarder

    /// @dev The registry is not ERC-2771: the forwarder refuses to call it (else the registry would see the
    /// forwarder itself as the caller).
    function test_RevertWhen_TargetIsTheRegistry() public {
        bytes memory data = abi.encodeCall(
            IntegraRecordV1.register, (CONTENT, hex"c1f3", address(ownership), executor, PROCESS, new address[](0))
        );
        ERC2771Forwarder.ForwardRequestData memory request =
            _forwardRequest(forwarder, OWNER_KEY, address(registry), data);
        assertTrue(!forwarder.verify(request), "verify says no");
        vm.expectRevert(
            abi.encodeWithSelector(ERC2771Forwarder.ERC2771UntrustfulTarget.selector, address(registry), forwarder)
        );
        _execute(request);
    }

    /// @dev Nor through its multicall: the registry trusts no forwarder, so a batch cannot be made to run as a signer.
    function test_RevertWhen_TargetIsTheRegistrysMulticall() public {
        bytes[] memory calls = new bytes[](1);
        calls[0] = abi.encodeCall(IntegraRecordV1.openWorkflow, (keccak256("relayed")));
        bytes memory data = abi.encodeCall(registry.multicall, (calls));
        ERC2771Forwarder.ForwardRequestData memory request =
            _forwardRequest(forwarder, OWNER_KEY, address(registry), data);
        vm.expectRevert(
            abi.encodeWithSelector(ERC2771Forwarder.ERC2771UntrustfulTarget.selector, address(registry), forwarder)
        );
        _execute(request);
    }

    /// @dev EAS does not trust the forwarder either: attestations are made by the owner or executor directly.
    function test_RevertWhen_TargetIsEas() public {
        AttestationRequest memory attestation = AttestationRequest({
            schema: capabilitySchema,
            data: AttestationRequestData({
                recipient: party,
                expirationTime: 0,
                revocable: true,
                refUID: bytes32(0),
                data: abi.encode(deed, 1, Capabilities.CLAIM, PROCESS),
                value: 0
            })
        });
        ERC2771Forwarder.ForwardRequestData memory request =
            _forwardRequest(forwarder, OWNER_KEY, address(eas), abi.encodeCall(IEAS.attest, (attestation)));
        vm.expectRevert(
            abi.encodeWithSelector(ERC2771Forwarder.ERC2771UntrustfulTarget.selector, address(eas), forwarder)
        );
        _execute(request);
    }

    // ---------------------------------------------------------------- valid requests whose call reverts

    /// @dev With matching value the call goes through, but claimToken is not payable: the whole execute reverts,
    /// the relayer keeps its ether and the party its nonce.
    function test_RevertWhen_ValueForwardedToNonPayableClaim() public {
        ERC2771Forwarder.ForwardRequestData memory request = _deedClaimRequest();
        request.value = 1 wei;
        _sign(forwarder, PARTY_KEY, request);
        vm.deal(relayer, 1 ether);
        vm.expectRevert(Errors.FailedCall.selector);
        vm.prank(relayer);
        forwarder.execute{value: 1 wei}(request);
    }

    /// @dev A claim with no attestation reverts inside the tokenizer: execute reverts FailedCall, and because the
    /// whole transaction reverts the party's nonce is not consumed.
    function test_RevertWhen_ForwardedClaimHasNoAttestation() public {
        vm.prank(owner);
        ownership.reserveToken(deed, 1, party, 1, PROCESS, "");
        bytes32 uid = keccak256("no such attestation");
        bytes memory data = _claimCall(deed, 1, uid);
        ERC2771Forwarder.ForwardRequestData memory request =
            _forwardRequest(forwarder, PARTY_KEY, address(ownership), data);
        _assertInnerRevert(
            address(ownership),
            data,
            party,
            abi.encodeWithSelector(IntegraTokenizerBase.UnknownAttestation.selector, uid)
        );
        _expectFailedCall(request);
    }

    /// @dev Since a failed request keeps its nonce, the same signed request succeeds once its inner call can:
    /// signed before the reservation existed (nothing reserved, so no party set sealed yet), executed after it
    /// (reserving the deed's one token seals its set of one).
    function test_FailedInnerCall_LeavesTheRequestUsable() public {
        bytes32 uid = _attestClaim(party, deed, 1);
        bytes memory data = _claimCall(deed, 1, uid);
        ERC2771Forwarder.ForwardRequestData memory request =
            _forwardRequest(forwarder, PARTY_KEY, address(ownership), data);
        _assertInnerRevert(
            address(ownership),
            data,
            party,
            abi.encodeWithSelector(IntegraTokenizerBase.PartiesNotSealed.selector, deed)
        );
        _expectFailedCall(request);

        vm.prank(owner);
        ownership.reserveToken(deed, 1, party, 1, PROCESS, "");
        _execute(request);
        assertEq(ownership.ownerOf(ownership.erc721IdOf(deed)), party, "claimed with the same request");
        assertEq(forwarder.nonces(party), 1, "party nonce");
    }

    /// @dev A stranger's own, validly signed request acts for the stranger, never for the party it names.
    function test_RevertWhen_StrangerForwardsClaimOfPartyToken() public {
        _deedClaimRequest();
        bytes32 uid = _attestClaim(party, deed, 1);
        bytes memory data = _claimCall(deed, 1, uid);
        ERC2771Forwarder.ForwardRequestData memory request =
            _forwardRequest(forwarder, STRANGER_KEY, address(ownership), data);
        _assertInnerRevert(
            address(ownership),
            data,
            stranger,
            abi.encodeWithSelector(IntegraTokenizerBase.NotAttestationRecipient.selector, party, stranger)
        );
        _expectFailedCall(request);
    }

    // ---------------------------------------------------------------- _msgSender in every forwarded path

    /// @dev The record owner can reserve and cancel through the forwarder: reservedBy and cancelledBy are the owner.
    function test_Forwarded_OwnerReservesAndCancels() public {
        ERC2771Forwarder.ForwardRequestData memory request = _forwardRequest(
            forwarder,
            OWNER_KEY,
            address(multiParty),
            abi.encodeCall(IntegraTokenizerBase.reserveToken, (deal, ROLE, party, UNITS, PROCESS, ""))
        );
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.TokenReserved(deal, PROCESS, party, ROLE, UNITS, owner, "", block.timestamp);
        _execute(request);
        assertEq(_status(multiParty, deal, ROLE), uint256(IntegraTokenizerBase.TokenStatus.Reserved), "reserved");

        request = _forwardRequest(
            forwarder,
            OWNER_KEY,
            address(multiParty),
            abi.encodeCall(IntegraTokenizerBase.cancelReservation, (deal, ROLE))
        );
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.ReservationCancelled(deal, PROCESS, party, ROLE, owner, block.timestamp);
        _execute(request);
        assertEq(_status(multiParty, deal, ROLE), uint256(IntegraTokenizerBase.TokenStatus.Cancelled), "cancelled");
        assertEq(forwarder.nonces(owner), 2, "owner nonce");
    }

    /// @dev The owner's signed reserve with a role: reservedBy is the owner, the role as signed.
    function test_Forwarded_OwnerReservesWithRole() public {
        ERC2771Forwarder.ForwardRequestData memory request = _forwardRequest(
            forwarder,
            OWNER_KEY,
            address(multiParty),
            abi.encodeCall(IntegraTokenizerBase.reserveToken, (deal, 1, alice, 1, PROCESS, "Seller"))
        );
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.TokenReserved(deal, PROCESS, alice, 1, 1, owner, "Seller", block.timestamp);
        _execute(request);
    }

    /// @dev The executor's authority works through the forwarder too.
    function test_Forwarded_ExecutorReserves() public {
        ERC2771Forwarder.ForwardRequestData memory request = _forwardRequest(
            forwarder,
            EXECUTOR_KEY,
            address(ownership),
            abi.encodeCall(IntegraTokenizerBase.reserveToken, (deed, 1, party, 1, PROCESS, ""))
        );
        vm.expectEmit(true, true, true, true, address(ownership));
        emit IntegraTokenizerBase.TokenReserved(deed, PROCESS, party, 1, 1, executor, "", block.timestamp);
        _execute(request);
        assertEq(_status(ownership, deed, 1), uint256(IntegraTokenizerBase.TokenStatus.Reserved), "reserved");
    }

    /// @dev A stranger's forwarded reserve is the stranger's: NotOwnerOrExecutor, nothing reserved, nonce kept.
    function test_RevertWhen_StrangerForwardsReserve() public {
        bytes memory data = abi.encodeCall(IntegraTokenizerBase.reserveToken, (deed, 1, stranger, 1, PROCESS, ""));
        ERC2771Forwarder.ForwardRequestData memory request =
            _forwardRequest(forwarder, STRANGER_KEY, address(ownership), data);
        _assertInnerRevert(
            address(ownership),
            data,
            stranger,
            abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, deed, stranger)
        );
        _expectFailedCall(request);
    }

    /// @dev Nor can a party cancel its own reservation through the forwarder.
    function test_RevertWhen_PartyForwardsCancel() public {
        _roleClaimRequest();
        bytes memory data = abi.encodeCall(IntegraTokenizerBase.cancelReservation, (deal, ROLE));
        ERC2771Forwarder.ForwardRequestData memory request =
            _forwardRequest(forwarder, PARTY_KEY, address(multiParty), data);
        _assertInnerRevert(
            address(multiParty),
            data,
            party,
            abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, deal, party)
        );
        _expectFailedCall(request);
    }

    /// @dev deal roles 1 and 2 held by alice and bob (claimed directly); returns the record.
    function _twoHolders() internal returns (bytes32 hash) {
        hash = _threePartyRecord();
        _claim(multiParty, alice, hash, 1);
        _claim(multiParty, bob, hash, 2);
    }

    /// @dev Payment signals through the forwarder: the requestor and payer are the signers, never the relayer.
    function test_Forwarded_SignalRequestPayAndCancelActForSigners() public {
        bytes32 hash = _twoHolders();
        uint64 deadline = uint64(block.timestamp + 3 days);
        bytes memory requestCall = abi.encodeCall(IntegraSignalV1.requestPayment, (hash, 1, bob, 2, AMOUNT, deadline));

        vm.expectEmit(true, true, true, true, address(signal));
        emit IntegraSignalV1.PaymentRequested(hash, PROCESS, bob, 1, alice, 1, 2, AMOUNT, deadline, block.timestamp);
        _execute(_forwardRequest(forwarder, ALICE_KEY, address(signal), requestCall));
        assertEq(signal.getPayment(1).requestor, alice, "requestor");
        assertEq(signal.getPayment(1).payer, bob, "payer");

        vm.expectEmit(true, true, true, true, address(signal));
        emit IntegraSignalV1.PaymentPaid(hash, PROCESS, 1, bob, RECEIPT, block.timestamp);
        _execute(
            _forwardRequest(forwarder, BOB_KEY, address(signal), abi.encodeCall(IntegraSignalV1.markPaid, (1, RECEIPT)))
        );
        assertEq(uint256(signal.statusOf(1)), uint256(IntegraSignalV1.PaymentStatus.Paid), "paid");

        _execute(_forwardRequest(forwarder, ALICE_KEY, address(signal), requestCall));
        vm.expectEmit(true, true, true, true, address(signal));
        emit IntegraSignalV1.PaymentCancelled(hash, PROCESS, 2, alice, block.timestamp);
        _execute(
            _forwardRequest(forwarder, ALICE_KEY, address(signal), abi.encodeCall(IntegraSignalV1.cancelPayment, (2)))
        );
        assertEq(uint256(signal.statusOf(2)), uint256(IntegraSignalV1.PaymentStatus.Cancelled), "cancelled");
        assertEq(forwarder.nonces(alice), 3, "alice nonce");
        assertEq(forwarder.nonces(bob), 1, "bob nonce");
        assertEq(forwarder.nonces(relayer), 0, "relayer nonce");
    }

    /// @dev A forwarded request for a party's token by a non-party is the non-party's: NotParty.
    function test_RevertWhen_StrangerForwardsRequestPayment() public {
        bytes32 hash = _twoHolders();
        bytes memory data =
            abi.encodeCall(IntegraSignalV1.requestPayment, (hash, 1, bob, 2, AMOUNT, uint64(block.timestamp + 1 days)));
        _assertInnerRevert(
            address(signal), data, stranger, abi.encodeWithSelector(IntegraSignalV1.NotParty.selector, stranger, 1)
        );
        _expectFailedCall(_forwardRequest(forwarder, STRANGER_KEY, address(signal), data));
    }

    /// @dev Only the payer's signature marks paid and only the requestor's cancels, through the forwarder too.
    function test_RevertWhen_WrongSignerForwardsMarkPaidOrCancel() public {
        bytes32 hash = _twoHolders();
        vm.prank(alice);
        signal.requestPayment(hash, 1, bob, 2, AMOUNT, uint64(block.timestamp + 1 days));

        bytes memory markPaid = abi.encodeCall(IntegraSignalV1.markPaid, (1, RECEIPT));
        _assertInnerRevert(
            address(signal), markPaid, alice, abi.encodeWithSelector(IntegraSignalV1.NotPayer.selector, alice)
        );
        _expectFailedCall(_forwardRequest(forwarder, ALICE_KEY, address(signal), markPaid));
        _expectFailedCall(_forwardRequest(forwarder, STRANGER_KEY, address(signal), markPaid));

        bytes memory cancel = abi.encodeCall(IntegraSignalV1.cancelPayment, (1));
        _assertInnerRevert(
            address(signal), cancel, bob, abi.encodeWithSelector(IntegraSignalV1.NotRequestor.selector, bob)
        );
        _expectFailedCall(_forwardRequest(forwarder, BOB_KEY, address(signal), cancel));
    }

    /// @dev A deed holder with no ether moves its deed through the forwarder.
    function test_Forwarded_Erc721TransferFromActsForHolder() public {
        uint256 id = _partyHoldsDeed();
        ERC2771Forwarder.ForwardRequestData memory request = _forwardRequest(
            forwarder, PARTY_KEY, address(ownership), abi.encodeCall(IERC721.transferFrom, (party, bob, id))
        );
        vm.expectEmit(true, true, true, true, address(ownership));
        emit IERC721.Transfer(party, bob, id);
        _execute(request);
        assertEq(ownership.ownerOf(id), bob, "ownerOf");
        assertTrue(ownership.isHolder(deed, 1, bob), "bob holds");
        _assertNoTokensFor(relayer);
        _assertNoTokensFor(address(forwarder));
    }

    /// @dev A holder approves through the forwarder: the approval is the holder's, usable by the approved.
    function test_Forwarded_Erc721ApproveActsForHolder() public {
        uint256 id = _partyHoldsDeed();
        ERC2771Forwarder.ForwardRequestData memory request =
            _forwardRequest(forwarder, PARTY_KEY, address(ownership), abi.encodeCall(IERC721.approve, (carol, id)));
        vm.expectEmit(true, true, true, true, address(ownership));
        emit IERC721.Approval(party, carol, id);
        _execute(request);
        assertEq(ownership.getApproved(id), carol, "getApproved");

        vm.prank(carol);
        ownership.transferFrom(party, carol, id);
        assertEq(ownership.ownerOf(id), carol, "carol used the approval");
    }

    /// @dev A stranger's forwarded transfer of the party's deed is the stranger's: ERC721InsufficientApproval.
    function test_RevertWhen_StrangerForwardsErc721Transfer() public {
        uint256 id = _partyHoldsDeed();
        bytes memory data = abi.encodeCall(IERC721.transferFrom, (party, stranger, id));
        _assertInnerRevert(
            address(ownership),
            data,
            stranger,
            abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, stranger, id)
        );
        _expectFailedCall(_forwardRequest(forwarder, STRANGER_KEY, address(ownership), data));
    }

    /// @dev A role holder with no ether moves its role tokens through the forwarder; the operator is the holder.
    function test_Forwarded_Erc1155SafeTransferFromActsForHolder() public {
        uint256 id = _partyHoldsRole();
        ERC2771Forwarder.ForwardRequestData memory request = _forwardRequest(
            forwarder,
            PARTY_KEY,
            address(multiParty),
            abi.encodeCall(IERC1155.safeTransferFrom, (party, bob, id, 3, ""))
        );
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IERC1155.TransferSingle(party, party, bob, id, 3);
        _execute(request);
        assertEq(multiParty.balanceOf(party, id), UNITS - 3, "party keeps the rest");
        assertEq(multiParty.balanceOf(bob, id), 3, "bob");
        _assertNoTokensFor(relayer);
        _assertNoTokensFor(address(forwarder));
    }

    /// @dev setApprovalForAll through the forwarder approves for the holder, and the operator can then move.
    function test_Forwarded_Erc1155SetApprovalForAllActsForHolder() public {
        uint256 id = _partyHoldsRole();
        ERC2771Forwarder.ForwardRequestData memory request = _forwardRequest(
            forwarder, PARTY_KEY, address(multiParty), abi.encodeCall(IERC1155.setApprovalForAll, (carol, true))
        );
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IERC1155.ApprovalForAll(party, carol, true);
        _execute(request);
        assertTrue(multiParty.isApprovedForAll(party, carol), "carol approved by the party");
        assertTrue(!multiParty.isApprovedForAll(relayer, carol), "not by the relayer");
        assertTrue(!multiParty.isApprovedForAll(address(forwarder), carol), "not by the forwarder");

        vm.prank(carol);
        multiParty.safeTransferFrom(party, carol, id, UNITS, "");
        assertEq(multiParty.balanceOf(carol, id), UNITS, "carol used the approval");
    }

    /// @dev A stranger's forwarded ERC-1155 transfer of the party's tokens: ERC1155MissingApprovalForAll.
    function test_RevertWhen_StrangerForwardsErc1155Transfer() public {
        uint256 id = _partyHoldsRole();
        bytes memory data = abi.encodeCall(IERC1155.safeTransferFrom, (party, stranger, id, 1, ""));
        _assertInnerRevert(
            address(multiParty),
            data,
            stranger,
            abi.encodeWithSelector(IERC1155Errors.ERC1155MissingApprovalForAll.selector, stranger, party)
        );
        _expectFailedCall(_forwardRequest(forwarder, STRANGER_KEY, address(multiParty), data));
    }

    /// @dev The owner seals the party set through the forwarder; PartiesSealed is the owner's act.
    function test_Forwarded_OwnerSealsParties() public {
        vm.prank(owner);
        multiParty.reserveToken(deal, ROLE, party, UNITS, PROCESS, "");
        ERC2771Forwarder.ForwardRequestData memory request = _forwardRequest(
            forwarder, OWNER_KEY, address(multiParty), abi.encodeCall(IntegraTokenizerBase.sealParties, (deal))
        );
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.PartiesSealed(deal, PROCESS, 1, block.timestamp);
        _execute(request);
        (bool isSealed, uint256 parties) = multiParty.partySetOf(deal);
        assertTrue(isSealed && parties == 1, "sealed through the forwarder");
    }

    /// @dev A party cannot seal (nor so fix the set early) through the forwarder.
    function test_RevertWhen_PartyForwardsSeal() public {
        vm.prank(owner);
        multiParty.reserveToken(deal, ROLE, party, UNITS, PROCESS, "");
        bytes memory data = abi.encodeCall(IntegraTokenizerBase.sealParties, (deal));
        _assertInnerRevert(
            address(multiParty),
            data,
            party,
            abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, deal, party)
        );
        _expectFailedCall(_forwardRequest(forwarder, PARTY_KEY, address(multiParty), data));
    }

    /// @dev reserveParties answers to the registry's own msg.sender, never to a forwarded signer: even the owner's
    /// signed request reaches it as the forwarder, and is refused.
    function test_RevertWhen_OwnerForwardsReserveParties() public {
        address[] memory recipients = new address[](1);
        recipients[0] = party;
        uint256[] memory amounts = new uint256[](1);
        amounts[0] = 1;
        bytes memory data =
            abi.encodeCall(IntegraTokenizerBase.reserveParties, (deal, _parties(recipients, amounts), owner));
        _assertInnerRevert(
            address(multiParty),
            data,
            owner,
            abi.encodeWithSelector(IntegraTokenizerBase.NotRegistry.selector, address(forwarder))
        );
        _expectFailedCall(_forwardRequest(forwarder, OWNER_KEY, address(multiParty), data));
    }

    /// @dev A role received by transfer gives no standing through the forwarder either: NotParty.
    function test_RevertWhen_TransfereeForwardsRequestPayment() public {
        bytes32 hash = _twoHolders();
        uint256 role1 = multiParty.erc1155IdOf(hash, 1);
        vm.prank(alice);
        multiParty.safeTransferFrom(alice, party, role1, 1, "");
        bytes memory data =
            abi.encodeCall(IntegraSignalV1.requestPayment, (hash, 1, bob, 2, AMOUNT, uint64(block.timestamp + 1 days)));
        _assertInnerRevert(
            address(signal), data, party, abi.encodeWithSelector(IntegraSignalV1.NotParty.selector, party, 1)
        );
        _expectFailedCall(_forwardRequest(forwarder, PARTY_KEY, address(signal), data));
    }

    // ---------------------------------------------------------------- spoofing the ERC-2771 suffix

    /// @dev Appended bytes mean nothing unless msg.sender is the trusted forwarder: the caller stays the caller.
    function test_SpoofedSuffix_ClaimFromNonForwarderStaysCaller() public {
        ERC2771Forwarder.ForwardRequestData memory request = _deedClaimRequest();
        vm.prank(stranger);
        (bool ok, bytes memory ret) = address(ownership).call(abi.encodePacked(request.data, party));
        assertTrue(!ok, "spoofed claim reverts");
        assertEq(
            ret,
            abi.encodeWithSelector(IntegraTokenizerBase.NotAttestationRecipient.selector, party, stranger),
            "the stranger is the claimant"
        );
    }

    /// @dev A stranger appending the owner's address is still the stranger; the owner appending a stranger's is
    /// still the owner (the extra bytes are ignored by ABI decoding).
    function test_SpoofedSuffix_ReserveFromNonForwarderStaysCaller() public {
        bytes memory data = abi.encodeCall(IntegraTokenizerBase.reserveToken, (deed, 1, party, 1, PROCESS, ""));
        vm.prank(stranger);
        (bool ok, bytes memory ret) = address(ownership).call(abi.encodePacked(data, owner));
        assertTrue(!ok, "spoofed reserve reverts");
        assertEq(
            ret, abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, deed, stranger), "stranger"
        );

        vm.expectEmit(true, true, true, true, address(ownership));
        emit IntegraTokenizerBase.TokenReserved(deed, PROCESS, party, 1, 1, owner, "", block.timestamp);
        vm.prank(owner);
        (ok,) = address(ownership).call(abi.encodePacked(data, stranger));
        assertTrue(ok, "owner's call with a suffix succeeds as the owner");
    }

    /// @dev Appending the holder's address to a direct ERC-721 transfer does not make the caller the holder.
    function test_SpoofedSuffix_Erc721TransferFromNonForwarderStaysCaller() public {
        uint256 id = _partyHoldsDeed();
        vm.prank(stranger);
        (bool ok, bytes memory ret) = address(ownership)
            .call(abi.encodePacked(abi.encodeCall(IERC721.transferFrom, (party, stranger, id)), party));
        assertTrue(!ok, "spoofed transfer reverts");
        assertEq(
            ret, abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, stranger, id), "stranger"
        );
    }

    /// @dev Same for ERC-1155 transfers and approvals.
    function test_SpoofedSuffix_Erc1155FromNonForwarderStaysCaller() public {
        uint256 id = _partyHoldsRole();
        vm.prank(stranger);
        (bool ok, bytes memory ret) = address(multiParty)
            .call(abi.encodePacked(abi.encodeCall(IERC1155.safeTransferFrom, (party, stranger, id, 1, "")), party));
        assertTrue(!ok, "spoofed transfer reverts");
        assertEq(
            ret,
            abi.encodeWithSelector(IERC1155Errors.ERC1155MissingApprovalForAll.selector, stranger, party),
            "stranger"
        );

        vm.prank(stranger);
        (ok,) = address(multiParty)
            .call(abi.encodePacked(abi.encodeCall(IERC1155.setApprovalForAll, (stranger, true)), party));
        assertTrue(ok, "the stranger may approve for itself");
        assertTrue(multiParty.isApprovedForAll(stranger, stranger), "approval is the stranger's");
        assertTrue(!multiParty.isApprovedForAll(party, stranger), "not the party's");
        assertEq(multiParty.balanceOf(party, id), UNITS, "party still holds");
    }

    /// @dev Same for payment signals.
    function test_SpoofedSuffix_SignalFromNonForwarderStaysCaller() public {
        bytes32 hash = _twoHolders();
        vm.prank(alice);
        signal.requestPayment(hash, 1, bob, 2, AMOUNT, uint64(block.timestamp + 1 days));
        vm.prank(stranger);
        (bool ok, bytes memory ret) =
            address(signal).call(abi.encodePacked(abi.encodeCall(IntegraSignalV1.markPaid, (1, RECEIPT)), bob));
        assertTrue(!ok, "spoofed markPaid reverts");
        assertEq(ret, abi.encodeWithSelector(IntegraSignalV1.NotPayer.selector, stranger), "stranger");
    }

    /// @dev A suffix hidden inside a signed request changes nothing: the forwarder appends the signer after it,
    /// and the last 20 bytes are what count.
    function test_SpoofedSuffix_InsideARequestIsIgnored() public {
        bytes memory data = abi.encodePacked(
            abi.encodeCall(IntegraTokenizerBase.reserveToken, (deed, 1, stranger, 1, PROCESS, "")), owner
        );
        _assertInnerRevert(
            address(ownership),
            data,
            stranger,
            abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, deed, stranger)
        );
        _expectFailedCall(_forwardRequest(forwarder, STRANGER_KEY, address(ownership), data));
    }

    /// @dev A stranger's signed reserve whose role ends in the owner's address is still the stranger's: the
    /// forwarder appends the signer after the role, so the role never supplies the last 20 bytes.
    function test_RevertWhen_ForwardedOwnerShapedRoleFromAStranger() public {
        string memory ownerShaped = string(abi.encodePacked(bytes12(0), owner));
        bytes memory data =
            abi.encodeCall(IntegraTokenizerBase.reserveToken, (deal, 1, stranger, 1, PROCESS, ownerShaped));
        _assertInnerRevert(
            address(multiParty),
            data,
            stranger,
            abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, deal, stranger)
        );
        _expectFailedCall(_forwardRequest(forwarder, STRANGER_KEY, address(multiParty), data));
    }

    // ---------------------------------------------------------------- the forwarder calling without a request

    /// @dev OZ semantics: whatever the trusted forwarder sends, its last 20 bytes are the sender. A direct call with
    /// no suffix is read as sent by the low 20 bytes of its calldata's last word: for reserveToken, the encoded role
    /// (an empty role ends with its length, 0, so the zero address). That is why only a signed request (to which the
    /// forwarder always appends `from`) can reach the tokenizers: the forwarder has no other entry.
    function test_ForwarderDirectCall_LastTwentyBytesAreTheSender() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, deed, address(0)));
        vm.prank(address(forwarder));
        ownership.reserveToken(deed, 1, party, 1, PROCESS, "");
    }

    /// @dev The same with calldata whose last 20 bytes are the owner's address (a 32-byte role ending in it): the
    /// trusted forwarder is read as the owner, so the call gets past the authority check to the role's own check
    /// (its zero padding is not printable); a cancel whose token id is shaped like the owner shows it again.
    function test_ForwarderDirectCall_OwnerShapedLastArgumentReadsAsOwner() public {
        string memory ownerShapedRole = string(abi.encodePacked(bytes12(0), owner));
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleNotPrintable.selector, 0));
        vm.prank(address(forwarder));
        ownership.reserveToken(deed, 1, party, 1, PROCESS, ownerShapedRole);

        uint256 ownerShapedId = uint256(uint160(owner));
        vm.prank(owner);
        multiParty.reserveToken(deal, ownerShapedId, party, 1, PROCESS, "");
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.ReservationCancelled(deal, PROCESS, party, ownerShapedId, owner, block.timestamp);
        vm.prank(address(forwarder));
        multiParty.cancelReservation(deal, ownerShapedId);
    }

    /// @dev Calldata shorter than the 20-byte suffix (empty, or a bare selector) reaches no function: the
    /// tokenizers and signals have no fallback or receive, and every state-changing function takes arguments.
    function test_ForwarderDirectCall_ShortCalldataReverts() public {
        address[3] memory targets = [address(ownership), address(multiParty), address(signal)];
        for (uint256 i; i < targets.length; ++i) {
            vm.prank(address(forwarder));
            (bool ok, bytes memory ret) = targets[i].call("");
            assertTrue(!ok && ret.length == 0, "empty calldata");
        }
        vm.prank(address(forwarder));
        (bool okCancel,) = address(ownership).call(abi.encodePacked(IntegraTokenizerBase.cancelReservation.selector));
        assertTrue(!okCancel, "bare selector");
        vm.prank(address(forwarder));
        (bool okApprove,) = address(multiParty).call(abi.encodePacked(IERC1155.setApprovalForAll.selector, party));
        assertTrue(!okApprove, "selector and 20 bytes");
        assertTrue(!multiParty.isApprovedForAll(address(forwarder), party), "no approval by the forwarder");
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev Any party key, any token id and amount, any submitter: a forwarded claim mints to the signer only.
    function testFuzz_ForwardedClaim_MintsToSignerNeverSubmitter(
        uint256 partyKey,
        uint256 tokenSeed,
        uint256 amountSeed,
        address submitter,
        bool onDeed
    ) public {
        partyKey = bound(partyKey, 1, SECP256K1_ORDER - 1);
        address signer = vm.addr(partyKey);
        vm.assume(submitter != signer && submitter != address(vm));
        IntegraTokenizerBase tokenizer = onDeed ? IntegraTokenizerBase(ownership) : IntegraTokenizerBase(multiParty);
        bytes32 hash = onDeed ? deed : deal;
        uint256 tokenId = onDeed ? 1 : bound(tokenSeed, 1, type(uint256).max);
        uint256 amount = onDeed ? 1 : bound(amountSeed, 1, type(uint88).max);

        _forwardClaim(partyKey, tokenizer, hash, tokenId, amount, submitter);

        assertTrue(tokenizer.isHolder(hash, tokenId, signer), "signer holds");
        assertTrue(!tokenizer.isHolder(hash, tokenId, submitter), "submitter does not");
        assertTrue(!tokenizer.isHolder(hash, tokenId, address(forwarder)), "forwarder does not");
        if (onDeed) {
            assertEq(ownership.ownerOf(ownership.erc721IdOf(hash)), signer, "ownerOf");
            // ERC-721 balanceOf(0) reverts; isHolder above already covers a zero submitter.
            if (submitter != address(0)) assertEq(ownership.balanceOf(submitter), 0, "submitter balance");
        } else {
            uint256 id = multiParty.erc1155IdOf(hash, tokenId);
            assertEq(multiParty.balanceOf(signer, id), amount, "signer balance");
            assertEq(multiParty.balanceOf(submitter, id), 0, "submitter balance");
        }
        assertEq(signer.balance, 0, "signer spent no ether");
        assertEq(forwarder.nonces(signer), 1, "signer nonce");
    }

    function _forwardClaim(
        uint256 partyKey,
        IntegraTokenizerBase tokenizer,
        bytes32 hash,
        uint256 tokenId,
        uint256 amount,
        address submitter
    ) internal {
        address signer = vm.addr(partyKey);
        vm.prank(owner);
        tokenizer.reserveToken(hash, tokenId, signer, amount, PROCESS, "");
        (bool isSealed,) = tokenizer.partySetOf(hash);
        if (!isSealed) {
            // a multi-party record: fix its set of one role, since no token can be claimed before the seal
            vm.prank(owner);
            tokenizer.sealParties(hash);
        }
        bytes32 uid = _attestClaim(signer, hash, tokenId);
        ERC2771Forwarder.ForwardRequestData memory request =
            _forwardRequest(forwarder, partyKey, address(tokenizer), _claimCall(hash, tokenId, uid));
        vm.expectEmit(true, true, true, true, address(tokenizer));
        emit IntegraTokenizerBase.TokenClaimed(hash, PROCESS, signer, tokenId, amount, uid, block.timestamp);
        vm.prank(submitter);
        forwarder.execute(request);
    }

    // ---------------------------------------------------------------- bytes

    function _slice(bytes memory data, uint256 start, uint256 length) internal pure returns (bytes memory out) {
        out = new bytes(length);
        for (uint256 i; i < length; ++i) {
            out[i] = data[start + i];
        }
    }
}
