// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";

/// @title IntegraForwarderV1
/// @notice OpenZeppelin's ERC-2771 forwarder, unchanged, under the EIP-712 domain name "IntegraForwarderV1".
/// A party's ephemeral wallet holds no ether: it signs a `ForwardRequest` (nonce, deadline) and anyone (the
/// app's relayer, or the clerk's own wallet) submits it with `execute`; the tokenizers and the signal contract
/// then see the signer as `_msgSender()`. A request is valid once, before its deadline, for its signer only.
contract IntegraForwarderV1 is ERC2771Forwarder {
    constructor() ERC2771Forwarder("IntegraForwarderV1") {}
}
