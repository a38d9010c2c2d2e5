// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {TestBase} from "./TestBase.sol";

/// @notice Reads a token's metadata as a wallet does: the `data:` URI base64-decoded to JSON, the JSON parsed by
/// forge's parser (which fails the test on invalid JSON), the image decoded to SVG; and the checks that hold for
/// any role: valid UTF-8 throughout, and SVG text that no role can turn into markup.
abstract contract TokenMetadataReader is TestBase {
    string internal constant JSON_URI_PREFIX = "data:application/json;base64,";
    string internal constant SVG_URI_PREFIX = "data:image/svg+xml;base64,";
    /// @dev Every `<` of the image is one of its own 14 tags (svg, 2 rects, 5 texts, and their ends): a role adds none.
    uint256 internal constant SVG_TAG_COUNT = 14;
    /// @dev The attributes, in their order.
    uint256 internal constant ATTRIBUTE_COUNT = 7;

    /// @dev The JSON of a `data:application/json;base64,` URI.
    function _metadataJson(string memory uri) internal pure returns (string memory) {
        return _decodeDataUri(uri, JSON_URI_PREFIX);
    }

    /// @dev The SVG of the metadata's `image`.
    function _metadataSvg(string memory json) internal pure returns (string memory) {
        return _decodeDataUri(vm.parseJsonString(json, ".image"), SVG_URI_PREFIX);
    }

    function _decodeDataUri(string memory uri, string memory prefix) internal pure returns (string memory) {
        bytes memory raw = bytes(uri);
        uint256 start = bytes(prefix).length;
        assertTrue(raw.length >= start && _startsWith(raw, bytes(prefix)), string.concat("a URI starting ", prefix));
        bytes memory payload = new bytes(raw.length - start);
        for (uint256 i; i < payload.length; ++i) {
            payload[i] = raw[start + i];
        }
        return string(Base64.decode(string(payload)));
    }

    /// @dev The JSON path of the value of the attribute `traitType`; fails when there is none.
    function _attributePath(string memory json, string memory traitType) internal pure returns (string memory) {
        for (uint256 i; i < ATTRIBUTE_COUNT; ++i) {
            string memory item = string.concat(".attributes[", _digit(i), "]");
            string memory trait = vm.parseJsonString(json, string.concat(item, ".trait_type"));
            if (keccak256(bytes(trait)) == keccak256(bytes(traitType))) return string.concat(item, ".value");
        }
        revert AssertionFailed(string.concat("no attribute ", traitType));
    }

    /// @dev The string value of the attribute `traitType`.
    function _attribute(string memory json, string memory traitType) internal pure returns (string memory) {
        return vm.parseJsonString(json, _attributePath(json, traitType));
    }

    /// @dev The metadata is valid UTF-8 (forge's parser would read past bad bytes) with exactly its four keys and its
    /// seven attributes.
    function _assertShape(string memory json) internal view {
        assertTrue(_isValidUtf8(bytes(json)), "the JSON is valid UTF-8");
        assertEq(vm.parseJsonKeys(json, "$").length, 4, "name, description, image, attributes");
        assertTrue(vm.keyExistsJson(json, string.concat(".attributes[", _digit(ATTRIBUTE_COUNT - 1), "]")), "7 attributes");
        assertTrue(!vm.keyExistsJson(json, string.concat(".attributes[", _digit(ATTRIBUTE_COUNT), "]")), "no 8th");
    }

    /// @dev The image is valid UTF-8 holding only characters XML allows (no U+FFFE or U+FFFF), has only its own tags,
    /// and every `&` starts one of the five XML entities.
    function _assertSafeSvg(string memory svg) internal pure {
        bytes memory raw = bytes(svg);
        assertTrue(_isValidUtf8(raw), "the SVG is valid UTF-8");
        assertTrue(_startsWith(raw, "<svg ") && _endsWith(raw, "</svg>"), "one svg element");
        uint256 tags;
        for (uint256 i; i < raw.length; ++i) {
            if (raw[i] == "<") ++tags;
            assertTrue(!(_at(raw, i, hex"efbfbe") || _at(raw, i, hex"efbfbf")), "a character XML forbids");
            if (raw[i] == "&") {
                assertTrue(
                    _at(raw, i, "&amp;") || _at(raw, i, "&lt;") || _at(raw, i, "&gt;") || _at(raw, i, "&quot;")
                        || _at(raw, i, "&#39;"),
                    "an & that is no XML entity"
                );
            }
        }
        assertEq(tags, SVG_TAG_COUNT, "the SVG's own tags only");
    }

    /// @dev RFC 3629 UTF-8: no stray continuation byte, overlong form, surrogate or code point above U+10FFFF.
    function _isValidUtf8(bytes memory raw) internal pure returns (bool) {
        uint256 i;
        while (i < raw.length) {
            uint8 b = uint8(raw[i]);
            uint256 n;
            uint256 codePoint;
            if (b < 0x80) {
                ++i;
                continue;
            } else if (b >= 0xc0 && b < 0xe0) {
                (n, codePoint) = (2, b & 0x1f);
            } else if (b >= 0xe0 && b < 0xf0) {
                (n, codePoint) = (3, b & 0x0f);
            } else if (b >= 0xf0 && b < 0xf8) {
                (n, codePoint) = (4, b & 0x07);
            } else {
                return false;
            }
            if (i + n > raw.length) return false;
            for (uint256 k = 1; k < n; ++k) {
                uint8 c = uint8(raw[i + k]);
                if (c & 0xc0 != 0x80) return false;
                codePoint = (codePoint << 6) | (c & 0x3f);
            }
            uint256 least = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
            if (codePoint < least || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return false;
            i += n;
        }
        return true;
    }

    /// @dev The number of characters (code points) of valid UTF-8.
    function _charCount(bytes memory raw) internal pure returns (uint256 count) {
        for (uint256 i; i < raw.length; ++i) {
            if (uint8(raw[i]) & 0xc0 != 0x80) ++count;
        }
    }

    function _isPrintableAscii(bytes memory raw) internal pure returns (bool) {
        for (uint256 i; i < raw.length; ++i) {
            if (raw[i] < 0x20 || raw[i] >= 0x7f) return false;
        }
        return true;
    }

    function _contains(string memory haystack, string memory needle) internal pure returns (bool) {
        bytes memory h = bytes(haystack);
        bytes memory n = bytes(needle);
        if (n.length > h.length) return false;
        for (uint256 i; i + n.length <= h.length; ++i) {
            if (_at(h, i, n)) return true;
        }
        return false;
    }

    function _at(bytes memory raw, uint256 offset, bytes memory part) internal pure returns (bool) {
        if (offset + part.length > raw.length) return false;
        for (uint256 k; k < part.length; ++k) {
            if (raw[offset + k] != part[k]) return false;
        }
        return true;
    }

    function _startsWith(bytes memory raw, bytes memory prefix) internal pure returns (bool) {
        return _at(raw, 0, prefix);
    }

    function _endsWith(bytes memory raw, bytes memory suffix) internal pure returns (bool) {
        return raw.length >= suffix.length && _at(raw, raw.length - suffix.length, suffix);
    }

    function _digit(uint256 value) private pure returns (string memory) {
        require(value < 10, "one digit");
        return string(abi.encodePacked(bytes1(uint8(48 + value))));
    }
}
