// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The forge cheatcodes these tests use. forge-std is not on the npm registry, so the project
/// declares the few it needs; the signatures are forge's own.
interface Vm {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function warp(uint256 timestamp) external;
    function roll(uint256 blockNumber) external;
    function chainId(uint256 newChainId) external;
    function deal(address account, uint256 balance) external;
    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function label(address account, string calldata name) external;
    function assume(bool condition) external pure;
    function getCode(string calldata artifactPath) external view returns (bytes memory);
    function expectRevert(bytes calldata revertData) external;
    /// @dev Marks every storage slot of `target` cold again, as in a fresh transaction (an eth_call reads cold).
    function cool(address target) external;
    function expectRevert(bytes4 selector) external;
    function expectRevert() external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter)
        external;
    function expectCall(address callee, bytes calldata data) external;
    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);
    function parseJsonString(string calldata json, string calldata key) external pure returns (string memory);
    function parseJsonUint(string calldata json, string calldata key) external pure returns (uint256);
    function parseJsonKeys(string calldata json, string calldata key) external pure returns (string[] memory keys);
    function keyExistsJson(string calldata json, string calldata key) external view returns (bool);
}
