// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";
import {TestBase} from "./TestBase.sol";

/// @notice Builds and signs ERC-2771 forward requests the way a party's ephemeral wallet does in the browser:
/// EIP-712 typed data over the forwarder's domain as `eip712Domain()` (ERC-5267) reports it, at the signer's current
/// nonce. The digest is encoded here from the type string, never asked of the forwarder, so a request that executes
/// shows the forwarder and an independent EIP-712 encoder (the app's viem `signTypedData`) agree.
abstract contract ForwardRequestSigner is TestBase {
    bytes32 internal constant FORWARD_REQUEST_TYPEHASH = keccak256(
        "ForwardRequest(address from,address to,uint256 value,uint256 gas,uint256 nonce,uint48 deadline,bytes data)"
    );
    bytes32 internal constant EIP712_DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    /// @dev The secp256k1 group order: private keys are 1..order-1.
    uint256 internal constant SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    /// @dev Gas each request forwards: a claim (EAS read, registry read, mint) needs a fraction of it.
    uint256 internal constant FORWARD_GAS = 1_000_000;
    /// @dev How long a request built by `_forwardRequest` stays valid.
    uint48 internal constant FORWARD_TTL = 1 hours;

    /// @dev The EIP-712 domain separator from the forwarder's ERC-5267 description of its domain.
    function _domainSeparator(ERC2771Forwarder fwd) internal view returns (bytes32) {
        (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            fwd.eip712Domain();
        // 0x0f: name, version, chainId and verifyingContract, the four fields EIP712_DOMAIN_TYPEHASH encodes.
        require(fields == hex"0f", "forwarder domain has other fields");
        return keccak256(
            abi.encode(
                EIP712_DOMAIN_TYPEHASH, keccak256(bytes(name)), keccak256(bytes(version)), chainId, verifyingContract
            )
        );
    }

    /// @dev The digest a wallet signs for `request` when its sender's forwarder nonce is `nonce`.
    function _forwardDigest(ERC2771Forwarder fwd, ERC2771Forwarder.ForwardRequestData memory request, uint256 nonce)
        internal
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(
            abi.encode(
                FORWARD_REQUEST_TYPEHASH,
                request.from,
                request.to,
                request.value,
                request.gas,
                nonce,
                request.deadline,
                keccak256(request.data)
            )
        );
        return keccak256(abi.encodePacked(hex"1901", _domainSeparator(fwd), structHash));
    }

    /// @dev Signs `request` in place with `privateKey` at the forwarder's current nonce of `request.from`
    /// (which need not be the key's address: that is how a forgery is made). Signature is r ‖ s ‖ v, 65 bytes.
    function _sign(ERC2771Forwarder fwd, uint256 privateKey, ERC2771Forwarder.ForwardRequestData memory request)
        internal
        view
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(privateKey, _forwardDigest(fwd, request, fwd.nonces(request.from)));
        request.signature = abi.encodePacked(r, s, v);
    }

    /// @dev A request from the key's address to call `to` with `data`, no value, FORWARD_GAS, valid for
    /// FORWARD_TTL, signed at the current nonce.
    function _forwardRequest(ERC2771Forwarder fwd, uint256 privateKey, address to, bytes memory data)
        internal
        view
        returns (ERC2771Forwarder.ForwardRequestData memory request)
    {
        request = ERC2771Forwarder.ForwardRequestData({
            from: vm.addr(privateKey),
            to: to,
            value: 0,
            gas: FORWARD_GAS,
            deadline: uint48(block.timestamp + FORWARD_TTL),
            data: data,
            signature: ""
        });
        _sign(fwd, privateKey, request);
    }

    /// @dev A copy of `request` (memory structs are references: tampering with a copy leaves the signed original).
    function _copy(ERC2771Forwarder.ForwardRequestData memory request)
        internal
        pure
        returns (ERC2771Forwarder.ForwardRequestData memory)
    {
        return ERC2771Forwarder.ForwardRequestData({
            from: request.from,
            to: request.to,
            value: request.value,
            gas: request.gas,
            deadline: request.deadline,
            data: request.data,
            signature: request.signature
        });
    }

    /// @dev The address the forwarder recovers from `request`'s signature over its current fields when
    /// `request.from`'s nonce is `nonce`: what ERC2771ForwarderInvalidSigner names for a tampered or replayed request.
    function _recoveredSigner(ERC2771Forwarder fwd, ERC2771Forwarder.ForwardRequestData memory request, uint256 nonce)
        internal
        view
        returns (address)
    {
        bytes memory signature = request.signature;
        require(signature.length == 65, "65-byte signature");
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly ("memory-safe") {
            r := mload(add(signature, 0x20))
            s := mload(add(signature, 0x40))
            v := byte(0, mload(add(signature, 0x60)))
        }
        return ecrecover(_forwardDigest(fwd, request, nonce), v, r, s);
    }
}
