// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";
import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {EscrowFixture} from "../utils/EscrowFixture.sol";
import {ForwardRequestSigner} from "../utils/ForwardRequestSigner.sol";
import {
    FeeOnTransferToken, BlocklistToken, RefusingReceiver, ReturnBombReceiver, GasBurningReceiver
} from "../utils/EscrowTokens.sol";
import {IntegraEscrowV1} from "../../src/escrow/IntegraEscrowV1.sol";
import {IntegraSignalV1} from "../../src/IntegraSignalV1.sol";
import {IArbitrable} from "../../src/interfaces/IArbitrable.sol";
import {IArbitrator} from "../../src/interfaces/IArbitrator.sol";

/// @notice A misbehaving ERC-792 arbitrator: every dispute it creates gets the same id.
contract IdReusingArbitrator {
    uint256 public constant DISPUTE_ID = 7;

    function createDispute(uint256, bytes calldata) external payable returns (uint256) {
        return DISPUTE_ID;
    }
}

contract IntegraEscrowV1Test is EscrowFixture, ForwardRequestSigner {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    /// @dev A complete three-party record: alice holds token 1, bob token 2, carol token 3.
    bytes32 internal record;

    function setUp() public override {
        super.setUp();
        record = _escrowRecord();
    }

    // ---------------------------------------------------------------- helpers

    /// @dev A three-party record where alice and bob claimed and carol's token 3 is still only reserved.
    function _incompleteRecord() internal returns (bytes32 integraHash) {
        integraHash = _threePartyRecord();
        _claim(multiParty, alice, integraHash, 1);
        _claim(multiParty, bob, integraHash, 2);
    }

    /// @dev A complete three-party record like `record`, but bob's payee token 2 has two units, so it can be split.
    function _splittablePayeeRecord() internal returns (bytes32 integraHash) {
        (address[] memory recipients, uint256[] memory amounts) = _threeParties();
        amounts[1] = 2;
        integraHash = _registerWithParties(address(multiParty), recipients, amounts);
        _claim(multiParty, alice, integraHash, 1);
        _claim(multiParty, bob, integraHash, 2);
        _claim(multiParty, carol, integraHash, 3);
    }

    function _transferRoleUnits(bytes32 integraHash, uint256 tokenId, address from, address to, uint256 units)
        internal
    {
        uint256 id = multiParty.erc1155IdOf(integraHash, tokenId);
        vm.prank(from);
        multiParty.safeTransferFrom(from, to, id, units, "");
    }

    function _expectNothingOwed(uint256 escrowId, address account) internal {
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NothingOwed.selector, escrowId, account));
        vm.prank(account);
        escrow.withdraw(escrowId);
    }

    function _tokenIds(uint16 a) internal pure returns (uint16[] memory ids) {
        ids = new uint16[](1);
        ids[0] = a;
    }

    function _tokenIds(uint16 a, uint16 b) internal pure returns (uint16[] memory ids) {
        ids = new uint16[](2);
        (ids[0], ids[1]) = (a, b);
    }

    function _tokenIds(uint16 a, uint16 b, uint16 c) internal pure returns (uint16[] memory ids) {
        ids = new uint16[](3);
        (ids[0], ids[1], ids[2]) = (a, b, c);
    }

    /// @dev Default terms on `record` with the condition "carol (token 3) approves" instead of completion.
    function _approvalTerms(bytes32 integraHash) internal view returns (IntegraEscrowV1.Terms memory terms) {
        terms = _terms(integraHash);
        terms.agreementComplete = false;
        terms.approverTokenIds = _tokenIds(THIRD_TOKEN);
        terms.approvalsRequired = 1;
    }

    /// @dev Default terms in ether.
    function _etherTerms(bytes32 integraHash) internal view returns (IntegraEscrowV1.Terms memory terms) {
        terms = _terms(integraHash);
        terms.asset = address(0);
        terms.amount = 10 ether;
    }

    /// @dev Default terms whose only condition is an inspection attested by `inspector`.
    function _attestationTerms(bytes32 integraHash) internal view returns (IntegraEscrowV1.Terms memory terms) {
        terms = _terms(integraHash);
        terms.agreementComplete = false;
        terms.attester = inspector;
        terms.attestationSchema = conditionSchema;
    }

    function _expectWrongStatus(uint256 escrowId, IntegraEscrowV1.EscrowStatus status) internal {
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.WrongStatus.selector, escrowId, status));
    }

    function _expectAttestationFault(bytes32 uid, IntegraEscrowV1.AttestationFault fault) internal {
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.AttestationNotAccepted.selector, uid, fault));
    }

    function _expectOpenRevert(IntegraEscrowV1.Terms memory terms, bytes memory revertData) internal {
        vm.expectRevert(revertData);
        vm.prank(owner);
        escrow.open(terms);
    }

    /// @dev bob (token 2) asks alice (token 1) for a payment on `integraHash`.
    function _requestPayment(bytes32 integraHash) internal returns (uint64 paymentId) {
        vm.prank(bob);
        paymentId = uint64(signal.requestPayment(integraHash, 2, alice, 1, hex"a1b2", uint64(block.timestamp + 60 days)));
    }

    function _markPaid(uint64 paymentId) internal {
        vm.prank(alice);
        signal.markPaid(paymentId, "");
    }

    function _transferRoleToken(bytes32 integraHash, uint256 tokenId, address from, address to) internal {
        uint256 id = multiParty.erc1155IdOf(integraHash, tokenId);
        vm.prank(from);
        multiParty.safeTransferFrom(from, to, id, 1, "");
    }

    /// @dev An ERC-2612 permit by `key`'s address letting the escrow take `value` of tUSD.
    function _signPermit(uint256 key, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        address holder = vm.addr(key);
        bytes32 structHash =
            keccak256(abi.encode(PERMIT_TYPEHASH, holder, address(escrow), value, usd.nonces(holder), deadline));
        return vm.sign(key, keccak256(abi.encodePacked(hex"1901", usd.DOMAIN_SEPARATOR(), structHash)));
    }

    /// @dev `key`'s address has `data` called on the escrow through the forwarder; `keeper` relays it.
    function _forward(uint256 key, bytes memory data) internal {
        ERC2771Forwarder.ForwardRequestData memory request = _forwardRequest(forwarder, key, address(escrow), data);
        vm.prank(keeper);
        forwarder.execute(request);
    }

    // ---------------------------------------------------------------- open

    function test_Open_StoresTheTermsAndEmitsEscrowOpened() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.approverTokenIds = _tokenIds(3, 1);
        terms.approvalsRequired = 2;
        terms.attester = inspector;
        terms.attestationSchema = conditionSchema;
        terms.paymentId = _requestPayment(record);

        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.EscrowOpened(
            record,
            PROCESS,
            1,
            address(usd),
            AMOUNT,
            PAYER_TOKEN,
            PAYEE_TOKEN,
            terms.refundAfter,
            address(arbitrator),
            owner,
            block.timestamp
        );
        uint256 escrowId = _open(terms);

        assertEq(escrowId, 1, "first id");
        assertEq(escrow.escrowCount(), 1, "count");
        IntegraEscrowV1.Escrow memory e = escrow.getEscrow(escrowId);
        assertEq(e.asset, address(usd), "asset");
        assertEq(e.amount, AMOUNT, "amount");
        assertEq(e.refundAfter, terms.refundAfter, "refundAfter");
        assertEq(uint256(e.status), uint256(IntegraEscrowV1.EscrowStatus.Open), "status");
        assertEq(e.agreementComplete, true, "agreementComplete");
        assertEq(e.approvalsRequired, 2, "approvalsRequired");
        assertEq(e.approverCount, 2, "approverCount");
        assertEq(e.splitPayeeBps, SPLIT_BPS, "split");
        assertEq(e.payerTokenId, PAYER_TOKEN, "payer token");
        assertEq(e.payeeTokenId, PAYEE_TOKEN, "payee token");
        assertEq(e.paymentId, terms.paymentId, "paymentId");
        assertEq(e.integraHash, record, "integraHash");
        assertEq(e.processHash, PROCESS, "processHash");
        assertEq(e.arbitrator, address(arbitrator), "arbitrator");
        assertEq(e.attester, inspector, "attester");
        assertEq(e.attestationSchema, conditionSchema, "schema");
        (uint256[] memory ids, bool[] memory approved) = escrow.approversOf(escrowId);
        assertEq(ids.length, 2, "two approvers");
        assertEq(ids[0], 3, "first approver");
        assertEq(ids[1], 1, "second approver");
        assertTrue(!approved[0] && !approved[1], "none approved");
        (address payer, address payee) = escrow.partiesOf(escrowId);
        assertEq(payer, alice, "payer");
        assertEq(payee, bob, "payee");
    }

    function test_Open_ByTheAcceptedExecutor() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.EscrowOpened(
            record, PROCESS, 1, address(usd), AMOUNT, 1, 2, terms.refundAfter, address(arbitrator), executor, block.timestamp
        );
        vm.prank(executor);
        uint256 escrowId = escrow.open(terms);
        assertEq(_status(escrowId), uint256(IntegraEscrowV1.EscrowStatus.Open), "open");
    }

    function test_Open_WithoutArbitratorOrAttestation() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.arbitrator = address(0);
        IntegraEscrowV1.Escrow memory e = escrow.getEscrow(_open(terms));
        assertEq(e.arbitrator, address(0), "no arbitrator");
        assertEq(e.attester, address(0), "no attester");
        assertEq(e.approverCount, 0, "no approvers");
    }

    function test_Open_AcceptsTheLatestRefundTime() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.refundAfter = uint40(block.timestamp + escrow.MAX_DURATION());
        assertEq(escrow.getEscrow(_open(terms)).refundAfter, terms.refundAfter, "stored");
    }

    function test_Open_AcceptsSixteenApprovers() public {
        address[] memory recipients = new address[](16);
        uint256[] memory amounts = new uint256[](16);
        uint16[] memory ids = new uint16[](16);
        for (uint256 i; i < 16; ++i) {
            recipients[i] = vm.addr(0x100 + i);
            amounts[i] = 1;
            ids[i] = uint16(16 - i);
        }
        bytes32 big = _registerWithParties(address(multiParty), recipients, amounts);
        IntegraEscrowV1.Terms memory terms = _terms(big);
        terms.agreementComplete = false;
        terms.approverTokenIds = ids;
        terms.approvalsRequired = 16;
        (uint256[] memory stored,) = escrow.approversOf(_open(terms));
        assertEq(stored.length, 16, "sixteen");
        assertEq(stored[0], 16, "first");
        assertEq(stored[15], 1, "last");
    }

    function test_RevertWhen_OpenedByAStranger() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NotOwnerOrExecutor.selector, record, stranger));
        vm.prank(stranger);
        escrow.open(_terms(record));
    }

    function test_RevertWhen_OpenedByAParty() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NotOwnerOrExecutor.selector, record, alice));
        vm.prank(alice);
        escrow.open(_terms(record));
    }

    function test_RevertWhen_RecordIsBoundToAnotherTokenizer() public {
        bytes32 foreign = _register(address(usd));
        _expectOpenRevert(
            _terms(foreign), abi.encodeWithSelector(IntegraEscrowV1.NotAMultiPartyRecord.selector, foreign, address(usd))
        );
    }

    function test_RevertWhen_RecordHasNoTokenizer() public {
        bytes32 bare = _register(address(0));
        _expectOpenRevert(
            _terms(bare), abi.encodeWithSelector(IntegraEscrowV1.NotAMultiPartyRecord.selector, bare, address(0))
        );
    }

    function test_RevertWhen_AmountIsZero() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.amount = 0;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.ZeroAmount.selector));
    }

    function test_RevertWhen_AssetIsNotAContract() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.asset = stranger;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.NotAContract.selector, stranger));
    }

    function test_RevertWhen_RefundTimeIsNow() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.refundAfter = uint40(block.timestamp);
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.RefundTimeInPast.selector, terms.refundAfter));
    }

    function test_RevertWhen_RefundTimeIsBeyondTheMaximumDuration() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        uint256 latest = block.timestamp + escrow.MAX_DURATION();
        terms.refundAfter = uint40(latest + 1);
        _expectOpenRevert(
            terms, abi.encodeWithSelector(IntegraEscrowV1.RefundTimeTooFar.selector, terms.refundAfter, latest)
        );
    }

    function test_RevertWhen_PayerAndPayeeAreTheSameToken() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.payeeTokenId = PAYER_TOKEN;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.SamePayerAndPayee.selector, PAYER_TOKEN));
    }

    function test_RevertWhen_PayerTokenIsZero() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.payerTokenId = 0;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.UnknownPartyToken.selector, record, 0));
    }

    function test_RevertWhen_PayeeTokenIsNotReserved() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.payeeTokenId = 4;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.UnknownPartyToken.selector, record, 4));
    }

    function test_RevertWhen_PayeeReservationWasCancelled() public {
        bytes32 draft = _register(address(multiParty));
        vm.startPrank(owner);
        multiParty.reserveToken(draft, 1, alice, 1, PROCESS, "");
        multiParty.reserveToken(draft, 2, bob, 1, PROCESS, "");
        multiParty.cancelReservation(draft, 2);
        vm.stopPrank();
        _expectOpenRevert(_terms(draft), abi.encodeWithSelector(IntegraEscrowV1.UnknownPartyToken.selector, draft, 2));
    }

    /// @dev An ownership record has one token: it is an official record, but names no second party to pay.
    function test_RevertWhen_RecordIsAnOwnershipRecord() public {
        bytes32 deed = _register(address(ownership));
        vm.prank(owner);
        ownership.reserveToken(deed, 1, alice, 1, PROCESS, "");
        _expectOpenRevert(
            _terms(deed), abi.encodeWithSelector(IntegraEscrowV1.NotAMultiPartyRecord.selector, deed, address(ownership))
        );
    }

    function test_RevertWhen_ApproverTokenIsNotReserved() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.approverTokenIds = _tokenIds(3, 9);
        terms.approvalsRequired = 1;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.UnknownPartyToken.selector, record, 9));
    }

    function test_RevertWhen_MoreApproversThanTheMaximum() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.approverTokenIds = new uint16[](17);
        terms.approvalsRequired = 1;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.TooManyApprovers.selector, 17, 16));
    }

    function test_RevertWhen_AnApproverIsNamedTwice() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.approverTokenIds = _tokenIds(3, 1, 3);
        terms.approvalsRequired = 1;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.DuplicateApprover.selector, 3));
    }

    function test_RevertWhen_MoreApprovalsRequiredThanApprovers() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.approverTokenIds = _tokenIds(1, 3);
        terms.approvalsRequired = 3;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.BadApprovalThreshold.selector, 3, 2));
    }

    function test_RevertWhen_ApproversButNoApprovalRequired() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.approverTokenIds = _tokenIds(1, 3);
        terms.approvalsRequired = 0;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.BadApprovalThreshold.selector, 0, 2));
    }

    function test_RevertWhen_ApprovalsRequiredWithoutApprovers() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.approvalsRequired = 1;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.BadApprovalThreshold.selector, 1, 0));
    }

    function test_RevertWhen_AttesterWithoutSchema() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.attester = inspector;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.IncompleteAttestationCondition.selector));
    }

    function test_RevertWhen_SchemaWithoutAttester() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.attestationSchema = conditionSchema;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.IncompleteAttestationCondition.selector));
    }

    function test_RevertWhen_PaymentBelongsToAnotherRecord() public {
        bytes32 other = _escrowRecord();
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.paymentId = _requestPayment(other);
        _expectOpenRevert(
            terms, abi.encodeWithSelector(IntegraEscrowV1.PaymentOfOtherRecord.selector, terms.paymentId, record)
        );
    }

    function test_RevertWhen_PaymentDoesNotExist() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.paymentId = 99;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraSignalV1.PaymentNotFound.selector, 99));
    }

    function test_RevertWhen_NoConditions() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.agreementComplete = false;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.NoConditions.selector));
    }

    function test_RevertWhen_SplitIsAboveAllOfIt() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.splitPayeeBps = 10_001;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.SplitTooLarge.selector, 10_001));
    }

    function test_RevertWhen_ArbitratorIsNotAContract() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.arbitrator = judge;
        _expectOpenRevert(terms, abi.encodeWithSelector(IntegraEscrowV1.NotAContract.selector, judge));
    }

    // ---------------------------------------------------------------- deposit

    function test_Deposit_PullsTheErc20AmountFromThePayer() public {
        uint256 escrowId = _open(_terms(record));
        usd.mint(alice, AMOUNT);
        vm.prank(alice);
        usd.approve(address(escrow), AMOUNT);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.EscrowFunded(record, PROCESS, escrowId, alice, AMOUNT, block.timestamp);
        vm.prank(alice);
        escrow.deposit(escrowId);
        assertEq(usd.balanceOf(address(escrow)), AMOUNT, "escrow holds it");
        assertEq(usd.balanceOf(alice), 0, "payer paid");
        assertEq(_status(escrowId), uint256(IntegraEscrowV1.EscrowStatus.Funded), "funded");
    }

    function test_Deposit_Ether() public {
        uint256 escrowId = _open(_etherTerms(record));
        vm.deal(alice, 10 ether);
        vm.prank(alice);
        escrow.deposit{value: 10 ether}(escrowId);
        assertEq(address(escrow).balance, 10 ether, "escrow holds it");
        assertEq(_status(escrowId), uint256(IntegraEscrowV1.EscrowStatus.Funded), "funded");
    }

    function test_DepositWithPermit_ThroughTheForwarderByAPayerWithNoEther() public {
        uint256 escrowId = _open(_terms(record));
        vm.deal(alice, 0);
        usd.mint(alice, AMOUNT);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, AMOUNT, deadline);

        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.EscrowFunded(record, PROCESS, escrowId, alice, AMOUNT, block.timestamp);
        _forward(ALICE_KEY, abi.encodeCall(escrow.depositWithPermit, (escrowId, deadline, v, r, s)));

        assertEq(usd.balanceOf(address(escrow)), AMOUNT, "escrow holds it");
        assertEq(usd.balanceOf(alice), 0, "payer paid");
        assertEq(alice.balance, 0, "payer spent no ether");
        assertEq(usd.nonces(alice), 1, "permit used");
        assertEq(_status(escrowId), uint256(IntegraEscrowV1.EscrowStatus.Funded), "funded");
    }

    function test_DepositWithPermit_TakesTheAllowanceOfAPermitSubmittedFirst() public {
        uint256 escrowId = _open(_terms(record));
        usd.mint(alice, AMOUNT);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, AMOUNT, deadline);
        vm.prank(stranger);
        usd.permit(alice, address(escrow), AMOUNT, deadline, v, r, s);

        vm.prank(alice);
        escrow.depositWithPermit(escrowId, deadline, v, r, s);
        assertEq(usd.balanceOf(address(escrow)), AMOUNT, "escrow holds it");
    }

    function test_RevertWhen_DepositWithPermitHasABadSignature() public {
        uint256 escrowId = _open(_terms(record));
        usd.mint(alice, AMOUNT);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(BOB_KEY, AMOUNT, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), 0, AMOUNT)
        );
        vm.prank(alice);
        escrow.depositWithPermit(escrowId, deadline, v, r, s);
    }

    function test_RevertWhen_DepositWithPermitIntoAnEtherEscrow() public {
        uint256 escrowId = _open(_etherTerms(record));
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.PermitNeedsAToken.selector, escrowId));
        vm.prank(alice);
        escrow.depositWithPermit(escrowId, block.timestamp + 1 hours, 27, bytes32(0), bytes32(0));
        assertEq(_status(escrowId), uint256(IntegraEscrowV1.EscrowStatus.Open), "still open");
    }

    function test_RevertWhen_DepositToAnUnknownEscrow() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.EscrowNotFound.selector, 7));
        vm.prank(alice);
        escrow.deposit(7);
    }

    function test_RevertWhen_DepositWithPermitToAnUnknownEscrow() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.EscrowNotFound.selector, 7));
        vm.prank(alice);
        escrow.depositWithPermit(7, block.timestamp, 27, bytes32(0), bytes32(0));
    }

    function test_RevertWhen_DepositTwice() public {
        uint256 escrowId = _openFunded(_terms(record));
        usd.mint(alice, AMOUNT);
        vm.prank(alice);
        usd.approve(address(escrow), AMOUNT);
        _expectWrongStatus(escrowId, IntegraEscrowV1.EscrowStatus.Funded);
        vm.prank(alice);
        escrow.deposit(escrowId);
    }

    function test_RevertWhen_DepositAtTheRefundTime() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        uint256 escrowId = _open(terms);
        vm.warp(terms.refundAfter);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraEscrowV1.RefundTimeReached.selector, escrowId, terms.refundAfter)
        );
        vm.prank(alice);
        escrow.deposit(escrowId);
    }

    function test_RevertWhen_DepositByTheHolderOfAnotherToken() public {
        uint256 escrowId = _open(_terms(record));
        usd.mint(bob, AMOUNT);
        vm.prank(bob);
        usd.approve(address(escrow), AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NotPayer.selector, bob));
        vm.prank(bob);
        escrow.deposit(escrowId);
    }

    function test_RevertWhen_DepositByAClaimantWhoGaveThePayerTokenAway() public {
        uint256 escrowId = _open(_terms(record));
        _transferRoleToken(record, PAYER_TOKEN, alice, stranger);
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NotPayer.selector, alice));
        vm.prank(alice);
        escrow.deposit(escrowId);
        _fund(escrowId);
        assertEq(usd.balanceOf(address(escrow)), AMOUNT, "the new holder paid");
    }

    function test_RevertWhen_EtherDepositIsNotTheAmount() public {
        uint256 escrowId = _open(_etherTerms(record));
        vm.deal(alice, 10 ether);
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.WrongValue.selector, 9 ether, 10 ether));
        vm.prank(alice);
        escrow.deposit{value: 9 ether}(escrowId);
    }

    function test_RevertWhen_Erc20DepositSendsEther() public {
        uint256 escrowId = _open(_terms(record));
        usd.mint(alice, AMOUNT);
        vm.prank(alice);
        usd.approve(address(escrow), AMOUNT);
        vm.deal(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.WrongValue.selector, 1, 0));
        vm.prank(alice);
        escrow.deposit{value: 1}(escrowId);
    }

    function test_RevertWhen_FeeOnTransferTokenDeliversLessThanTheAmount() public {
        FeeOnTransferToken fee = new FeeOnTransferToken();
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.asset = address(fee);
        uint256 escrowId = _open(terms);
        fee.mint(alice, AMOUNT);
        vm.prank(alice);
        fee.approve(address(escrow), AMOUNT);
        uint256 received = AMOUNT - AMOUNT * fee.FEE_BPS() / 10_000;
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.ShortDeposit.selector, received, AMOUNT));
        vm.prank(alice);
        escrow.deposit(escrowId);
    }

    // ---------------------------------------------------------------- approvals

    function test_ApproveRelease_KOfNThroughTheForwarder() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.agreementComplete = false;
        terms.approverTokenIds = _tokenIds(1, 2, 3);
        terms.approvalsRequired = 2;
        uint256 escrowId = _openFunded(terms);
        vm.deal(carol, 0);
        vm.deal(alice, 0);

        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.ReleaseApproved(record, PROCESS, escrowId, carol, 3, 1, block.timestamp);
        _forward(CAROL_KEY, abi.encodeCall(escrow.approveRelease, (escrowId, 3)));
        (,,,, bool allHold) = escrow.checkConditions(escrowId, bytes32(0));
        assertTrue(!allHold, "one of two");

        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.ReleaseApproved(record, PROCESS, escrowId, alice, 1, 2, block.timestamp);
        _forward(ALICE_KEY, abi.encodeCall(escrow.approveRelease, (escrowId, 1)));

        (uint256[] memory ids, bool[] memory approved) = escrow.approversOf(escrowId);
        assertEq(ids.length, 3, "three approvers");
        assertTrue(approved[0] && !approved[1] && approved[2], "alice and carol");
        uint256 approvals;
        (, approvals,,, allHold) = escrow.checkConditions(escrowId, bytes32(0));
        assertEq(approvals, 2, "two approvals");
        assertTrue(allHold, "two of three");

        vm.prank(keeper);
        escrow.release(escrowId, bytes32(0));
        assertEq(usd.balanceOf(bob), AMOUNT, "payee paid");
    }

    function test_ApproveRelease_CountsBeforeTheDeposit() public {
        uint256 escrowId = _open(_approvalTerms(record));
        _approveRelease(escrowId, THIRD_TOKEN, carol);
        _fund(escrowId);
        vm.prank(keeper);
        escrow.release(escrowId, bytes32(0));
        assertEq(usd.balanceOf(bob), AMOUNT, "payee paid");
    }

    function test_ApproveRelease_CountsWhileDisputed() public {
        uint256 escrowId = _openFunded(_approvalTerms(record));
        _dispute(escrowId, alice);
        _approveRelease(escrowId, THIRD_TOKEN, carol);
        (, bool[] memory approved) = escrow.approversOf(escrowId);
        assertTrue(approved[0], "approved");
    }

    function test_RevertWhen_ApproveOnAnUnknownEscrow() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.EscrowNotFound.selector, 7));
        _approveRelease(7, THIRD_TOKEN, carol);
    }

    function test_RevertWhen_ApproveWithATokenThatIsNotAnApprover() public {
        uint256 escrowId = _openFunded(_approvalTerms(record));
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NotApprover.selector, escrowId, 2));
        _approveRelease(escrowId, 2, bob);
    }

    function test_RevertWhen_ApproveTwice() public {
        uint256 escrowId = _openFunded(_approvalTerms(record));
        _approveRelease(escrowId, THIRD_TOKEN, carol);
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.AlreadyApproved.selector, escrowId, 3));
        _approveRelease(escrowId, THIRD_TOKEN, carol);
    }

    function test_RevertWhen_ApproveByAnAccountNotHoldingTheToken() public {
        uint256 escrowId = _openFunded(_approvalTerms(record));
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NotHolder.selector, stranger, 3));
        _approveRelease(escrowId, THIRD_TOKEN, stranger);
    }

    function test_RevertWhen_ApproveByAClaimantWhoGaveTheTokenAway() public {
        uint256 escrowId = _openFunded(_approvalTerms(record));
        _transferRoleToken(record, THIRD_TOKEN, carol, stranger);
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NotHolder.selector, carol, 3));
        _approveRelease(escrowId, THIRD_TOKEN, carol);
        _approveRelease(escrowId, THIRD_TOKEN, stranger);
    }

    function test_RevertWhen_ApproveAfterRelease() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.approverTokenIds = _tokenIds(3);
        terms.approvalsRequired = 1;
        terms.agreementComplete = false;
        terms.paymentId = _requestPayment(record);
        uint256 escrowId = _openFunded(terms);
        _approveRelease(escrowId, THIRD_TOKEN, carol);
        _markPaid(terms.paymentId);
        vm.prank(keeper);
        escrow.release(escrowId, bytes32(0));
        _expectWrongStatus(escrowId, IntegraEscrowV1.EscrowStatus.Released);
        _approveRelease(escrowId, THIRD_TOKEN, carol);
    }

    // ---------------------------------------------------------------- release

    function test_Release_PaysTheHolderOfThePayeeToken() public {
        uint256 escrowId = _openFunded(_terms(record));
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.EscrowReleased(record, PROCESS, escrowId, bob, AMOUNT, keeper, block.timestamp);
        vm.prank(keeper);
        escrow.release(escrowId, bytes32(0));
        assertEq(usd.balanceOf(bob), AMOUNT, "payee paid");
        assertEq(usd.balanceOf(address(escrow)), 0, "escrow empty");
        assertEq(usd.balanceOf(keeper), 0, "keeper got nothing");
        assertEq(_status(escrowId), uint256(IntegraEscrowV1.EscrowStatus.Released), "released");
    }

    function test_Release_PaysTheNewHolderOfATransferredPayeeToken() public {
        uint256 escrowId = _openFunded(_terms(record));
        _transferRoleToken(record, PAYEE_TOKEN, bob, stranger);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.EscrowReleased(record, PROCESS, escrowId, stranger, AMOUNT, keeper, block.timestamp);
        vm.prank(keeper);
        escrow.release(escrowId, bytes32(0));
        assertEq(usd.balanceOf(stranger), AMOUNT, "new holder paid");
        assertEq(usd.balanceOf(bob), 0, "former holder not paid");
    }

    function test_Release_Ether() public {
        uint256 escrowId = _openFunded(_etherTerms(record));
        uint256 before = bob.balance;
        vm.prank(keeper);
        escrow.release(escrowId, bytes32(0));
        assertEq(bob.balance - before, 10 ether, "payee paid");
        assertEq(address(escrow).balance, 0, "escrow empty");
    }

    function test_Release_WithAValidInspection() public {
        uint256 escrowId = _openFunded(_attestationTerms(record));
        bytes32 uid = _attestInspection(record);
        (,, IntegraEscrowV1.AttestationFault fault,, bool allHold) = escrow.checkConditions(escrowId, uid);
        assertEq(uint256(fault), uint256(IntegraEscrowV1.AttestationFault.None), "no fault");
        assertTrue(allHold, "holds");
        vm.prank(keeper);
        escrow.release(escrowId, uid);
        assertEq(usd.balanceOf(bob), AMOUNT, "payee paid");
    }

    function test_Release_OnceThePaymentIsMarkedPaid() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.agreementComplete = false;
        terms.paymentId = _requestPayment(record);
        uint256 escrowId = _openFunded(terms);
        _markPaid(terms.paymentId);
        vm.prank(keeper);
        escrow.release(escrowId, bytes32(0));
        assertEq(usd.balanceOf(bob), AMOUNT, "payee paid");
    }

    function test_Release_JustBeforeTheRefundTime() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        uint256 escrowId = _openFunded(terms);
        vm.warp(terms.refundAfter - 1);
        vm.prank(keeper);
        escrow.release(escrowId, bytes32(0));
        assertEq(usd.balanceOf(bob), AMOUNT, "payee paid");
    }

    function test_RevertWhen_ReleaseAnUnknownEscrow() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.EscrowNotFound.selector, 7));
        escrow.release(7, bytes32(0));
    }

    function test_RevertWhen_ReleaseBeforeTheDeposit() public {
        uint256 escrowId = _open(_terms(record));
        _expectWrongStatus(escrowId, IntegraEscrowV1.EscrowStatus.Open);
        escrow.release(escrowId, bytes32(0));
    }

    function test_RevertWhen_ReleaseTwice() public {
        uint256 escrowId = _openFunded(_terms(record));
        escrow.release(escrowId, bytes32(0));
        _expectWrongStatus(escrowId, IntegraEscrowV1.EscrowStatus.Released);
        escrow.release(escrowId, bytes32(0));
    }

    function test_RevertWhen_ReleaseAtTheRefundTime() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        uint256 escrowId = _openFunded(terms);
        vm.warp(terms.refundAfter);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraEscrowV1.RefundTimeReached.selector, escrowId, terms.refundAfter)
        );
        escrow.release(escrowId, bytes32(0));
    }

    function test_RevertWhen_ReleaseBeforeTheAgreementIsComplete() public {
        bytes32 incomplete = _incompleteRecord();
        uint256 escrowId = _openFunded(_terms(incomplete));
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.AgreementNotComplete.selector, incomplete));
        escrow.release(escrowId, bytes32(0));
        _claim(multiParty, carol, incomplete, 3);
        escrow.release(escrowId, bytes32(0));
        assertEq(usd.balanceOf(bob), AMOUNT, "paid once complete");
    }

    function test_RevertWhen_ReleaseWithTooFewApprovals() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.approverTokenIds = _tokenIds(1, 3);
        terms.approvalsRequired = 2;
        uint256 escrowId = _openFunded(terms);
        _approveRelease(escrowId, THIRD_TOKEN, carol);
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NotEnoughApprovals.selector, 1, 2));
        escrow.release(escrowId, bytes32(0));
    }

    function test_RevertWhen_ReleaseWithoutAnAttestation() public {
        uint256 escrowId = _openFunded(_attestationTerms(record));
        _expectAttestationFault(bytes32(0), IntegraEscrowV1.AttestationFault.Unknown);
        escrow.release(escrowId, bytes32(0));
    }

    function test_RevertWhen_ReleaseWithAnUnknownAttestation() public {
        uint256 escrowId = _openFunded(_attestationTerms(record));
        bytes32 uid = keccak256("no such attestation");
        _expectAttestationFault(uid, IntegraEscrowV1.AttestationFault.Unknown);
        escrow.release(escrowId, uid);
    }

    function test_RevertWhen_ReleaseWithAnAttestationOnAnotherSchema() public {
        uint256 escrowId = _openFunded(_attestationTerms(record));
        bytes32 lookalike =
            schemaRegistry.register("bytes32 integraHash,string condition,string note", ISchemaResolver(address(0)), true);
        bytes32 uid = _attestCondition(inspector, lookalike, record, 0);
        _expectAttestationFault(uid, IntegraEscrowV1.AttestationFault.WrongSchema);
        escrow.release(escrowId, uid);
    }

    function test_RevertWhen_ReleaseWithAnAttestationByAnotherAttester() public {
        uint256 escrowId = _openFunded(_attestationTerms(record));
        bytes32 uid = _attestCondition(stranger, conditionSchema, record, 0);
        _expectAttestationFault(uid, IntegraEscrowV1.AttestationFault.WrongAttester);
        escrow.release(escrowId, uid);
    }

    function test_RevertWhen_ReleaseWithARevokedAttestation() public {
        uint256 escrowId = _openFunded(_attestationTerms(record));
        bytes32 uid = _attestInspection(record);
        _revokeCondition(inspector, uid);
        _expectAttestationFault(uid, IntegraEscrowV1.AttestationFault.Revoked);
        escrow.release(escrowId, uid);
    }

    function test_RevertWhen_ReleaseWithAnExpiredAttestation() public {
        uint256 escrowId = _openFunded(_attestationTerms(record));
        bytes32 uid = _attestCondition(inspector, conditionSchema, record, uint64(block.timestamp + 1 days));
        vm.warp(block.timestamp + 1 days);
        _expectAttestationFault(uid, IntegraEscrowV1.AttestationFault.Expired);
        escrow.release(escrowId, uid);
    }

    function test_RevertWhen_ReleaseWithAnAttestationOfAnotherRecord() public {
        uint256 escrowId = _openFunded(_attestationTerms(record));
        bytes32 uid = _attestCondition(inspector, conditionSchema, keccak256("another record"), 0);
        _expectAttestationFault(uid, IntegraEscrowV1.AttestationFault.OtherRecord);
        escrow.release(escrowId, uid);
    }

    function test_RevertWhen_ReleaseWithAnAttestationTooShortToNameARecord() public {
        uint256 escrowId = _openFunded(_attestationTerms(record));
        bytes32 uid = _attestDataOn(conditionSchema, inspector, address(0), 0, hex"00112233");
        _expectAttestationFault(uid, IntegraEscrowV1.AttestationFault.OtherRecord);
        escrow.release(escrowId, uid);
    }

    function test_RevertWhen_ReleaseBeforeThePaymentIsPaid() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.agreementComplete = false;
        terms.paymentId = _requestPayment(record);
        uint256 escrowId = _openFunded(terms);
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.PaymentNotPaid.selector, terms.paymentId));
        escrow.release(escrowId, bytes32(0));
    }

    function test_RevertWhen_ReleaseWithNoHolderOfThePayeeToken() public {
        bytes32 incomplete = _incompleteRecord();
        IntegraEscrowV1.Terms memory terms = _terms(incomplete);
        terms.agreementComplete = false;
        terms.payeeTokenId = THIRD_TOKEN;
        terms.approverTokenIds = _tokenIds(1);
        terms.approvalsRequired = 1;
        uint256 escrowId = _openFunded(terms);
        _approveRelease(escrowId, PAYER_TOKEN, alice);
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NoHolder.selector, incomplete, 3));
        escrow.release(escrowId, bytes32(0));
    }

    function test_CheckConditions_ReportsEachCondition() public {
        bytes32 incomplete = _incompleteRecord();
        IntegraEscrowV1.Terms memory terms = _attestationTerms(incomplete);
        terms.agreementComplete = true;
        terms.approverTokenIds = _tokenIds(1, 2);
        terms.approvalsRequired = 1;
        terms.paymentId = _requestPayment(incomplete);
        uint256 escrowId = _open(terms);
        (bool complete, uint256 approvals, IntegraEscrowV1.AttestationFault fault, bool paid, bool allHold) =
            escrow.checkConditions(escrowId, bytes32(0));
        assertTrue(!complete && approvals == 0 && !paid && !allHold, "nothing holds");
        assertEq(uint256(fault), uint256(IntegraEscrowV1.AttestationFault.Unknown), "no attestation");

        _claim(multiParty, carol, incomplete, 3);
        _approveRelease(escrowId, 2, bob);
        _markPaid(terms.paymentId);
        bytes32 uid = _attestInspection(incomplete);
        (complete, approvals, fault, paid, allHold) = escrow.checkConditions(escrowId, uid);
        assertTrue(complete && approvals == 1 && paid && allHold, "everything holds");
        assertEq(uint256(fault), uint256(IntegraEscrowV1.AttestationFault.None), "attested");
    }

    // ---------------------------------------------------------------- refund

    function test_Refund_ByAStrangerFromTheRefundTime() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        uint256 escrowId = _openFunded(terms);
        vm.warp(terms.refundAfter);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.EscrowRefunded(record, PROCESS, escrowId, alice, AMOUNT, block.timestamp);
        vm.prank(stranger);
        escrow.refund(escrowId);
        assertEq(usd.balanceOf(alice), AMOUNT, "payer refunded");
        assertEq(usd.balanceOf(address(escrow)), 0, "escrow empty");
        assertEq(_status(escrowId), uint256(IntegraEscrowV1.EscrowStatus.Refunded), "refunded");
    }

    function test_Refund_PaysTheNewHolderOfATransferredPayerToken() public {
        IntegraEscrowV1.Terms memory terms = _etherTerms(record);
        uint256 escrowId = _openFunded(terms);
        _transferRoleToken(record, PAYER_TOKEN, alice, stranger);
        vm.warp(terms.refundAfter);
        escrow.refund(escrowId);
        assertEq(stranger.balance, 10 ether, "new holder refunded");
    }

    function test_RevertWhen_RefundBeforeTheRefundTime() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        uint256 escrowId = _openFunded(terms);
        vm.warp(terms.refundAfter - 1);
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.TooEarlyToRefund.selector, escrowId, terms.refundAfter));
        escrow.refund(escrowId);
    }

    function test_RevertWhen_RefundAfterRelease() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        uint256 escrowId = _openFunded(terms);
        escrow.release(escrowId, bytes32(0));
        vm.warp(terms.refundAfter);
        _expectWrongStatus(escrowId, IntegraEscrowV1.EscrowStatus.Released);
        escrow.refund(escrowId);
    }

    function test_RevertWhen_RefundAnUnfundedEscrow() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        uint256 escrowId = _open(terms);
        vm.warp(terms.refundAfter);
        _expectWrongStatus(escrowId, IntegraEscrowV1.EscrowStatus.Open);
        escrow.refund(escrowId);
    }

    function test_RevertWhen_RefundTwice() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        uint256 escrowId = _openFunded(terms);
        vm.warp(terms.refundAfter);
        escrow.refund(escrowId);
        _expectWrongStatus(escrowId, IntegraEscrowV1.EscrowStatus.Refunded);
        escrow.refund(escrowId);
    }

    function test_RevertWhen_RefundADisputedEscrow() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        uint256 escrowId = _openFunded(terms);
        _dispute(escrowId, alice);
        vm.warp(terms.refundAfter);
        _expectWrongStatus(escrowId, IntegraEscrowV1.EscrowStatus.Disputed);
        escrow.refund(escrowId);
    }

    // ---------------------------------------------------------------- disputes

    function test_RaiseDispute_ByThePayerFreezesTheDeposit() public {
        uint256 escrowId = _openFunded(_terms(record));
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.EscrowDisputed(record, PROCESS, escrowId, address(arbitrator), 0, alice, block.timestamp);
        uint256 disputeId = _dispute(escrowId, alice);
        assertEq(disputeId, 0, "the arbitrator's first dispute");
        assertEq(escrow.escrowOfDispute(address(arbitrator), disputeId), escrowId, "dispute to escrow");
        assertEq(_status(escrowId), uint256(IntegraEscrowV1.EscrowStatus.Disputed), "disputed");
        assertEq(address(arbitrator.disputeOf(disputeId).arbitrable), address(escrow), "arbitrable");
        assertEq(arbitrator.disputeOf(disputeId).choices, escrow.RULING_CHOICES(), "choices");
        _expectWrongStatus(escrowId, IntegraEscrowV1.EscrowStatus.Disputed);
        escrow.release(escrowId, bytes32(0));
    }

    function test_RaiseDispute_ByThePayee() public {
        uint256 escrowId = _openFunded(_terms(record));
        _dispute(escrowId, bob);
        assertEq(_status(escrowId), uint256(IntegraEscrowV1.EscrowStatus.Disputed), "disputed");
    }

    function test_RevertWhen_DisputeAnEscrowWithoutArbitrator() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.arbitrator = address(0);
        uint256 escrowId = _openFunded(terms);
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NoArbitrator.selector, escrowId));
        vm.prank(alice);
        escrow.raiseDispute(escrowId);
    }

    function test_RevertWhen_DisputeByNeitherPayerNorPayee() public {
        uint256 escrowId = _openFunded(_terms(record));
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NotPayerOrPayee.selector, carol));
        vm.prank(carol);
        escrow.raiseDispute(escrowId);
    }

    function test_RevertWhen_DisputeAtTheRefundTime() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        uint256 escrowId = _openFunded(terms);
        vm.warp(terms.refundAfter);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraEscrowV1.RefundTimeReached.selector, escrowId, terms.refundAfter)
        );
        vm.prank(alice);
        escrow.raiseDispute(escrowId);
    }

    function test_RevertWhen_DisputeBeforeTheDeposit() public {
        uint256 escrowId = _open(_terms(record));
        _expectWrongStatus(escrowId, IntegraEscrowV1.EscrowStatus.Open);
        vm.prank(alice);
        escrow.raiseDispute(escrowId);
    }

    function test_RevertWhen_DisputeTwice() public {
        uint256 escrowId = _openFunded(_terms(record));
        _dispute(escrowId, alice);
        _expectWrongStatus(escrowId, IntegraEscrowV1.EscrowStatus.Disputed);
        vm.prank(bob);
        escrow.raiseDispute(escrowId);
    }

    /// @dev An arbitrator that hands out a dispute id already mapped to an escrow cannot take over that escrow's
    /// dispute: the second dispute is refused whole.
    function test_RevertWhen_ArbitratorReusesADisputeId() public {
        IdReusingArbitrator reusing = new IdReusingArbitrator();
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.arbitrator = address(reusing);
        uint256 first = _openFunded(terms);
        uint256 second = _openFunded(terms);
        _dispute(first, alice);
        assertEq(escrow.escrowOfDispute(address(reusing), 7), first, "the first escrow's dispute");

        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.DisputeIdTaken.selector, address(reusing), 7));
        vm.prank(alice);
        escrow.raiseDispute(second);
        assertEq(escrow.escrowOfDispute(address(reusing), 7), first, "still the first escrow's");
        assertEq(_status(second), uint256(IntegraEscrowV1.EscrowStatus.Funded), "the second stays funded");
    }

    function test_RevertWhen_DisputeAReleasedEscrow() public {
        uint256 escrowId = _openFunded(_terms(record));
        escrow.release(escrowId, bytes32(0));
        _expectWrongStatus(escrowId, IntegraEscrowV1.EscrowStatus.Released);
        vm.prank(bob);
        escrow.raiseDispute(escrowId);
    }

    // ---------------------------------------------------------------- rulings

    function test_Rule_RefusalPaysThePayer() public {
        uint256 escrowId = _openFunded(_terms(record));
        uint256 disputeId = _dispute(escrowId, bob);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IArbitrable.Ruling(IArbitrator(address(arbitrator)), disputeId, 0);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.EscrowRuled(record, PROCESS, escrowId, 0, bob, 0, alice, AMOUNT, block.timestamp);
        _giveRuling(disputeId, 0);
        assertEq(usd.balanceOf(alice), AMOUNT, "payer");
        assertEq(usd.balanceOf(bob), 0, "payee");
        assertEq(_status(escrowId), uint256(IntegraEscrowV1.EscrowStatus.Ruled), "ruled");
    }

    function test_Rule_ReleasePaysThePayee() public {
        uint256 escrowId = _openFunded(_terms(record));
        uint256 disputeId = _dispute(escrowId, alice);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.EscrowRuled(record, PROCESS, escrowId, 1, bob, AMOUNT, alice, 0, block.timestamp);
        _giveRuling(disputeId, 1);
        assertEq(usd.balanceOf(bob), AMOUNT, "payee");
        assertEq(usd.balanceOf(alice), 0, "payer");
    }

    /// @dev The ruling decides, not the conditions: a release ruling pays though the agreement is incomplete.
    function test_Rule_ReleaseIgnoresTheConditions() public {
        bytes32 incomplete = _incompleteRecord();
        uint256 escrowId = _openFunded(_terms(incomplete));
        _giveRuling(_dispute(escrowId, bob), 1);
        assertEq(usd.balanceOf(bob), AMOUNT, "payee");
    }

    function test_Rule_RefundPaysThePayer() public {
        uint256 escrowId = _openFunded(_terms(record));
        _giveRuling(_dispute(escrowId, alice), 2);
        assertEq(usd.balanceOf(alice), AMOUNT, "payer");
        assertEq(usd.balanceOf(bob), 0, "payee");
    }

    function test_Rule_SplitPaysEachItsExactShare() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.splitPayeeBps = 2_500;
        uint256 escrowId = _openFunded(terms);
        uint256 disputeId = _dispute(escrowId, alice);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.EscrowRuled(
            record, PROCESS, escrowId, 3, bob, 250e6, alice, 750e6, block.timestamp
        );
        _giveRuling(disputeId, 3);
        assertEq(usd.balanceOf(bob), 250e6, "payee's quarter");
        assertEq(usd.balanceOf(alice), 750e6, "payer's rest");
        assertEq(usd.balanceOf(address(escrow)), 0, "escrow empty");
    }

    function test_Rule_SplitRoundsThePayeeShareDown() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.amount = 1_000_001;
        terms.splitPayeeBps = 3_333;
        uint256 escrowId = _openFunded(terms);
        _giveRuling(_dispute(escrowId, alice), 3);
        assertEq(usd.balanceOf(bob), 333_300, "floor(1000001 * 3333 / 10000)");
        assertEq(usd.balanceOf(alice), 666_701, "the rest");
    }

    function test_Rule_SplitOfAllOfItPaysOnlyThePayee() public {
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.splitPayeeBps = 10_000;
        uint256 escrowId = _openFunded(terms);
        _transferRoleToken(record, PAYER_TOKEN, alice, stranger);
        _giveRuling(_dispute(escrowId, bob), 3);
        assertEq(usd.balanceOf(bob), AMOUNT, "payee");
    }

    /// @dev A ruling that pays a token nobody holds (unclaimed) goes through: the share is kept for the token, and
    /// whoever holds it whole next withdraws it.
    function test_Rule_KeepsTheShareOfAnUnclaimedTokenForItsHolder() public {
        bytes32 incomplete = _incompleteRecord();
        IntegraEscrowV1.Terms memory terms = _terms(incomplete);
        terms.payeeTokenId = THIRD_TOKEN;
        uint256 escrowId = _openFunded(terms);
        uint256 disputeId = _dispute(escrowId, alice);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.EscrowRuled(
            incomplete, PROCESS, escrowId, 1, address(0), AMOUNT, alice, 0, block.timestamp
        );
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.PayoutDeferred(incomplete, PROCESS, escrowId, address(0), AMOUNT, block.timestamp);
        _giveRuling(disputeId, 1);
        assertEq(_status(escrowId), uint256(IntegraEscrowV1.EscrowStatus.Ruled), "ruled");
        assertEq(escrow.owedToToken(escrowId, THIRD_TOKEN), AMOUNT, "kept for the token");
        assertEq(escrow.owedTo(escrowId, carol), 0, "not carol's before she claims");
        assertEq(usd.balanceOf(address(escrow)), AMOUNT, "the escrow keeps it");
        _expectNothingOwed(escrowId, carol);

        _claim(multiParty, carol, incomplete, 3);
        assertEq(escrow.owedTo(escrowId, carol), AMOUNT, "carol's once she holds the token");
        vm.prank(carol);
        escrow.withdraw(escrowId);
        assertEq(usd.balanceOf(carol), AMOUNT, "paid to the token's holder");
        assertEq(escrow.owedToToken(escrowId, THIRD_TOKEN), 0, "nothing left for the token");
        assertEq(usd.balanceOf(address(escrow)), 0, "escrow empty");
    }

    /// @dev A split ruling while the payee token is split among holders pays the payer its share at once and keeps
    /// the payee's for the token: no part holder may withdraw it, the holder who reassembles the whole token does.
    function test_Rule_SplitWhileThePayeeTokenIsSplitKeepsThePayeeShareForTheToken() public {
        bytes32 deal = _splittablePayeeRecord();
        IntegraEscrowV1.Terms memory terms = _terms(deal);
        terms.splitPayeeBps = 4_000;
        uint256 escrowId = _openFunded(terms);
        uint256 disputeId = _dispute(escrowId, bob);
        _transferRoleUnits(deal, PAYEE_TOKEN, bob, carol, 1);
        (, address payee) = escrow.partiesOf(escrowId);
        assertEq(payee, address(0), "nobody holds the whole payee token");

        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.EscrowRuled(
            deal, PROCESS, escrowId, 3, address(0), 400e6, alice, 600e6, block.timestamp
        );
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.PayoutDeferred(deal, PROCESS, escrowId, address(0), 400e6, block.timestamp);
        _giveRuling(disputeId, 3);
        assertEq(usd.balanceOf(alice), 600e6, "the payer's share paid at once");
        assertEq(escrow.owedToToken(escrowId, PAYEE_TOKEN), 400e6, "the payee's share kept for its token");
        assertEq(escrow.owedToToken(escrowId, PAYER_TOKEN), 0, "nothing kept for the payer token");
        assertEq(escrow.owedTo(escrowId, bob), 0, "not bob's: he holds half of it");
        assertEq(escrow.owedTo(escrowId, carol), 0, "not carol's: she holds the other half");
        assertEq(escrow.owedTo(escrowId, alice), 0, "the payer was paid");
        assertEq(usd.balanceOf(address(escrow)), 400e6, "the escrow keeps the payee's share");
        _expectNothingOwed(escrowId, bob);
        _expectNothingOwed(escrowId, carol);

        // carol takes bob's other unit: the whole payee token is hers, and so is its share.
        _transferRoleUnits(deal, PAYEE_TOKEN, bob, carol, 1);
        assertEq(escrow.owedTo(escrowId, carol), 400e6, "owed to the whole holder");
        assertEq(escrow.owedTo(escrowId, bob), 0, "not to the former holder");
        _expectNothingOwed(escrowId, bob);
        _expectNothingOwed(escrowId, stranger);

        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.PayoutWithdrawn(deal, PROCESS, escrowId, carol, 400e6, block.timestamp);
        vm.prank(carol);
        escrow.withdraw(escrowId);
        assertEq(usd.balanceOf(carol), 400e6, "withdrawn by the whole holder");
        assertEq(usd.balanceOf(bob), 0, "bob got nothing");
        assertEq(escrow.owedToToken(escrowId, PAYEE_TOKEN), 0, "nothing left for the token");
        assertEq(escrow.owedTo(escrowId, carol), 0, "nothing left owed");
        assertEq(usd.balanceOf(address(escrow)), 0, "escrow empty");
        _expectNothingOwed(escrowId, carol);
    }

    /// @dev A payout the payer token's holder refused and the share kept for the payee token, once that holder holds
    /// the whole payee token too, come out together in one withdrawal.
    function test_Withdraw_TakesARefusedPayoutAndATokensShareTogether() public {
        bytes32 deal = _splittablePayeeRecord();
        IntegraEscrowV1.Terms memory terms = _etherTerms(deal);
        terms.splitPayeeBps = 4_000;
        uint256 escrowId = _openFunded(terms);
        RefusingReceiver receiver = new RefusingReceiver();
        _transferRoleToken(deal, PAYER_TOKEN, alice, address(receiver));
        uint256 disputeId = _dispute(escrowId, bob);
        _transferRoleUnits(deal, PAYEE_TOKEN, bob, carol, 1);

        _giveRuling(disputeId, 3);
        assertEq(escrow.owedToToken(escrowId, PAYEE_TOKEN), 4 ether, "the payee's share kept for its token");
        assertEq(escrow.owedTo(escrowId, address(receiver)), 6 ether, "the payer's refused share kept for it");
        assertEq(address(escrow).balance, 10 ether, "the escrow keeps both");

        _transferRoleUnits(deal, PAYEE_TOKEN, bob, address(receiver), 1);
        _transferRoleUnits(deal, PAYEE_TOKEN, carol, address(receiver), 1);
        assertEq(escrow.owedTo(escrowId, address(receiver)), 10 ether, "both, now it holds the whole payee token");

        receiver.setRefusing(false);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.PayoutWithdrawn(deal, PROCESS, escrowId, address(receiver), 10 ether, block.timestamp);
        receiver.exec(address(escrow), abi.encodeCall(escrow.withdraw, (escrowId)));
        assertEq(address(receiver).balance, 10 ether, "one withdrawal takes both");
        assertEq(escrow.owedTo(escrowId, address(receiver)), 0, "nothing left owed");
        assertEq(escrow.owedToToken(escrowId, PAYEE_TOKEN), 0, "nothing left for the token");
        assertEq(address(escrow).balance, 0, "escrow empty");
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NothingOwed.selector, escrowId, address(receiver)));
        receiver.exec(address(escrow), abi.encodeCall(escrow.withdraw, (escrowId)));
    }

    function test_RevertWhen_RuleByAStrangerArbitrator() public {
        uint256 escrowId = _openFunded(_terms(record));
        uint256 disputeId = _dispute(escrowId, alice);
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.UnknownDispute.selector, stranger, disputeId));
        vm.prank(stranger);
        escrow.rule(disputeId, 1);
    }

    function test_RevertWhen_RulingIsOutOfRange() public {
        uint256 escrowId = _openFunded(_terms(record));
        uint256 disputeId = _dispute(escrowId, alice);
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.InvalidRuling.selector, 4));
        vm.prank(address(arbitrator));
        escrow.rule(disputeId, 4);
    }

    function test_RevertWhen_RuleTwice() public {
        uint256 escrowId = _openFunded(_terms(record));
        uint256 disputeId = _dispute(escrowId, alice);
        vm.prank(address(arbitrator));
        escrow.rule(disputeId, 1);
        _expectWrongStatus(escrowId, IntegraEscrowV1.EscrowStatus.Ruled);
        vm.prank(address(arbitrator));
        escrow.rule(disputeId, 2);
    }

    // ---------------------------------------------------------------- refused payouts and withdraw

    function test_Rule_SplitDefersARefusedShareAndStillPaysTheOther() public {
        IntegraEscrowV1.Terms memory terms = _etherTerms(record);
        terms.splitPayeeBps = 4_000;
        uint256 escrowId = _openFunded(terms);
        RefusingReceiver receiver = new RefusingReceiver();
        _transferRoleToken(record, PAYEE_TOKEN, bob, address(receiver));
        uint256 disputeId = _dispute(escrowId, alice);

        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.PayoutDeferred(record, PROCESS, escrowId, address(receiver), 4 ether, block.timestamp);
        _giveRuling(disputeId, 3);
        assertEq(alice.balance, 6 ether, "payer's share paid");
        assertEq(address(receiver).balance, 0, "payee refused");
        assertEq(escrow.owedTo(escrowId, address(receiver)), 4 ether, "kept for the payee");
        assertEq(address(escrow).balance, 4 ether, "escrow holds the payee's share");

        receiver.setRefusing(false);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IntegraEscrowV1.PayoutWithdrawn(record, PROCESS, escrowId, address(receiver), 4 ether, block.timestamp);
        receiver.exec(address(escrow), abi.encodeCall(escrow.withdraw, (escrowId)));
        assertEq(address(receiver).balance, 4 ether, "withdrawn");
        assertEq(escrow.owedTo(escrowId, address(receiver)), 0, "nothing left owed");
        assertEq(address(escrow).balance, 0, "escrow empty");
    }

    function test_Release_ToABlockedAccountIsKeptForItToWithdraw() public {
        BlocklistToken token = new BlocklistToken();
        IntegraEscrowV1.Terms memory terms = _terms(record);
        terms.asset = address(token);
        uint256 escrowId = _openFunded(terms);
        token.setBlocked(bob, true);
        escrow.release(escrowId, bytes32(0));
        assertEq(_status(escrowId), uint256(IntegraEscrowV1.EscrowStatus.Released), "released");
        assertEq(escrow.owedTo(escrowId, bob), AMOUNT, "kept for the payee");

        vm.expectRevert(abi.encodeWithSelector(BlocklistToken.Blocked.selector, bob));
        vm.prank(bob);
        escrow.withdraw(escrowId);

        token.setBlocked(bob, false);
        vm.prank(bob);
        escrow.withdraw(escrowId);
        assertEq(token.balanceOf(bob), AMOUNT, "withdrawn");
        assertEq(token.balanceOf(address(escrow)), 0, "escrow empty");
    }

    /// @dev A payee that answers its payment with a revert too large to copy back cannot stop the payer's share.
    function test_Rule_SplitPaysThePayerDespiteAReturnBombingPayee() public {
        IntegraEscrowV1.Terms memory terms = _etherTerms(record);
        uint256 escrowId = _openFunded(terms);
        ReturnBombReceiver bomb = new ReturnBombReceiver();
        _transferRoleToken(record, PAYEE_TOKEN, bob, address(bomb));
        uint256 disputeId = _dispute(escrowId, alice);
        vm.prank(judge);
        arbitrator.giveRuling{gas: 10_000_000}(disputeId, 3);
        assertEq(alice.balance, 5 ether, "payer's share paid");
        assertEq(escrow.owedTo(escrowId, address(bomb)), 5 ether, "payee's share kept");
    }

    /// @dev A payee whose receipt burns all the gas it gets costs the keeper PAYOUT_GAS at most, and keeps its payout.
    function test_Release_ToAGasBurningPayeeCostsTheKeeperAtMostThePayoutGas() public {
        uint256 escrowId = _openFunded(_etherTerms(record));
        GasBurningReceiver burner = new GasBurningReceiver();
        _transferRoleToken(record, PAYEE_TOKEN, bob, address(burner));
        uint256 before = gasleft();
        vm.prank(keeper);
        escrow.release{gas: 400_000}(escrowId, bytes32(0));
        assertLe(before - gasleft(), 250_000, "bounded by the payout gas");
        assertEq(escrow.owedTo(escrowId, address(burner)), 10 ether, "kept for the payee");
    }

    function test_RevertWhen_WithdrawWhileTheReceiverStillRefusesEther() public {
        uint256 escrowId = _openFunded(_etherTerms(record));
        RefusingReceiver receiver = new RefusingReceiver();
        _transferRoleToken(record, PAYEE_TOKEN, bob, address(receiver));
        escrow.release(escrowId, bytes32(0));
        assertEq(escrow.owedTo(escrowId, address(receiver)), 10 ether, "kept");
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.EtherTransferFailed.selector, address(receiver)));
        receiver.exec(address(escrow), abi.encodeCall(escrow.withdraw, (escrowId)));
    }

    function test_RevertWhen_WithdrawWithNothingOwed() public {
        uint256 escrowId = _openFunded(_terms(record));
        escrow.release(escrowId, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NothingOwed.selector, escrowId, bob));
        vm.prank(bob);
        escrow.withdraw(escrowId);
    }

    function test_RevertWhen_WithdrawTwice() public {
        uint256 escrowId = _openFunded(_etherTerms(record));
        RefusingReceiver receiver = new RefusingReceiver();
        _transferRoleToken(record, PAYEE_TOKEN, bob, address(receiver));
        escrow.release(escrowId, bytes32(0));
        receiver.setRefusing(false);
        receiver.exec(address(escrow), abi.encodeCall(escrow.withdraw, (escrowId)));
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.NothingOwed.selector, escrowId, address(receiver)));
        receiver.exec(address(escrow), abi.encodeCall(escrow.withdraw, (escrowId)));
    }

    function test_RevertWhen_WithdrawFromAnUnknownEscrow() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.EscrowNotFound.selector, 7));
        vm.prank(bob);
        escrow.withdraw(7);
    }

    // ---------------------------------------------------------------- views

    function test_RevertWhen_GetAnUnknownEscrow() public {
        vm.expectRevert(abi.encodeWithSelector(IntegraEscrowV1.EscrowNotFound.selector, 1));
        escrow.getEscrow(1);
    }

    function test_PartiesOf_ZeroForAnUnclaimedToken() public {
        bytes32 incomplete = _incompleteRecord();
        IntegraEscrowV1.Terms memory terms = _terms(incomplete);
        terms.payeeTokenId = THIRD_TOKEN;
        (address payer, address payee) = escrow.partiesOf(_open(terms));
        assertEq(payer, alice, "payer");
        assertEq(payee, address(0), "unclaimed payee");
    }

    function test_Constructor_WiresTheSystem() public view {
        assertEq(address(escrow.registry()), address(registry), "registry");
        assertEq(address(escrow.eas()), address(eas), "eas");
        assertEq(address(escrow.signal()), address(signal), "signal");
        assertEq(address(escrow.multiPartyTokenizer()), address(multiParty), "multi-party");
        assertTrue(escrow.isTrustedForwarder(address(forwarder)), "forwarder");
    }
}
