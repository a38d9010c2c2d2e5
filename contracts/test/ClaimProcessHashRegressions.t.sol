// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    AttestationRequest,
    AttestationRequestData,
    Attestation,
    IEAS
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";
import {SchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/SchemaResolver.sol";
import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IntegraFixture} from "./utils/IntegraFixture.sol";
import {Vm} from "./utils/Vm.sol";
import {IntegraCapabilityResolverV1} from "../src/IntegraCapabilityResolverV1.sol";
import {IntegraTokenizerBase} from "../src/tokenizers/IntegraTokenizerBase.sol";
import {MultiPartyTokenizerV1} from "../src/tokenizers/MultiPartyTokenizerV1.sol";
import {IIntegraTokenizer} from "../src/interfaces/IIntegraTokenizer.sol";
import {Capabilities} from "../src/Capabilities.sol";

/// @dev A resolver that accepts everything.
contract AcceptAllSchemaResolver is SchemaResolver {
    constructor(IEAS eas_) SchemaResolver(eas_) {}

    function onAttest(Attestation calldata, uint256) internal pure override returns (bool) {
        return true;
    }

    function onRevoke(Attestation calldata, uint256) internal pure override returns (bool) {
        return true;
    }
}

/// @dev A party contract that, on receipt, snapshots the tokenizer's state and makes prepared calls.
contract ClaimSpyReceiver is IERC1155Receiver {
    MultiPartyTokenizerV1 public immutable t;
    bytes32 public ih;
    uint256 public seenTokenId;
    IntegraTokenizerBase.TokenStatus public seenStatus;
    bytes32 public seenProcess;
    uint256 public seenClaimed;
    bool public seenComplete;
    bytes[] internal _calls;
    bool[] public oks;
    bytes[] public rets;
    bool internal _busy;

    constructor(MultiPartyTokenizerV1 t_) {
        t = t_;
    }

    function setRecord(bytes32 h) external {
        ih = h;
    }

    function push(bytes calldata data) external {
        _calls.push(data);
    }

    function call_(address to, bytes calldata data) external returns (bool ok, bytes memory ret) {
        (ok, ret) = to.call(data);
    }

    function okAt(uint256 i) external view returns (bool) {
        return oks[i];
    }

    function retAt(uint256 i) external view returns (bytes memory) {
        return rets[i];
    }

    function onERC1155Received(address, address, uint256, uint256, bytes calldata) external returns (bytes4) {
        if (!_busy && ih != bytes32(0)) {
            _busy = true;
            (seenStatus,,, seenProcess) = t.tokenStatus(ih, 1);
            (, seenClaimed, seenComplete) = t.progressOf(ih);
            for (uint256 i; i < _calls.length; ++i) {
                (bool ok, bytes memory ret) = address(t).call(_calls[i]);
                oks.push(ok);
                rets.push(ret);
            }
            delete _calls;
            _busy = false;
        }
        return this.onERC1155Received.selector;
    }

    function onERC1155BatchReceived(address, address, uint256[] calldata, uint256[] calldata, bytes calldata)
        external
        pure
        returns (bytes4)
    {
        return this.onERC1155BatchReceived.selector;
    }

    function supportsInterface(bytes4 id) external pure returns (bool) {
        return id == type(IERC1155Receiver).interfaceId || id == type(IERC165).interfaceId;
    }
}

