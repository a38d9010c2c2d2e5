// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    Attestation,
    AttestationRequestData,
    MultiAttestationRequest
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {IntegraFixture} from "./utils/IntegraFixture.sol";
import {IntegraRecordV1} from "../src/IntegraRecordV1.sol";
import {IntegraCapabilityResolverV1} from "../src/IntegraCapabilityResolverV1.sol";
import {IIntegraTokenizer} from "../src/interfaces/IIntegraTokenizer.sol";
import {IntegraTokenizerBase} from "../src/tokenizers/IntegraTokenizerBase.sol";
import {Capabilities} from "../src/Capabilities.sol";

/// @notice The per-account paged views built on AccountLists: `reservationsOf` and `roleOf` (tokenizers),
/// `recordsOwnedBy` and `offersTo` (registry), `grantsTo` (capability resolver). Each list only grows and a view
/// filters it by the current state, so an entry can drop out of a view while `total` (the list's length) stays.
/// @dev Paging, as the views document it: a page never returns an id twice, but a record appended to an account's
/// list again after another record (A's list R1, R2, R1) is on two pages when the client pages with a small
/// limit, so a client paging keeps one row per key ((integraHash, tokenId) for reservations, integraHash for
/// records and offers). See the `..._ListedTwice_...` tests.
contract AccountListsTest is IntegraFixture {
    uint256 internal constant MAX = type(uint256).max;

    /// @dev Shown by `forge test -vvv` on the worst-case page test.
    event WorstCasePageGas(uint256 gas);
    /// @dev 32 bytes: MAX_ROLE_BYTES, the longest role a reservation takes.
    string internal constant LONGEST_ROLE = "Seller's lender, second position";

    // ================================================================== helpers

    function _reserveOn(
        IntegraTokenizerBase tokenizer,
        bytes32 ih,
        uint256 id,
        address to,
        uint256 value,
        string memory role
    ) internal {
        vm.prank(owner);
        tokenizer.reserveToken(ih, id, to, value, PROCESS, role);
    }

    function _cancelOn(IntegraTokenizerBase tokenizer, bytes32 ih, uint256 id) internal {
        vm.prank(owner);
        tokenizer.cancelReservation(ih, id);
    }

    function _reservations(IntegraTokenizerBase tokenizer, address account, uint256 offset, uint256 limit)
        internal
        view
        returns (IntegraTokenizerBase.Reservation[] memory rows, uint256 total)
    {
        (rows, total,) = tokenizer.reservationsOf(account, offset, limit);
    }

    function _assertRow(
        IntegraTokenizerBase.Reservation memory row,
        bytes32 ih,
        uint256 id,
        IntegraTokenizerBase.TokenStatus status,
        uint256 value,
        string memory role
    ) internal view {
        assertEq(row.integraHash, ih, "row integraHash");
        assertEq(row.tokenId, id, "row tokenId");
        assertEq(uint256(row.status), uint256(status), "row status");
        assertEq(row.amount, value, "row amount");
        assertEq(row.processHash, PROCESS, "row processHash");
        assertEq(row.role, role, "row role");
    }

    function _assertNoReservations(IntegraTokenizerBase tokenizer, address account, uint256 expectedTotal)
        internal
        view
    {
        (IntegraTokenizerBase.Reservation[] memory rows, uint256 total,) = tokenizer.reservationsOf(account, 0, MAX);
        assertEq(rows.length, 0, "no reservations");
        assertEq(total, expectedTotal, "reservation list length");
    }

    function _owned(address account) internal view returns (bytes32[] memory hashes, uint256 total) {
        (hashes,, total) = registry.recordsOwnedBy(account, 0, MAX);
    }

    function _offers(address account) internal view returns (bytes32[] memory hashes, uint256 total) {
        (hashes,, total) = registry.offersTo(account, 0, MAX);
    }

    function _grants(address account) internal view returns (IntegraCapabilityResolverV1.Grant[] memory grants) {
        (grants,) = capabilityResolver.grantsTo(account, 0, MAX);
    }

    /// @dev A record of `registrant` outside any workflow (anyone may register one).
    function _registerBy(address registrant) internal returns (bytes32 ih) {
        vm.prank(registrant);
        ih = registry.register(CONTENT, hex"c1f3", address(multiParty), address(0), bytes32(0), new address[](0));
    }

    function _offer(bytes32 ih, address from, address to) internal {
        vm.prank(from);
        registry.offerRecordOwnership(ih, to, "sale");
    }

    function _accept(bytes32 ih, address by) internal {
        _acceptOffer(ih, by);
    }

    // ================================================================== empty accounts and paging

    function test_EmptyAccount_EveryViewIsEmpty() public {
        bytes32 ih = _register(address(multiParty)); // something on chain, none of it the stranger's
        _reserveOn(multiParty, ih, 1, alice, 1, "Buyer");
        _attestClaim(alice, ih, 1);
        _offer(ih, owner, bob);
        uint256[4] memory offsets = [uint256(0), 0, 5, MAX];
        uint256[4] memory limits = [MAX, 0, 10, MAX];
        for (uint256 i; i < offsets.length; ++i) {
            (IntegraTokenizerBase.Reservation[] memory rows, uint256 total,) =
                multiParty.reservationsOf(stranger, offsets[i], limits[i]);
            assertTrue(rows.length == 0 && total == 0, "multi-party reservations");
            (rows, total,) = ownership.reservationsOf(stranger, offsets[i], limits[i]);
            assertTrue(rows.length == 0 && total == 0, "ownership reservations");
            (bytes32[] memory hashes, IntegraRecordV1.RecordInfo[] memory infos, uint256 owned) =
                registry.recordsOwnedBy(stranger, offsets[i], limits[i]);
            assertTrue(hashes.length == 0 && infos.length == 0 && owned == 0, "records owned");
            address[] memory owners;
            (hashes, owners, total) = registry.offersTo(stranger, offsets[i], limits[i]);
            assertTrue(hashes.length == 0 && owners.length == 0 && total == 0, "offers");
            (IntegraCapabilityResolverV1.Grant[] memory grants, uint256 granted) =
                capabilityResolver.grantsTo(stranger, offsets[i], limits[i]);
            assertTrue(grants.length == 0 && granted == 0, "grants");
        }
        assertEq(multiParty.roleOf(ih, 2), "", "never reserved: no role");
        assertEq(multiParty.roleOf(keccak256("no such record"), 1), "", "unknown record: no role");
    }

    /// @dev Three records owned by `owner`: offset past the end, limit 0, a limit past the end, offset + limit
    /// past 2^256 (no overflow: the page is clamped to the list's end).
    function test_RecordsOwnedBy_PagesAreClampedToTheList() public {
        bytes32[3] memory ih = [_register(address(multiParty)), _register(address(ownership)), _register(address(0))];
        (bytes32[] memory hashes, IntegraRecordV1.RecordInfo[] memory infos, uint256 total) =
            registry.recordsOwnedBy(owner, 0, MAX);
        assertEq(total, 3, "total");
        assertEq(hashes.length, 3, "all three");
        for (uint256 i; i < 3; ++i) {
            assertEq(hashes[i], ih[i], "oldest first");
            assertEq(infos[i].owner, owner, "info owner");
            assertEq(infos[i].executor, executor, "info executor");
            assertEq(infos[i].contentHash, CONTENT, "info content");
            assertEq(infos[i].processHash, PROCESS, "info process");
        }
        assertEq(infos[1].tokenizer, address(ownership), "info tokenizer");
        assertEq(infos[2].tokenizer, address(0), "no tokenizer");

        (hashes, infos, total) = registry.recordsOwnedBy(owner, 3, 1);
        assertTrue(hashes.length == 0 && infos.length == 0 && total == 3, "offset at the end");
        (hashes, infos, total) = registry.recordsOwnedBy(owner, 100, MAX);
        assertTrue(hashes.length == 0 && total == 3, "offset past the end");
        (hashes, infos, total) = registry.recordsOwnedBy(owner, MAX, MAX);
        assertTrue(hashes.length == 0 && total == 3, "offset 2^256-1");
        (hashes, infos, total) = registry.recordsOwnedBy(owner, 0, 0);
        assertTrue(hashes.length == 0 && infos.length == 0 && total == 3, "limit 0");
        (hashes, infos, total) = registry.recordsOwnedBy(owner, 1, MAX);
        assertTrue(hashes.length == 2 && hashes[0] == ih[1] && hashes[1] == ih[2], "offset 1, limit 2^256-1");
        (hashes, infos, total) = registry.recordsOwnedBy(owner, 2, 10);
        assertTrue(hashes.length == 1 && hashes[0] == ih[2] && infos.length == 1, "a limit past the end");
        (hashes, infos, total) = registry.recordsOwnedBy(owner, 1, 1);
        assertTrue(hashes.length == 1 && hashes[0] == ih[1] && infos[0].tokenizer == address(ownership), "one");
    }

    function test_ReservationsOf_PagesAreClampedToTheList() public {
        bytes32[3] memory ih =
            [_register(address(multiParty)), _register(address(multiParty)), _register(address(multiParty))];
        for (uint256 i; i < 3; ++i) {
            _reserveOn(multiParty, ih[i], 1, alice, 10 + i, "");
        }
        (IntegraTokenizerBase.Reservation[] memory rows, uint256 total,) = multiParty.reservationsOf(alice, 0, MAX);
        assertTrue(rows.length == 3 && total == 3, "all three");
        for (uint256 i; i < 3; ++i) {
            _assertRow(rows[i], ih[i], 1, IntegraTokenizerBase.TokenStatus.Reserved, 10 + i, "");
        }
        (rows, total,) = multiParty.reservationsOf(alice, 3, 1);
        assertTrue(rows.length == 0 && total == 3, "offset at the end");
        (rows, total,) = multiParty.reservationsOf(alice, MAX, MAX);
        assertTrue(rows.length == 0 && total == 3, "offset 2^256-1");
        (rows, total,) = multiParty.reservationsOf(alice, 0, 0);
        assertTrue(rows.length == 0 && total == 3, "limit 0");
        (rows, total,) = multiParty.reservationsOf(alice, 1, MAX);
        assertTrue(rows.length == 2 && rows[0].integraHash == ih[1] && rows[1].integraHash == ih[2], "overflowing");
        (rows, total,) = multiParty.reservationsOf(alice, 2, 50);
        assertTrue(rows.length == 1 && rows[0].integraHash == ih[2], "a limit past the end");
        // The other tokenizer keeps its own lists.
        _assertNoReservations(ownership, alice, 0);
    }

    function test_OffersTo_PagesAreClampedToTheList() public {
        bytes32[3] memory ih = [_register(address(multiParty)), _register(address(multiParty)), _register(address(0))];
        for (uint256 i; i < 3; ++i) {
            _offer(ih[i], owner, bob);
        }
        (bytes32[] memory hashes, address[] memory owners, uint256 total) = registry.offersTo(bob, 0, MAX);
        assertTrue(hashes.length == 3 && owners.length == 3 && total == 3, "all three");
        for (uint256 i; i < 3; ++i) {
            assertEq(hashes[i], ih[i], "oldest first");
            assertEq(owners[i], owner, "offered by");
        }
        (hashes, owners, total) = registry.offersTo(bob, 3, 1);
        assertTrue(hashes.length == 0 && owners.length == 0 && total == 3, "offset at the end");
        (hashes, owners, total) = registry.offersTo(bob, MAX, MAX);
        assertTrue(hashes.length == 0 && total == 3, "offset 2^256-1");
        (hashes, owners, total) = registry.offersTo(bob, 0, 0);
        assertTrue(hashes.length == 0 && owners.length == 0 && total == 3, "limit 0");
        (hashes, owners, total) = registry.offersTo(bob, 1, MAX);
        assertTrue(hashes.length == 2 && hashes[0] == ih[1] && hashes[1] == ih[2] && owners.length == 2, "overflow");
        (hashes, owners, total) = registry.offersTo(bob, 2, 7);
        assertTrue(hashes.length == 1 && hashes[0] == ih[2] && owners[0] == owner, "a limit past the end");
    }

    function test_GrantsTo_PagesAreClampedToTheList() public {
        bytes32 ih = _register(address(multiParty));
        bytes32[3] memory uid;
        for (uint256 i; i < 3; ++i) {
            uid[i] = _attest(owner, alice, ih, i + 1, Capabilities.CLAIM, 0);
        }
        (IntegraCapabilityResolverV1.Grant[] memory grants, uint256 total) = capabilityResolver.grantsTo(alice, 0, MAX);
        assertTrue(grants.length == 3 && total == 3, "all three");
        for (uint256 i; i < 3; ++i) {
            assertEq(grants[i].attestation.uid, uid[i], "oldest first");
        }
        (grants, total) = capabilityResolver.grantsTo(alice, 3, 1);
        assertTrue(grants.length == 0 && total == 3, "offset at the end");
        (grants, total) = capabilityResolver.grantsTo(alice, MAX, MAX);
        assertTrue(grants.length == 0 && total == 3, "offset 2^256-1");
        (grants, total) = capabilityResolver.grantsTo(alice, 0, 0);
        assertTrue(grants.length == 0 && total == 3, "limit 0");
        (grants, total) = capabilityResolver.grantsTo(alice, 1, MAX);
        assertTrue(
            grants.length == 2 && grants[0].attestation.uid == uid[1] && grants[1].attestation.uid == uid[2], "overflow"
        );
        (grants, total) = capabilityResolver.grantsTo(alice, 2, 9);
        assertTrue(grants.length == 1 && grants[0].attestation.uid == uid[2], "a limit past the end");
    }

    // ================================================================== reservationsOf

    /// @dev Alice's list is R1, R2, R1 (R1 reserved to her again after R2): a full read lists each token once, and
    /// a client paging one entry at a time sees R1's tokens twice, on pages 0 and 2 (it keeps one row per
    /// (integraHash, tokenId)). `total` counts list entries, not tokens.
    function test_ReservationsOf_RecordListedTwice_OncePerPageTwiceAcrossPages() public {
        bytes32 r1 = _register(address(multiParty));
        bytes32 r2 = _register(address(multiParty));
        _reserveOn(multiParty, r1, 1, alice, 3, "Buyer");
        _reserveOn(multiParty, r2, 1, alice, 4, "");
        _reserveOn(multiParty, r1, 2, alice, 5, "Guarantor");

        (IntegraTokenizerBase.Reservation[] memory rows, uint256 total,) = multiParty.reservationsOf(alice, 0, MAX);
        assertEq(total, 3, "three list entries");
        assertEq(rows.length, 3, "three tokens, each once");
        _assertRow(rows[0], r1, 1, IntegraTokenizerBase.TokenStatus.Reserved, 3, "Buyer");
        _assertRow(rows[1], r1, 2, IntegraTokenizerBase.TokenStatus.Reserved, 5, "Guarantor");
        _assertRow(rows[2], r2, 1, IntegraTokenizerBase.TokenStatus.Reserved, 4, "");

        uint256 seen;
        uint256 r1Rows;
        for (uint256 offset; offset < total; ++offset) {
            (rows,,) = multiParty.reservationsOf(alice, offset, 1);
            seen += rows.length;
            for (uint256 i; i < rows.length; ++i) {
                if (rows[i].integraHash == r1) r1Rows++;
            }
        }
        assertEq(seen, 5, "paging by one: R1's two tokens on pages 0 and 2, R2's on page 1");
        assertEq(r1Rows, 4, "R1's tokens seen twice each");

        (rows,,) = multiParty.reservationsOf(alice, 0, 2); // R1, R2
        assertEq(rows.length, 3, "page 0 of 2");
        (rows,,) = multiParty.reservationsOf(alice, 2, 2); // R1 again
        assertTrue(rows.length == 2 && rows[0].integraHash == r1 && rows[1].integraHash == r1, "page 1 of 2: R1 again");
    }

    /// @dev A token reserved to alice, then (cancelled) to bob, then to alice again: with nothing reserved to alice in
    /// between, her list has the record once (an append is skipped when the record is already her last entry);
    /// with another record reserved to her in between, it is listed twice.
    function test_ReservationsOf_ReservedToAThenBThenA() public {
        bytes32 r1 = _register(address(multiParty));
        _reserveOn(multiParty, r1, 1, alice, 1, "");
        _cancelOn(multiParty, r1, 1);
        _reserveOn(multiParty, r1, 1, bob, 1, "");
        _assertNoReservations(multiParty, alice, 1);
        _cancelOn(multiParty, r1, 1);
        _reserveOn(multiParty, r1, 1, alice, 2, "");
        (IntegraTokenizerBase.Reservation[] memory rows, uint256 total,) = multiParty.reservationsOf(alice, 0, MAX);
        assertTrue(rows.length == 1 && total == 1, "alice's list: R1 once");
        _assertRow(rows[0], r1, 1, IntegraTokenizerBase.TokenStatus.Reserved, 2, "");
        _assertNoReservations(multiParty, bob, 1);

        bytes32 r2 = _register(address(multiParty));
        _reserveOn(multiParty, r2, 1, alice, 1, "");
        _cancelOn(multiParty, r1, 1);
        _reserveOn(multiParty, r1, 1, bob, 1, "");
        _cancelOn(multiParty, r1, 1);
        _reserveOn(multiParty, r1, 1, alice, 3, "");
        (rows, total,) = multiParty.reservationsOf(alice, 0, MAX);
        assertEq(total, 3, "alice's list: R1, R2, R1");
        assertEq(rows.length, 2, "each token once in a full read");
        _assertRow(rows[0], r1, 1, IntegraTokenizerBase.TokenStatus.Reserved, 3, "");
        _assertRow(rows[1], r2, 1, IntegraTokenizerBase.TokenStatus.Reserved, 1, "");
        (rows,,) = multiParty.reservationsOf(alice, 2, 1);
        assertTrue(rows.length == 1 && rows[0].integraHash == r1, "R1 again on the last page");
    }

    function test_ReservationsOf_CancelDropsTheToken() public {
        bytes32 ih = _register(address(multiParty));
        _reserveOn(multiParty, ih, 1, alice, 1, "");
        _reserveOn(multiParty, ih, 2, alice, 2, "");
        _cancelOn(multiParty, ih, 1);
        (IntegraTokenizerBase.Reservation[] memory rows, uint256 total,) = multiParty.reservationsOf(alice, 0, MAX);
        assertTrue(rows.length == 1 && total == 1, "token 2 only");
        _assertRow(rows[0], ih, 2, IntegraTokenizerBase.TokenStatus.Reserved, 2, "");
        _cancelOn(multiParty, ih, 2);
        _assertNoReservations(multiParty, alice, 1);

        bytes32 deed = _register(address(ownership));
        _reserveOn(ownership, deed, 1, alice, 1, "");
        _cancelOn(ownership, deed, 1);
        _assertNoReservations(ownership, alice, 1);
    }

    function test_ReservationsOf_ReReservationMovesTheTokenToTheNewRecipient() public {
        bytes32 deed = _register(address(ownership));
        _reserveOn(ownership, deed, 1, alice, 1, "Buyer");
        _cancelOn(ownership, deed, 1);
        _reserveOn(ownership, deed, 1, bob, 1, "Buyer");
        _assertNoReservations(ownership, alice, 1);
        (IntegraTokenizerBase.Reservation[] memory rows, uint256 total,) = ownership.reservationsOf(bob, 0, MAX);
        assertTrue(rows.length == 1 && total == 1, "bob's now");
        _assertRow(rows[0], deed, 1, IntegraTokenizerBase.TokenStatus.Reserved, 1, "Buyer");
    }

    /// @dev A claimed token stays on its claimant's list as Claimed, also after the claimant hands it on (the view
    /// lists tokens reserved for or claimed by an account, not holdings).
    function test_ReservationsOf_ClaimedTokenStaysAsClaimed() public {
        address[] memory recipients = new address[](2);
        (recipients[0], recipients[1]) = (alice, bob);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (7, 9);
        bytes32 ih = _registerWithParties(address(multiParty), recipients, amounts);
        _claim(multiParty, alice, ih, 1);
        (IntegraTokenizerBase.Reservation[] memory rows,,) = multiParty.reservationsOf(alice, 0, MAX);
        assertEq(rows.length, 1, "alice's token");
        _assertRow(rows[0], ih, 1, IntegraTokenizerBase.TokenStatus.Claimed, 7, "");
        (rows,,) = multiParty.reservationsOf(bob, 0, MAX);
        _assertRow(rows[0], ih, 2, IntegraTokenizerBase.TokenStatus.Reserved, 9, "");

        uint256 erc1155Id = multiParty.erc1155IdOf(ih, 1);
        vm.prank(alice);
        multiParty.safeTransferFrom(alice, carol, erc1155Id, 7, "");
        (rows,,) = multiParty.reservationsOf(alice, 0, MAX);
        assertTrue(rows.length == 1 && rows[0].status == IntegraTokenizerBase.TokenStatus.Claimed, "still alice's");
        _assertNoReservations(multiParty, carol, 0);

        bytes32 deed = _register(address(ownership));
        _reserveOn(ownership, deed, 1, carol, 1, "Buyer");
        bytes32 uid = _attestClaim(carol, deed, 1);
        vm.prank(carol);
        ownership.claimToken(deed, 1, uid, PROCESS);
        (rows,,) = ownership.reservationsOf(carol, 0, MAX);
        assertEq(rows.length, 1, "carol's deed");
        _assertRow(rows[0], deed, 1, IntegraTokenizerBase.TokenStatus.Claimed, 1, "Buyer");
    }

    // ================================================================== roles

    function test_Roles_RoundTripLongestAndEmpty() public {
        assertEq(bytes(LONGEST_ROLE).length, 32, "the longest role");
        bytes32 ih = _register(address(multiParty));
        _reserveOn(multiParty, ih, 1, alice, 1, LONGEST_ROLE);
        _reserveOn(multiParty, ih, 2, alice, 1, "");
        _reserveOn(multiParty, ih, 3, alice, 1, unicode"Käufer");
        assertEq(multiParty.roleOf(ih, 1), LONGEST_ROLE, "32 bytes");
        assertEq(multiParty.roleOf(ih, 2), "", "empty");
        assertEq(multiParty.roleOf(ih, 3), unicode"Käufer", "multi-byte UTF-8");
        (IntegraTokenizerBase.Reservation[] memory rows,,) = multiParty.reservationsOf(alice, 0, MAX);
        assertEq(rows.length, 3, "three tokens");
        _assertRow(rows[0], ih, 1, IntegraTokenizerBase.TokenStatus.Reserved, 1, LONGEST_ROLE);
        _assertRow(rows[1], ih, 2, IntegraTokenizerBase.TokenStatus.Reserved, 1, "");
        _assertRow(rows[2], ih, 3, IntegraTokenizerBase.TokenStatus.Reserved, 1, unicode"Käufer");
    }

    /// @dev A cancelled token keeps the role it was last reserved in; reserving it again sets the new role, and an
    /// empty one clears the old.
    function test_Roles_ReReservationReplacesAndAnEmptyRoleClears() public {
        bytes32 ih = _register(address(multiParty));
        _reserveOn(multiParty, ih, 1, alice, 1, LONGEST_ROLE);
        _cancelOn(multiParty, ih, 1);
        assertEq(multiParty.roleOf(ih, 1), LONGEST_ROLE, "a cancelled token keeps its last role");
        _reserveOn(multiParty, ih, 1, bob, 1, "Seller");
        assertEq(multiParty.roleOf(ih, 1), "Seller", "a shorter role replaces it, no leftover bytes");
        (IntegraTokenizerBase.Reservation[] memory rows,,) = multiParty.reservationsOf(bob, 0, MAX);
        _assertRow(rows[0], ih, 1, IntegraTokenizerBase.TokenStatus.Reserved, 1, "Seller");
        _cancelOn(multiParty, ih, 1);
        _reserveOn(multiParty, ih, 1, alice, 1, "");
        assertEq(multiParty.roleOf(ih, 1), "", "an empty role clears the old one");
        (rows,,) = multiParty.reservationsOf(alice, 0, MAX);
        assertEq(rows.length, 1, "alice's again");
        _assertRow(rows[0], ih, 1, IntegraTokenizerBase.TokenStatus.Reserved, 1, "");

        bytes32 deed = _register(address(ownership));
        _reserveOn(ownership, deed, 1, alice, 1, "Buyer");
        _cancelOn(ownership, deed, 1);
        _reserveOn(ownership, deed, 1, alice, 1, "");
        assertEq(ownership.roleOf(deed, 1), "", "ownership: an empty role clears the old one");
        (rows,,) = ownership.reservationsOf(alice, 0, MAX);
        _assertRow(rows[0], deed, 1, IntegraTokenizerBase.TokenStatus.Reserved, 1, "");
    }

    /// @dev registerWithParties with two parties for alice: her list has the record once, and the view returns both
    /// tokens with their roles.
    function test_ReservationsOf_RegisterWithTwoPartiesForOneRecipient() public {
        IIntegraTokenizer.Party[] memory parties = new IIntegraTokenizer.Party[](3);
        parties[0] = IIntegraTokenizer.Party({recipient: alice, amount: 3, role: "Buyer"});
        parties[1] = IIntegraTokenizer.Party({recipient: bob, amount: 4, role: "Seller"});
        parties[2] = IIntegraTokenizer.Party({recipient: alice, amount: 5, role: LONGEST_ROLE});
        vm.prank(owner);
        bytes32 ih = registry.registerWithParties(
            CONTENT, hex"c1f3", address(multiParty), executor, PROCESS, new address[](0), parties
        );
        (IntegraTokenizerBase.Reservation[] memory rows, uint256 total,) = multiParty.reservationsOf(alice, 0, MAX);
        assertEq(total, 1, "the record once on alice's list");
        assertEq(rows.length, 2, "both of alice's tokens");
        _assertRow(rows[0], ih, 1, IntegraTokenizerBase.TokenStatus.Reserved, 3, "Buyer");
        _assertRow(rows[1], ih, 3, IntegraTokenizerBase.TokenStatus.Reserved, 5, LONGEST_ROLE);
        (rows, total,) = multiParty.reservationsOf(bob, 0, MAX);
        assertTrue(rows.length == 1 && total == 1, "bob's one");
        _assertRow(rows[0], ih, 2, IntegraTokenizerBase.TokenStatus.Reserved, 4, "Seller");
        assertEq(multiParty.roleOf(ih, 2), "Seller", "roleOf");
    }

    // ================================================================== recordsOwnedBy

    function test_RecordsOwnedBy_FollowsRegisterOfferAcceptAndTransferBack() public {
        bytes32 ih = _register(address(multiParty));
        (bytes32[] memory hashes, uint256 total) = _owned(owner);
        assertTrue(hashes.length == 1 && hashes[0] == ih && total == 1, "registered");

        _offer(ih, owner, bob);
        (hashes,) = _owned(owner);
        assertTrue(hashes.length == 1 && hashes[0] == ih, "still the owner's while offered");
        (hashes, total) = _owned(bob);
        assertTrue(hashes.length == 0 && total == 0, "not bob's before he accepts");

        _accept(ih, bob);
        (hashes, total) = _owned(owner);
        assertTrue(hashes.length == 0 && total == 1, "dropped from the former owner");
        IntegraRecordV1.RecordInfo[] memory infos;
        (hashes, infos, total) = registry.recordsOwnedBy(bob, 0, MAX);
        assertTrue(hashes.length == 1 && hashes[0] == ih && total == 1, "the new owner's");
        assertEq(infos[0].owner, bob, "info: the new owner");
        assertEq(infos[0].executor, address(0), "info: the executor went with the transfer");

        _offer(ih, bob, owner);
        _accept(ih, owner);
        (hashes, total) = _owned(owner);
        assertTrue(hashes.length == 1 && hashes[0] == ih, "back with the owner");
        assertEq(total, 1, "its last entry already: not appended again");
        (hashes, total) = _owned(bob);
        assertTrue(hashes.length == 0 && total == 1, "dropped from bob");
    }

    /// @dev The owner's list R1, R2, R1 (R1 sold and bought back after R2 was registered): one row each in a full
    /// read, R1 twice when paging one entry at a time.
    function test_RecordsOwnedBy_RecordListedTwice_OncePerPage() public {
        bytes32 r1 = _register(address(multiParty));
        _sell(r1, bob);
        bytes32 r2 = _register(address(ownership));
        _sell(r1, owner);
        (bytes32[] memory hashes, uint256 total) = _owned(owner);
        assertEq(total, 3, "R1, R2, R1");
        assertTrue(hashes.length == 2 && hashes[0] == r1 && hashes[1] == r2, "each once");
        uint256 r1Rows;
        for (uint256 offset; offset < total; ++offset) {
            (hashes,,) = registry.recordsOwnedBy(owner, offset, 1);
            assertEq(hashes.length, 1, "one per page");
            if (hashes[0] == r1) r1Rows++;
        }
        assertEq(r1Rows, 2, "R1 on pages 0 and 2");
    }

    // ================================================================== offersTo

    function test_OffersTo_FollowsOfferReplaceCancelAccept() public {
        bytes32 ih = _register(address(multiParty));
        _offer(ih, owner, bob);
        (bytes32[] memory hashes, address[] memory owners, uint256 total) = registry.offersTo(bob, 0, MAX);
        assertTrue(hashes.length == 1 && hashes[0] == ih && owners[0] == owner && total == 1, "offered to bob");

        _offer(ih, owner, carol); // replaces the offer to bob
        (hashes, total) = _offers(bob);
        assertTrue(hashes.length == 0 && total == 1, "a replaced offer drops");
        (hashes, total) = _offers(carol);
        assertTrue(hashes.length == 1 && hashes[0] == ih, "offered to carol");

        vm.prank(owner);
        registry.cancelOwnershipOffer(ih);
        (hashes, total) = _offers(carol);
        assertTrue(hashes.length == 0 && total == 1, "a cancelled offer drops");

        _offer(ih, owner, bob);
        (hashes, total) = _offers(bob);
        assertTrue(hashes.length == 1 && total == 1, "offered to bob again: its last entry already");
        _accept(ih, bob);
        (hashes, total) = _offers(bob);
        assertTrue(hashes.length == 0 && total == 1, "an accepted offer drops");
        (hashes,) = _owned(bob);
        assertTrue(hashes.length == 1 && hashes[0] == ih, "bob owns it");

        _offer(ih, bob, carol);
        (hashes, owners,) = registry.offersTo(carol, 0, MAX);
        assertTrue(hashes.length == 1 && owners[0] == bob, "the offer names the owner now");
    }

    // ================================================================== grantsTo

    function test_GrantsTo_KeepsRevokedAttestationsWithTheirRevocationTime() public {
        bytes32 ih = _register(address(multiParty));
        bytes32 uid = _attest(owner, alice, ih, 1, Capabilities.CLAIM, 0);
        bytes32 byExecutor = _attest(
            executor, alice, ih, 2, Capabilities.CLAIM | Capabilities.TRANSFER, uint64(block.timestamp + 1 days)
        );
        IntegraCapabilityResolverV1.Grant[] memory grants = _grants(alice);
        assertEq(grants.length, 2, "two grants");
        Attestation memory a = grants[0].attestation;
        assertEq(a.uid, uid, "uid");
        assertEq(a.schema, capabilitySchema, "schema");
        assertEq(a.recipient, alice, "recipient");
        assertEq(a.attester, owner, "attester");
        assertEq(a.revocationTime, 0, "not revoked");
        assertEq(a.data, abi.encode(ih, uint256(1), Capabilities.CLAIM, PROCESS), "data");
        assertTrue(grants[0].currentAuthority && grants[1].currentAuthority, "current authority");
        assertEq(grants[1].attestation.uid, byExecutor, "the executor's");
        assertEq(grants[1].attestation.expirationTime, block.timestamp + 1 days, "expiry");

        vm.warp(block.timestamp + 1 hours);
        _revoke(owner, uid);
        grants = _grants(alice);
        assertEq(grants.length, 2, "a revoked attestation stays listed");
        assertEq(grants[0].attestation.revocationTime, block.timestamp, "with its revocation time");
        assertTrue(grants[0].currentAuthority, "revocation is EAS's business, not the epoch's");
        assertEq(grants[1].attestation.revocationTime, 0, "the other one is not revoked");
    }

    function test_GrantsTo_CurrentAuthorityEndsWithAnExecutorChange() public {
        bytes32 ih = _register(address(multiParty));
        _attest(owner, alice, ih, 1, Capabilities.CLAIM, 0);
        _appointExecutor(ih, carol);
        IntegraCapabilityResolverV1.Grant[] memory grants = _grants(alice);
        assertTrue(grants.length == 1 && !grants[0].currentAuthority, "issued under an earlier epoch");
        bytes32 fresh = _attest(carol, alice, ih, 1, Capabilities.CLAIM, 0);
        grants = _grants(alice);
        assertTrue(grants.length == 2 && !grants[0].currentAuthority, "the old one stays dead");
        assertTrue(grants[1].attestation.uid == fresh && grants[1].currentAuthority, "the new one is current");
        // Back to the same executor: the epoch moves on, nothing issued before comes back.
        _appointExecutor(ih, carol);
        grants = _grants(alice);
        assertTrue(!grants[0].currentAuthority && !grants[1].currentAuthority, "re-appointment kills them too");
    }

    function test_GrantsTo_CurrentAuthorityEndsWithAnOwnershipTransfer() public {
        bytes32 ih = _register(address(multiParty));
        bytes32 other = _register(address(multiParty));
        _attest(owner, alice, ih, 1, Capabilities.CLAIM, 0);
        _attest(owner, alice, other, 1, Capabilities.CLAIM, 0);
        _sell(ih, bob);
        IntegraCapabilityResolverV1.Grant[] memory grants = _grants(alice);
        assertEq(grants.length, 2, "both listed");
        assertTrue(!grants[0].currentAuthority, "the sold record's grant is dead");
        assertTrue(grants[1].currentAuthority, "the other record's grant lives");
        _attest(bob, alice, ih, 1, Capabilities.CLAIM, 0);
        grants = _grants(alice);
        assertTrue(grants.length == 3 && grants[2].currentAuthority, "the new owner's grant");
    }

    // ================================================================== strangers

    /// @dev Lists hold only what happened to the account: a stranger's own record, reservation and grant show on the
    /// stranger's lists alone, and its failed attempts on someone else's record leave every list as it was.
    function test_Stranger_ActionsShowOnlyOnItsOwnLists() public {
        bytes32 ih = _register(address(multiParty));
        _reserveOn(multiParty, ih, 1, alice, 1, "Buyer");
        _attestClaim(alice, ih, 1);

        bytes32 own = _registerBy(stranger);
        vm.prank(stranger);
        multiParty.reserveToken(own, 1, stranger, 1, bytes32(0), "Self");
        bytes32 uid = _attestUnder(bytes32(0), stranger, stranger, own, 1, Capabilities.CLAIM, 0);

        vm.startPrank(stranger);
        (bool ok,) =
            address(multiParty).call(abi.encodeCall(multiParty.reserveToken, (ih, 2, stranger, 1, PROCESS, "")));
        assertTrue(!ok, "reserving on someone else's record");
        (ok,) = address(registry).call(abi.encodeCall(registry.offerRecordOwnership, (ih, stranger, "mine")));
        assertTrue(!ok, "offering someone else's record");
        (ok,) = address(registry).call(abi.encodeCall(registry.acceptRecordOwnership, (ih, registry.recordVersionOf(ih))));
        assertTrue(!ok, "accepting a record not offered");
        (ok,) = address(registry).call(
            abi.encodeCall(registry.register, (CONTENT, hex"", address(multiParty), address(0), PROCESS, new address[](0)))
        );
        assertTrue(!ok, "registering into someone else's workflow");
        (ok,) = address(registry).call(abi.encodeCall(registry.acceptExecutorRole, (ih)));
        assertTrue(!ok, "accepting an executor role not offered");
        vm.stopPrank();

        (bytes32[] memory hashes, uint256 total) = _owned(stranger);
        assertTrue(hashes.length == 1 && hashes[0] == own && total == 1, "the stranger's record");
        (IntegraTokenizerBase.Reservation[] memory rows,,) = multiParty.reservationsOf(stranger, 0, MAX);
        assertTrue(rows.length == 1 && rows[0].integraHash == own, "the stranger's reservation");
        IntegraCapabilityResolverV1.Grant[] memory grants = _grants(stranger);
        assertTrue(grants.length == 1 && grants[0].attestation.uid == uid, "the stranger's grant");

        address[4] memory others = [owner, alice, bob, executor];
        for (uint256 i; i < others.length; ++i) {
            (hashes,) = _owned(others[i]);
            for (uint256 j; j < hashes.length; ++j) {
                assertTrue(hashes[j] != own, "the stranger's record on another's list");
            }
            (hashes,) = _offers(others[i]);
            assertEq(hashes.length, 0, "no offers");
            (rows,,) = multiParty.reservationsOf(others[i], 0, MAX);
            for (uint256 j; j < rows.length; ++j) {
                assertTrue(rows[j].integraHash != own, "the stranger's reservation on another's list");
            }
            grants = _grants(others[i]);
            for (uint256 j; j < grants.length; ++j) {
                assertTrue(grants[j].attestation.uid != uid, "the stranger's grant on another's list");
            }
        }
        (hashes, total) = _owned(owner);
        assertTrue(hashes.length == 1 && hashes[0] == ih && total == 1, "the owner's list unchanged");
        (rows, total,) = multiParty.reservationsOf(alice, 0, MAX);
        assertTrue(rows.length == 1 && rows[0].integraHash == ih && total == 1, "alice's reservations unchanged");
        assertEq(_grants(alice).length, 1, "alice's grants unchanged");
        (hashes, total) = _offers(stranger);
        assertTrue(hashes.length == 0 && total == 0, "no offer to the stranger");
    }

    // ================================================================== bounds an attacker cannot lift

    function test_RevertWhen_ARecordUsesMoreThanMaxTokenIds() public {
        bytes32 ih = _register(address(multiParty));
        uint256 max = multiParty.MAX_TOKEN_IDS();
        for (uint256 id = 1; id <= max; ++id) {
            _reserveOn(multiParty, ih, id, alice, 1, "");
        }
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.TooManyTokenIds.selector, ih, max));
        multiParty.reserveToken(ih, max + 1, bob, 1, PROCESS, "");
        // A cancelled id still counts: cancelling does not make room for a new one, only for the same id again.
        _cancelOn(multiParty, ih, 1);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.TooManyTokenIds.selector, ih, max));
        multiParty.reserveToken(ih, max + 1, bob, 1, PROCESS, "");
        _reserveOn(multiParty, ih, 1, bob, 1, "");
        (bool ok,) = _tokenStatusIs(ih, 1, bob);
        assertTrue(ok, "the cancelled id is reserved again");
    }

    function _tokenStatusIs(bytes32 ih, uint256 id, address who) internal view returns (bool ok, uint256 amount) {
        (IntegraTokenizerBase.TokenStatus status, address reservedFor, uint256 value,) = multiParty.tokenStatus(ih, id);
        return (status == IntegraTokenizerBase.TokenStatus.Reserved && reservedFor == who, value);
    }

    /// @dev A stranger floods a victim's list with records of MAX_TOKEN_IDS parties, every one the victim with the
    /// longest role. Each page stops at MAX_TOKENS_PER_PAGE tokens, so each fits an eth_call's 30M gas, read cold;
    /// paging on `next` returns every token once.
    function test_ReservationsOf_WorstCasePagesFitAnEthCallGasCap() public {
        uint256 max = multiParty.MAX_TOKEN_IDS();
        uint256 records = 50; // AccountLists.MAX_PAGE
        IIntegraTokenizer.Party[] memory parties = new IIntegraTokenizer.Party[](max);
        for (uint256 i; i < max; ++i) {
            parties[i] = IIntegraTokenizer.Party({recipient: alice, amount: 1, role: LONGEST_ROLE});
        }
        for (uint256 r; r < records; ++r) {
            vm.prank(stranger);
            registry.registerWithParties(
                CONTENT, hex"", address(multiParty), address(0), bytes32(0), new address[](0), parties
            );
        }
        uint256 tokens;
        uint256 pages;
        uint256 heaviest;
        for (uint256 offset; offset < records; ++pages) {
            // As in an eth_call: every slot read cold, and the call capped at 30M less the transaction's 21k.
            vm.cool(address(multiParty));
            vm.cool(address(registry));
            uint256 before = gasleft();
            (bool ok, bytes memory answer) = address(multiParty).staticcall{gas: 30_000_000 - 21_000}(
                abi.encodeCall(multiParty.reservationsOf, (alice, offset, MAX))
            );
            uint256 used = before - gasleft();
            assertTrue(ok, "a page fits a 30M eth_call");
            if (used > heaviest) heaviest = used;
            (IntegraTokenizerBase.Reservation[] memory rows, uint256 total, uint256 next) =
                abi.decode(answer, (IntegraTokenizerBase.Reservation[], uint256, uint256));
            assertEq(total, records, "list length");
            assertEq(rows.length, (next - offset) * max, "every token of the records read");
            assertEq(next - offset, multiParty.MAX_TOKENS_PER_PAGE() / max, "the page stops at its token budget");
            assertEq(rows[0].role, LONGEST_ROLE, "with roles");
            tokens += rows.length;
            offset = next;
        }
        emit WorstCasePageGas(heaviest);
        assertEq(tokens, records * max, "paging on next returns every token");
        assertEq(pages, 5, "5 pages of 10 records");
    }

    function test_RevertWhen_RegisterWithPartiesExceedsMaxTokenIds() public {
        uint256 max = multiParty.MAX_TOKEN_IDS();
        IIntegraTokenizer.Party[] memory parties = new IIntegraTokenizer.Party[](max + 1);
        for (uint256 i; i <= max; ++i) {
            parties[i] = IIntegraTokenizer.Party({recipient: alice, amount: 1, role: ""});
        }
        uint256 nonce = registry.nonces(owner);
        bytes32 expected = keccak256(abi.encode(block.chainid, address(registry), owner, CONTENT, nonce));
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.TooManyTokenIds.selector, expected, max));
        registry.registerWithParties(CONTENT, hex"", address(multiParty), address(0), PROCESS, new address[](0), parties);
        assertEq(registry.nonces(owner), nonce, "the whole registration was undone");
        _assertNoReservations(multiParty, alice, 0);
    }

    function test_Pages_AreClampedToMaxPage() public {
        for (uint256 i; i < 60; ++i) {
            _registerBy(alice);
        }
        (bytes32[] memory hashes, IntegraRecordV1.RecordInfo[] memory records, uint256 total) =
            registry.recordsOwnedBy(alice, 0, MAX);
        assertEq(total, 60, "the whole list is counted");
        assertEq(hashes.length, 50, "a page holds at most MAX_PAGE entries");
        assertEq(records.length, 50, "and as many records");
        (hashes,, total) = registry.recordsOwnedBy(alice, 50, 50);
        assertEq(hashes.length, 10, "the rest on the next page");
    }

    function test_RevertWhen_CapabilityDataIsPadded() public {
        bytes32 ih = _register(address(multiParty));
        bytes memory padded = abi.encodePacked(abi.encode(ih, uint256(1), Capabilities.CLAIM, PROCESS), new bytes(32));
        vm.expectRevert(abi.encodeWithSelector(IntegraCapabilityResolverV1.InvalidCapabilityData.selector, 160));
        _attestData(owner, alice, 0, padded);
        vm.expectRevert(abi.encodeWithSelector(IntegraCapabilityResolverV1.InvalidCapabilityData.selector, 96));
        _attestData(owner, alice, 0, abi.encode(ih, uint256(1), Capabilities.CLAIM));
        vm.expectRevert(abi.encodeWithSelector(IntegraCapabilityResolverV1.InvalidCapabilityData.selector, 0));
        _attestData(owner, alice, 0, "");
        // A batch goes through the same check: one padded attestation undoes the batch.
        AttestationRequestData[] memory batch = new AttestationRequestData[](2);
        batch[0] = AttestationRequestData({
            recipient: alice,
            expirationTime: 0,
            revocable: true,
            refUID: bytes32(0),
            data: abi.encode(ih, uint256(1), Capabilities.CLAIM, PROCESS),
            value: 0
        });
        batch[1] = batch[0];
        batch[1].data = padded;
        MultiAttestationRequest[] memory requests = new MultiAttestationRequest[](1);
        requests[0] = MultiAttestationRequest({schema: capabilitySchema, data: batch});
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IntegraCapabilityResolverV1.InvalidCapabilityData.selector, 160));
        eas.multiAttest(requests);
        assertEq(_grants(alice).length, 0, "nothing was listed");
    }
}
