// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IIntegraTokenizer} from "../../src/interfaces/IIntegraTokenizer.sol";

/// @notice A party that is a contract and misbehaves on receipt: when the handler arms it, the next ERC-721 or
/// ERC-1155 token it receives (a claim's mint or a transfer) makes it call one prepared target with one prepared
/// call (re-enter the tokenizer, the signal contract or the registry), once. It reports what it tried and whether
/// that call succeeded; the handler decides whether that success was allowed.
/// @dev Every other call it makes is the handler's `act`, so it can claim, transfer and request payments as a party.
contract ReentrantReceiver is IERC721Receiver, IERC1155Receiver {
    address public immutable handler;

    bool public armed;
    uint8 public plannedKind;
    address internal _target;
    bytes internal _data;

    /// @notice The last re-entry it made: its kind (0 none), whether it succeeded, and how many tokens it received.
    uint8 public lastKind;
    bool public lastOk;
    uint256 public receipts;

    error OnlyHandler();

    constructor() {
        handler = msg.sender;
    }

    modifier onlyHandler() {
        if (msg.sender != handler) revert OnlyHandler();
        _;
    }

    /// @notice Prepares the call to make on the next receipt. `kind` only labels the report.
    function arm(uint8 kind, address target, bytes calldata data) external onlyHandler {
        armed = true;
        plannedKind = kind;
        _target = target;
        _data = data;
        lastKind = 0;
        lastOk = false;
    }

    function disarm() external onlyHandler {
        armed = false;
    }

    /// @notice Makes one call as this contract (claim, transfer, payment...); never reverts itself.
    function act(address target, bytes calldata data) external onlyHandler returns (bool ok, bytes memory ret) {
        (ok, ret) = target.call(data);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        _reenter();
        return IERC721Receiver.onERC721Received.selector;
    }

    function onERC1155Received(address, address, uint256, uint256, bytes calldata) external returns (bytes4) {
        _reenter();
        return IERC1155Receiver.onERC1155Received.selector;
    }

    function onERC1155BatchReceived(address, address, uint256[] calldata, uint256[] calldata, bytes calldata)
        external
        returns (bytes4)
    {
        _reenter();
        return IERC1155Receiver.onERC1155BatchReceived.selector;
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || interfaceId == type(IERC721Receiver).interfaceId
            || interfaceId == type(IERC165).interfaceId;
    }

    function _reenter() internal {
        receipts++;
        if (!armed) return;
        armed = false; // once: the re-entered call may itself deliver a token here
        (bool ok,) = _target.call(_data);
        lastKind = plannedKind;
        lastOk = ok;
    }
}

/// @notice A tokenizer nobody deployed for the system: it calls everyone a holder and a party, accepts any
/// reservation the registry passes it, and tries to get its records' payment signals, and reservations on the
/// real tokenizers, accepted. `act` lets the handler make calls as this contract.
contract FakeTokenizer is IIntegraTokenizer {
    address public immutable handler;

    error OnlyHandler();

    constructor() {
        handler = msg.sender;
    }

    function isHolder(bytes32, uint256, address) external pure returns (bool) {
        return true;
    }

    function isParty(bytes32, uint256, address) external pure returns (bool) {
        return true;
    }

    /// @dev Never counts a change: what the registry's recordVersionOf adds for it.
    function changesOf(bytes32) external pure returns (uint256) {
        return 0;
    }

    /// @dev Accepts whatever the registry (or anyone) passes.
    function reserveParties(bytes32, IIntegraTokenizer.Party[] calldata, address) external {}

    function act(address target, bytes calldata data) external returns (bool ok, bytes memory ret) {
        if (msg.sender != handler) revert OnlyHandler();
        (ok, ret) = target.call(data);
    }
}
