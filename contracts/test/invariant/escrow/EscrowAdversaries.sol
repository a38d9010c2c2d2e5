// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IArbitrable} from "../../../src/interfaces/IArbitrable.sol";

/// @notice The handler, asked by a re-entering contract for the call to make, at the moment it fires.
interface IReentryPlanner {
    function reentryCall(uint8 kind, address caller)
        external
        view
        returns (address target, bytes memory data, uint256 escrowId, uint256 tokenId);
}

/// @notice What a re-entering contract reports: the last re-entry it made (its kind, 0 for none) and whether the
/// re-entered call succeeded. The handler reads it after each escrow call and decides whether that success was
/// allowed.
abstract contract ReentryReport {
    address public immutable handler;
    bool public armed;
    uint8 public plannedKind;
    uint8 public lastKind;
    bool public lastOk;
    uint256 public lastEscrowId;
    uint256 public lastTokenId;

    error OnlyHandler();

    constructor() {
        handler = msg.sender;
    }

    modifier onlyHandler() {
        if (msg.sender != handler) revert OnlyHandler();
        _;
    }

    /// @notice Arms one re-entry of `kind` for the next receipt; the handler names its target when it fires.
    function arm(uint8 kind) external onlyHandler {
        armed = true;
        plannedKind = kind;
    }

    function disarm() external onlyHandler {
        armed = false;
    }

    function clearReport() external onlyHandler {
        lastKind = 0;
        lastOk = false;
    }

    function _reenter() internal {
        if (!armed) return;
        armed = false; // once: the re-entered call may itself come back here
        (address target, bytes memory data, uint256 escrowId, uint256 tokenId) =
            IReentryPlanner(handler).reentryCall(plannedKind, address(this));
        (bool ok,) = target.call(data);
        lastKind = plannedKind;
        lastOk = ok;
        lastEscrowId = escrowId;
        lastTokenId = tokenId;
    }
}

/// @notice A party of a record that is a contract: it holds its ERC-1155 role token, and on ether receipt either
/// refuses (reverts, while `refusing`), or makes the one re-entry it was armed with, or just accepts. The handler
/// acts as it through pranks (deposit, approve, dispute, withdraw, move its token).
contract EscrowParty is ReentryReport, IERC1155Receiver {
    bool public refusing;
    uint256 public etherReceipts;

    error Refused();

    function setRefusing(bool refusing_) external onlyHandler {
        refusing = refusing_;
    }

    receive() external payable {
        if (refusing) revert Refused();
        etherReceipts++;
        _reenter();
    }

    function onERC1155Received(address, address, uint256, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC1155Receiver.onERC1155Received.selector;
    }

    function onERC1155BatchReceived(address, address, uint256[] calldata, uint256[] calldata, bytes calldata)
        external
        pure
        returns (bytes4)
    {
        return IERC1155Receiver.onERC1155BatchReceived.selector;
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || interfaceId == type(IERC165).interfaceId;
    }
}

/// @notice An ERC-20 whose every transfer (not mint) makes the one re-entry it was armed with, after moving the
/// balance, and which refuses (reverts) transfers to blocklisted accounts, as a regulated stablecoin does.
contract HookToken is ERC20, ReentryReport {
    mapping(address account => bool) public blocked;

    error Blocked(address account);

    constructor() ERC20("Hook USD", "hUSD") {}

    function mint(address to, uint256 amount) external onlyHandler {
        _mint(to, amount);
    }

    function setBlocked(address account, bool blocked_) external onlyHandler {
        blocked[account] = blocked_;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && blocked[to]) revert Blocked(to);
        super._update(from, to, value);
        if (from != address(0) && to != address(0)) _reenter();
    }
}

/// @notice An ERC-20 that burns a fee (1% plus one unit) on every transfer: the recipient gets less than was sent,
/// so an escrow measuring what arrived must refuse it.
contract FeeOnTransferToken is ERC20 {
    address public immutable handler;

    constructor() ERC20("Fee USD", "fUSD") {
        handler = msg.sender;
    }

    function mint(address to, uint256 amount) external {
        require(msg.sender == handler, "only handler");
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
        } else {
            uint256 fee = value / 100 + 1;
            if (fee > value) fee = value;
            super._update(from, address(0), fee);
            super._update(from, to, value - fee);
        }
    }
}

/// @notice An arbitrator no escrow names: it calls `rule` on the escrow with a real arbitrator's dispute ids.
contract FakeArbitrator {
    function strike(IArbitrable target, uint256 disputeId, uint256 ruling) external returns (bool ok) {
        (ok,) = address(target).call(abi.encodeCall(IArbitrable.rule, (disputeId, ruling)));
    }
}
