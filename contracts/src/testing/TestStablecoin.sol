// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title TestStablecoin
/// @notice A dollar stablecoin for local chains and tests: 6 decimals like USDC, ERC-2612 permit, minted by its
/// deployer. Never deployed on a public chain, where an escrow's asset is a real token's address.
contract TestStablecoin is ERC20, ERC20Permit, Ownable {
    constructor(address minter) ERC20("Test USD", "tUSD") ERC20Permit("Test USD") Ownable(minter) {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
