// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;
import {IntegraInvariantTest} from "./IntegraInvariant.t.sol";
contract TmpReach is IntegraInvariantTest {
    function _log(string memory k, uint256 v) internal view {
        (bool ok,) = address(0x000000000000000000636F6e736F6c652e6c6f67).staticcall(abi.encodeWithSignature("log(string,uint256)", k, v));
        ok;
    }
    function _done() internal view returns (uint256 n) {
        bytes32[] memory r = handler.records();
        for (uint256 i; i < r.length; ++i) n += handler.completeEvents(r[i]);
    }
    function afterInvariant() public view {
        string[12] memory a = ["reserve","cancel","attest","claim","transferRecord","setExecutor","transferToken","requestPayment","markPaid","cancelPayment","warp","expiredSeen"];
        for (uint256 i; i < a.length; ++i) _log(a[i], handler.successes(bytes32(bytes(a[i]))));
        _log("complete", _done());
        _log("grants", handler.grantCount());
    }
    function invariant_tmp() public view { assertTrue(true, ""); }
}
interface VmSnap { function snapshotState() external returns (uint256); function revertToState(uint256) external returns (bool); }
contract TmpDrive is TmpReach {
    function test_many() public {
        VmSnap v = VmSnap(address(vm));
        string[13] memory a = ["reserve","cancel","attest","claim","transferRecord","setExecutor","transferToken","requestPayment","markPaid","cancelPayment","warp","expiredSeen","grants"];
        uint256[13] memory tot; uint256[13] memory nz;
        for (uint256 r; r < 64; ++r) {
            uint256 snap = v.snapshotState();
            salt = r;
            _run();
            for (uint256 i; i < 13; ++i) {
                uint256 x = i == 12 ? handler.grantCount() : handler.successes(bytes32(bytes(a[i])));
                tot[i] += x; if (x > 0) nz[i]++;
            }
            v.revertToState(snap);
        }
        for (uint256 i; i < 13; ++i) { _log(a[i], tot[i]); _log(string.concat(a[i], "_runs"), nz[i]); }
    }
    uint256 salt;
    function _run() internal {
        for (uint256 i; i < 64; ++i) {
            uint256 a = _s(i, 0) % 11;
            if (a == 0) handler.reserve(_s(i,1), _s(i,2), _s(i,3), _s(i,4), _s(i,5));
            if (a == 1) handler.cancel(_s(i,1), _s(i,2), _s(i,3));
            if (a == 2) handler.attest(_s(i,1), _s(i,2), _s(i,3), _s(i,4), _s(i,5), _s(i,6));
            if (a == 3) handler.claim(_s(i,1), _s(i,2), _s(i,3));
            if (a == 4) handler.transferRecord(_s(i,1), _s(i,2));
            if (a == 5) handler.setExecutor(_s(i,1), _s(i,2));
            if (a == 6) handler.transferToken(_s(i,1), _s(i,2), _s(i,3), _s(i,4));
            if (a == 7) handler.requestPayment(_s(i,1), _s(i,2), _s(i,3), _s(i,4), _s(i,5), _s(i,6));
            if (a == 8) handler.markPaid(_s(i,1), _s(i,2));
            if (a == 9) handler.cancelPayment(_s(i,1), _s(i,2));
            if (a == 10) handler.warp(_s(i,1));
        }
    }
    function _s(uint256 i, uint256 j) internal view returns (uint256) { return uint256(keccak256(abi.encode(salt, i, j))); }
    function test_drive() public {
        for (uint256 i; i < 64; ++i) {
            uint256 a = _s(i, 0) % 11;
            if (a == 0) handler.reserve(_s(i,1), _s(i,2), _s(i,3), _s(i,4), _s(i,5));
            if (a == 1) handler.cancel(_s(i,1), _s(i,2), _s(i,3));
            if (a == 2) handler.attest(_s(i,1), _s(i,2), _s(i,3), _s(i,4), _s(i,5), _s(i,6));
            if (a == 3) handler.claim(_s(i,1), _s(i,2), _s(i,3));
            if (a == 4) handler.transferRecord(_s(i,1), _s(i,2));
            if (a == 5) handler.setExecutor(_s(i,1), _s(i,2));
            if (a == 6) handler.transferToken(_s(i,1), _s(i,2), _s(i,3), _s(i,4));
            if (a == 7) handler.requestPayment(_s(i,1), _s(i,2), _s(i,3), _s(i,4), _s(i,5), _s(i,6));
            if (a == 8) handler.markPaid(_s(i,1), _s(i,2));
            if (a == 9) handler.cancelPayment(_s(i,1), _s(i,2));
            if (a == 10) handler.warp(_s(i,1));
        }
        afterInvariant();
    }
}
