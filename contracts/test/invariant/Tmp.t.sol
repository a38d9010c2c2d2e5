// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;
import {IntegraInvariantTest} from "./IntegraInvariant.t.sol";
contract TmpReach is IntegraInvariantTest {
    function _done() internal view returns (uint256 n) {
        bytes32[] memory r = handler.records();
        for (uint256 i; i < r.length; ++i) n += handler.completeEvents(r[i]);
    }
    function invariant_tmp_claim() public view { assertTrue(handler.successes("claim") < 3, "claims"); }
    function invariant_tmp_complete() public view { assertTrue(_done() < 2, "complete"); }
    function invariant_tmp_cancel() public view { assertTrue(handler.successes("cancel") < 2, "cancel"); }
    function invariant_tmp_paid() public view { assertTrue(handler.successes("markPaid") < 2, "paid"); }
    function invariant_tmp_cp() public view { assertTrue(handler.successes("cancelPayment") < 2, "cp"); }
    function invariant_tmp_exp() public view { assertTrue(handler.successes("expiredSeen") < 2, "exp"); }
    function invariant_tmp_tt() public view { assertTrue(handler.successes("transferToken") < 2, "tt"); }
}
