// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC2771Context} from "@openzeppelin/contracts/metatx/ERC2771Context.sol";
import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {IntegraFixture} from "../utils/IntegraFixture.sol";
import {IIntegraRecord} from "../../src/interfaces/IIntegraRecord.sol";
import {IIntegraCapabilityResolver} from "../../src/interfaces/IIntegraCapabilityResolver.sol";
import {MultiPartyTokenizerV1} from "../../src/tokenizers/MultiPartyTokenizerV1.sol";
import {OwnershipTokenizerV1} from "../../src/tokenizers/OwnershipTokenizerV1.sol";

/// @dev Reports, for the calldata it is called with, the sender the tokenizer sees and the one OpenZeppelin's
/// ERC2771Context would have seen. `senders` takes no arguments, so ABI decoding ignores any tail after its selector.
interface ISenders {
    function senders() external view returns (address ours, address openZeppelins);
}

contract MultiPartySendersHarness is MultiPartyTokenizerV1, ISenders {
    constructor(
        IIntegraRecord registry_,
        IEAS eas_,
        bytes32 schema_,
        IIntegraCapabilityResolver resolver_,
        address forwarder_
    ) MultiPartyTokenizerV1(registry_, eas_, schema_, resolver_, forwarder_) {}

    function senders() external view returns (address, address) {
        return (_msgSender(), ERC2771Context._msgSender());
    }
}

contract OwnershipSendersHarness is OwnershipTokenizerV1, ISenders {
    constructor(
        IIntegraRecord registry_,
        IEAS eas_,
        bytes32 schema_,
        IIntegraCapabilityResolver resolver_,
        address forwarder_
    ) OwnershipTokenizerV1(registry_, eas_, schema_, resolver_, forwarder_) {}

    function senders() external view returns (address, address) {
        return (_msgSender(), ERC2771Context._msgSender());
    }
}

/// @notice The tokenizers read the ERC-2771 sender with one `calldataload` instead of OpenZeppelin's calldata slice:
/// for any caller and any calldata (shorter than the suffix, exactly it, longer), both read the same address.
contract MsgSenderFuzzTest is IntegraFixture {
    ISenders[2] internal harnesses;

    function setUp() public override {
        super.setUp();
        harnesses[0] =
            new MultiPartySendersHarness(registry, eas, capabilitySchema, capabilityResolver, address(forwarder));
        harnesses[1] =
            new OwnershipSendersHarness(registry, eas, capabilitySchema, capabilityResolver, address(forwarder));
    }

    function _senders(ISenders harness, address caller, bytes memory tail) internal returns (address, address) {
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(harness).call(abi.encodePacked(ISenders.senders.selector, tail));
        require(ok, "senders reverted");
        return abi.decode(ret, (address, address));
    }

    function testFuzz_MsgSender_MatchesOpenZeppelin(address caller, bool fromForwarder, bytes memory tail) public {
        if (fromForwarder) caller = address(forwarder);
        for (uint256 i; i < harnesses.length; ++i) {
            (address ours, address openZeppelins) = _senders(harnesses[i], caller, tail);
            assertEq(ours, openZeppelins, "same sender as ERC2771Context");
        }
    }

    /// @dev The cases the fuzzer may not hit on its own: a suffix cut short, exactly the suffix, and a stranger's.
    function test_MsgSender_EdgesOfTheSuffix() public {
        address signer = address(0xB0B);
        for (uint256 i; i < harnesses.length; ++i) {
            ISenders harness = harnesses[i];
            // Selector + 15 bytes: 19 bytes of calldata, shorter than the suffix, so the forwarder is the sender.
            (address ours, address openZeppelins) = _senders(harness, address(forwarder), new bytes(15));
            assertEq(ours, address(forwarder), "short calldata: the forwarder itself");
            assertEq(openZeppelins, address(forwarder), "short calldata: OZ agrees");
            // Selector + 16 bytes: 20 bytes, the sender is all of them, the selector's included.
            (ours, openZeppelins) = _senders(harness, address(forwarder), new bytes(16));
            assertEq(ours, openZeppelins, "exactly the suffix");
            assertEq(ours, address(bytes20(abi.encodePacked(ISenders.senders.selector, new bytes(16)))), "its bytes");
            (ours,) = _senders(harness, address(forwarder), abi.encodePacked(bytes32(0), signer));
            assertEq(ours, signer, "forwarded: the appended signer");
            (ours,) = _senders(harness, stranger, abi.encodePacked(bytes32(0), signer));
            assertEq(ours, stranger, "not from the forwarder: the caller, whatever it appends");
        }
    }
}
