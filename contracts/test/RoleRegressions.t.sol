// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";
import {Errors} from "@openzeppelin/contracts/utils/Errors.sol";
import {IntegraFixture} from "./utils/IntegraFixture.sol";
import {ForwardRequestSigner} from "./utils/ForwardRequestSigner.sol";
import {IIntegraTokenizer} from "../src/interfaces/IIntegraTokenizer.sol";
import {IntegraTokenizerBase} from "../src/tokenizers/IntegraTokenizerBase.sol";

/// @notice Roles (78074fd): bytes not characters, both paths, the forwarder, and what a role may contain.
contract RoleRegressionsTest is IntegraFixture, ForwardRequestSigner {
    uint256 internal constant OWNER_KEY = 0xA11CE;
    uint256 internal constant STRANGER_KEY = 0x5757;

    bytes32 internal deal;

    function setUp() public override {
        super.setUp();
        deal = _register(address(multiParty));
    }

    function _one(string memory role) internal view returns (IIntegraTokenizer.Party[] memory p) {
        p = new IIntegraTokenizer.Party[](1);
        p[0] = IIntegraTokenizer.Party(alice, 1, role);
    }

    // ---------------------------------------------------------------- bytes, not characters (as roleProblem)

    function test_MultibyteRole_CountedInBytes() public {
        string memory sixteenE = unicode"éééééééééééééééé"; // 16 characters, 32 bytes
        string memory elevenEuro = unicode"€€€€€€€€€€€"; // 11 characters, 33 bytes
        assertEq(bytes(sixteenE).length, 32, "32 bytes");
        vm.prank(owner);
        multiParty.reserveToken(deal, 1, alice, 1, PROCESS, sixteenE);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleTooLong.selector, 33, 32));
        vm.prank(owner);
        multiParty.reserveToken(deal, 2, alice, 1, PROCESS, elevenEuro);
    }

    /// @dev Any length on either path: accepted exactly when it is at most MAX_ROLE_BYTES bytes.
    function testFuzz_RoleLength_SameRuleOnBothPaths(uint8 len, bool viaRegistry) public {
        bytes memory printable = new bytes(bound(len, 0, 64));
        for (uint256 i; i < printable.length; ++i) printable[i] = "a";
        string memory role = string(printable);
        bool tooLong = bytes(role).length > 32;
        if (tooLong) vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleTooLong.selector, bytes(role).length, 32));
        vm.prank(owner);
        if (viaRegistry) {
            registry.registerWithParties(CONTENT, hex"c1f3", address(multiParty), executor, PROCESS, new address[](0), _one(role));
        } else {
            multiParty.reserveToken(deal, 1, alice, 1, PROCESS, role);
        }
    }

    /// @dev The longest role through the registry too; a too-long role in the last party undoes the whole registration.
    function test_RegisterWithParties_LongestAccepted_LastTooLongUndoesAll() public {
        vm.prank(owner);
        registry.registerWithParties(
            CONTENT, hex"c1f3", address(multiParty), executor, PROCESS, new address[](0), _one("Seller's lender, second position")
        );
        IIntegraTokenizer.Party[] memory p = new IIntegraTokenizer.Party[](3);
        p[0] = IIntegraTokenizer.Party(alice, 1, "Buyer");
        p[1] = IIntegraTokenizer.Party(bob, 1, "Seller");
        p[2] = IIntegraTokenizer.Party(carol, 1, "Seller's lender, second position.");
        uint256 nonce = registry.nonces(owner);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleTooLong.selector, 33, 32));
        vm.prank(owner);
        registry.registerWithParties(CONTENT, hex"c1f3", address(multiParty), executor, PROCESS, new address[](0), p);
        assertEq(registry.nonces(owner), nonce, "nothing registered");
    }

    // ---------------------------------------------------------------- the forwarder

    /// @dev A stranger's signed reserve whose role ends in the owner's address is still the stranger's: the
    /// forwarder appends the signer after the role, so the role never supplies the last 20 bytes.
    function test_Forwarded_OwnerShapedRole_IsStillTheSigner() public {
        string memory ownerShaped = string(abi.encodePacked(bytes12(0), owner));
        bytes memory data = abi.encodeCall(IntegraTokenizerBase.reserveToken, (deal, 1, stranger, 1, PROCESS, ownerShaped));
        vm.prank(address(forwarder));
        (bool ok, bytes memory ret) = address(multiParty).call(abi.encodePacked(data, stranger));
        assertTrue(!ok, "refused");
        assertEq(ret, abi.encodeWithSelector(IntegraTokenizerBase.NotOwnerOrExecutor.selector, deal, stranger), "as stranger");
        ERC2771Forwarder.ForwardRequestData memory request = _forwardRequest(forwarder, STRANGER_KEY, address(multiParty), data);
        vm.expectRevert(abi.encodeWithSelector(Errors.FailedCall.selector));
        forwarder.execute(request);
    }

    /// @dev The owner's signed reserve with a role: reservedBy is the owner, the role as signed.
    function test_Forwarded_OwnerReservesWithRole() public {
        bytes memory data = abi.encodeCall(IntegraTokenizerBase.reserveToken, (deal, 1, alice, 1, PROCESS, "Seller"));
        ERC2771Forwarder.ForwardRequestData memory request = _forwardRequest(forwarder, OWNER_KEY, address(multiParty), data);
        vm.expectEmit(true, true, true, true, address(multiParty));
        emit IntegraTokenizerBase.TokenReserved(deal, PROCESS, alice, 1, 1, owner, "Seller", block.timestamp);
        forwarder.execute(request);
    }

    // ---------------------------------------------------------------- what a role may contain

    /// @dev Audit finding: any registrant could put terminal control bytes or a newline into a role reserved for any
    /// address on an official tokenizer, landing in that address's "reserved for me". Control bytes are refused now,
    /// on both paths, at the first one.
    function test_RevertWhen_RoleHasControlBytes() public {
        vm.prank(stranger);
        bytes32 mine = registry.register(CONTENT, hex"", address(multiParty), address(0), PROCESS, new address[](0));
        string memory escape = string(hex"1b5b324b0d233120636c61696d65640a");
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleNotPrintable.selector, 0));
        vm.prank(stranger);
        multiParty.reserveToken(mine, 1, alice, 1, PROCESS, escape);

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleNotPrintable.selector, 6));
        vm.prank(owner);
        registry.registerWithParties(CONTENT, hex"c1f3", address(multiParty), executor, PROCESS, new address[](0), _one("Seller\nPaid"));

        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.RoleNotPrintable.selector, 3));
        vm.prank(stranger);
        multiParty.reserveToken(mine, 1, alice, 1, PROCESS, string(hex"4142437f"));
    }

    /// @dev Printable ASCII and multibyte UTF-8 (its bytes are all at least 0x80) pass.
    function test_PrintableAndUnicodeRolesPass() public {
        vm.startPrank(owner);
        multiParty.reserveToken(deal, 1, alice, 1, PROCESS, "Seller's lender (2nd) ~ #1");
        multiParty.reserveToken(deal, 2, bob, 1, PROCESS, unicode"Käufer, 買い手");
        vm.stopPrank();
    }
}