contract ClaimProcessHashRegressionTest is IntegraFixture {
    bytes32 internal constant FOREIGN = keccak256("attacker's workflow");

    function _twoParty(address a, address b) internal returns (bytes32 h) {
        address[] memory r = new address[](2);
        (r[0], r[1]) = (a, b);
        uint256[] memory amt = new uint256[](2);
        (amt[0], amt[1]) = (1, 1);
        h = _registerWithParties(address(multiParty), r, amt);
    }

    /// Same schema text, permissive resolver, foreign processHash in data: refused by the schema check.
    function test_LookalikeSchemaWithForeignProcessIsRefused() public {
        bytes32 h = _twoParty(alice, bob);
        AcceptAllSchemaResolver fake = new AcceptAllSchemaResolver(eas);
        bytes32 s = schemaRegistry.register(Capabilities.SCHEMA, ISchemaResolver(address(fake)), true);
        bytes32 uid = _attestDataOn(s, stranger, alice, 0, abi.encode(h, uint256(1), Capabilities.CLAIM, FOREIGN));
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.WrongSchema.selector, uid, s));
        vm.prank(alice);
        multiParty.claimToken(h, 1, uid, FOREIGN);
    }

    /// A tokenizer is bound to the capability schema its resolver serves: any other schema is refused at deploy.
    function test_RevertWhen_TokenizerSchemaIsNotTheResolvers() public {
        bytes32 other = schemaRegistry.register(Capabilities.SCHEMA, ISchemaResolver(address(0)), true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IntegraTokenizerBase.SchemaNotResolvedBy.selector, other, address(capabilityResolver)
            )
        );
        new MultiPartyTokenizerV1(registry, eas, other, capabilityResolver, address(forwarder));
    }

    /// Our resolver reused by another schema (here: not revocable): every attestation of it is refused, so no
    /// look-alike grant exists to be listed or claimed with.
    function test_OurResolverOnAnotherSchema() public {
        bytes32 h = _twoParty(alice, bob);
        bytes32 s = schemaRegistry.register(Capabilities.SCHEMA, ISchemaResolver(address(capabilityResolver)), false);
        assertTrue(s != capabilityResolver.capabilitySchema(), "another schema");
        assertEq(capabilityResolver.capabilitySchema(), capabilitySchema, "the resolver knows the schema it serves");
        for (uint256 i; i < 2; ++i) {
            bytes32 process = i == 0 ? FOREIGN : PROCESS;
            vm.prank(owner);
            vm.expectRevert(abi.encodeWithSelector(IntegraCapabilityResolverV1.NotCapabilitySchema.selector, s));
            eas.attest(
                AttestationRequest({
                    schema: s,
                    data: AttestationRequestData({
                        recipient: alice,
                        expirationTime: 0,
                        revocable: false,
                        refUID: bytes32(0),
                        data: abi.encode(h, uint256(1), Capabilities.CLAIM, process),
                        value: 0
                    })
                })
            );
        }
        (IntegraCapabilityResolverV1.Grant[] memory grants,) = capabilityResolver.grantsTo(alice, 0, 50);
        assertEq(grants.length, 0, "nothing listed for alice");
    }

    /// Another registrant reusing the victim's workflow id (or another) gets nothing on the victim's record.
    function test_ReusedProcessHashByAnotherRegistrant() public {
        bytes32 h = _twoParty(alice, bob);
        vm.prank(stranger);
        bytes32 mine = registry.register(CONTENT, hex"", address(multiParty), address(0), PROCESS, new address[](0));
        bytes32 uid =
            _attestData(stranger, alice, 0, abi.encode(mine, uint256(1), Capabilities.CLAIM, PROCESS));
        vm.expectRevert(abi.encodeWithSelector(IntegraTokenizerBase.AttestationForOtherRecord.selector, mine, h));
        vm.prank(alice);
        multiParty.claimToken(h, 1, uid, PROCESS);
        vm.expectRevert(
            abi.encodeWithSelector(IntegraCapabilityResolverV1.AttesterNotOwnerOrExecutor.selector, h, stranger)
        );
        _attestData(stranger, alice, 0, abi.encode(h, uint256(1), Capabilities.CLAIM, PROCESS));
    }

    /// Receiver is the executor and both parties; on the first mint it reads state and re-enters.
    function test_ReentrantExecutorPartyDuringMint() public {
        ClaimSpyReceiver spy = new ClaimSpyReceiver(multiParty);
        address[] memory r = new address[](2);
        (r[0], r[1]) = (address(spy), address(spy));
        uint256[] memory amt = new uint256[](2);
        (amt[0], amt[1]) = (1, 1);
        vm.prank(owner);
        bytes32 h = registry.registerWithParties(
            CONTENT, hex"", address(multiParty), address(spy), PROCESS, new address[](0), _parties(r, amt)
        );
        spy.setRecord(h);
        bytes32 uid1 = _attest(owner, address(spy), h, 1, Capabilities.CLAIM, 0);
        bytes32 uid2 = _attest(owner, address(spy), h, 2, Capabilities.CLAIM, 0);
        spy.push(abi.encodeCall(IntegraTokenizerBase.claimToken, (h, 1, uid1, PROCESS))); // again: AlreadyClaimed
        spy.push(abi.encodeCall(IntegraTokenizerBase.cancelReservation, (h, 2))); // PartySetLocked
        spy.push(abi.encodeCall(IntegraTokenizerBase.reserveToken, (h, 3, alice, 1, PROCESS, ""))); // sealed
        spy.push(abi.encodeCall(IntegraTokenizerBase.claimToken, (h, 2, uid2, PROCESS))); // ok, completes

        vm.recordLogs();
        spy.call_(address(multiParty), abi.encodeCall(IntegraTokenizerBase.claimToken, (h, 1, uid1, PROCESS)));
        Vm.Log[] memory logs = vm.getRecordedLogs();

        assertEq(uint256(spy.seenStatus()), uint256(IntegraTokenizerBase.TokenStatus.Claimed), "mid-mint status");
        assertEq(spy.seenProcess(), PROCESS, "mid-mint processHash");
        assertEq(spy.seenClaimed(), 1, "mid-mint claimed");
        assertTrue(!spy.seenComplete(), "not complete mid-mint");
        assertTrue(!spy.okAt(0) && !spy.okAt(1) && !spy.okAt(2) && spy.okAt(3), "only the other token's claim");
        assertEq(bytes32(bytes4(spy.retAt(0))), bytes32(IntegraTokenizerBase.AlreadyClaimed.selector), "r0");
        assertEq(bytes32(bytes4(spy.retAt(1))), bytes32(IntegraTokenizerBase.PartySetLocked.selector), "r1");
        assertEq(bytes32(bytes4(spy.retAt(2))), bytes32(IntegraTokenizerBase.PartiesAlreadySealed.selector), "r2");
        (uint256 reserved, uint256 claimed, bool complete) = multiParty.progressOf(h);
        assertEq(reserved, 2, "reserved");
        assertEq(claimed, 2, "claimed");
        assertTrue(complete, "complete");

        uint256 completes;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(multiParty) || logs[i].topics.length < 3) continue;
            if (logs[i].topics[0] == keccak256("TransferSingle(address,address,address,uint256,uint256)")) continue;
            assertEq(logs[i].topics[2], PROCESS, "every tokenizer event carries the record's processHash");
            if (logs[i].topics[0] == IntegraTokenizerBase.DocumentComplete.selector) completes++;
        }
        assertEq(completes, 1, "one DocumentComplete");
    }

    /// tokenStatus never reverts for never-reserved tokens, whatever the record (none, no tokenizer, another one).
    function test_TokenStatusOfRecordsWithoutTokensHere() public {
        vm.prank(stranger);
        bytes32 none = registry.register(CONTENT, hex"", address(0), address(0), PROCESS, new address[](0));
        bytes32 other = _register(address(ownership));
        bytes32[3] memory hs = [none, other, keccak256("unknown")];
        for (uint256 i; i < 3; ++i) {
            (IntegraTokenizerBase.TokenStatus s,,, bytes32 p) = multiParty.tokenStatus(hs[i], 1);
            assertEq(uint256(s), 0, "None");
            assertEq(p, bytes32(0), "no processHash");
        }
    }
}
