// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {TokenMetadataReader} from "../utils/TokenMetadataReader.sol";
import {TokenMetadata, TokenMetadataRenderer} from "../../src/tokenizers/TokenMetadata.sol";

/// @notice TokenMetadata: the exact JSON and SVG of a token, and text no registrant can turn into markup or broken
/// JSON, including what a reservation refuses (control bytes, newlines, roles longer than 32 bytes): the library
/// holds on its own. The tokenizers' suites read the same metadata through `tokenURI` / `uri`.
contract TokenMetadataTest is TokenMetadataReader {
    bytes32 internal constant RECORD = 0x414f72a4d550cad29f17d9d99a4af64b3776ec5538cd440cef0f03fef2e9e010;
    bytes32 internal constant WORKFLOW = 0x9e1c0f7a3b5d2e4f6a8b0c1d2e3f405162738495a6b7c8d9eafb0c1d2e3f4051;
    address internal constant REGISTRY = 0x5FbDB2315678afecb367f032d93F642f64180aa3;

    string internal constant REPLACEMENT = "\ufffd";

    function _token(string memory role, bool complete) internal pure returns (TokenMetadata.Token memory) {
        return TokenMetadata.Token({
            ownership: false,
            role: role,
            integraHash: RECORD,
            processHash: WORKFLOW,
            tokenId: 2,
            parties: 3,
            complete: complete,
            registry: REGISTRY
        });
    }

    // ---------------------------------------------------------------- the exact format

    function test_Svg_ExactForAKnownToken() public pure {
        assertEq(
            TokenMetadata.svg(_token("Seller", true)),
            string.concat(
                '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" ',
                'font-family="Helvetica,Arial,sans-serif"><rect width="400" height="400" rx="24" fill="#0f172a"/>',
                '<text x="32" y="60" font-size="15" letter-spacing="2" fill="#94a3b8">INTEGRA AGREEMENT TOKEN</text>',
                '<text x="32" y="150" font-size="30" font-weight="700" fill="#f8fafc">Seller</text>',
                '<text x="32" y="250" font-size="14" fill="#94a3b8">Record</text>',
                '<text x="32" y="276" font-family="monospace" font-size="18" fill="#e2e8f0">0x414f72a4',
                unicode"…",
                "e010</text>",
                '<rect x="32" y="316" width="336" height="48" rx="24" fill="#15803d"/>',
                '<text x="200" y="346" font-size="18" font-weight="700" fill="#ffffff" text-anchor="middle">',
                "Agreement complete</text></svg>"
            ),
            "svg"
        );
    }

    function test_Json_ExactForAKnownToken() public view {
        TokenMetadata.Token memory token = _token("Seller", false);
        assertEq(block.chainid, 31337, "forge's chain id, which the description names");
        assertEq(
            TokenMetadata.json(token),
            string.concat(
                '{"name":"Integra agreement token: Seller","description":"',
                "A party's role token of a multi-party agreement registered on the Integra registry. It shows the ",
                "role, the record and its status, never the document, which stays with its parties. Claimed: the ",
                "party claimed this token; Agreement complete: every party of the record claimed its own. To verify: ",
                "on chain 31337, the Integra registry 0x5FbDB2315678afecb367f032d93F642f64180aa3 holds record ",
                "0x414f72a4d550cad29f17d9d99a4af64b3776ec5538cd440cef0f03fef2e9e010, whose contentHash is the SHA-256 ",
                "of the document; isParty(record, 2, account) on this contract says whether an account claimed this ",
                'token itself and still holds it.","image":"data:image/svg+xml;base64,',
                Base64.encode(bytes(TokenMetadata.svg(token))),
                '","attributes":[{"trait_type":"Role","value":"Seller"},',
                '{"trait_type":"Record","value":"0x414f72a4d550cad29f17d9d99a4af64b3776ec5538cd440cef0f03fef2e9e010"},',
                '{"trait_type":"Workflow","value":"0x9e1c0f7a3b5d2e4f6a8b0c1d2e3f405162738495a6b7c8d9eafb0c1d2e3f4051"},',
                '{"trait_type":"Status","value":"Claimed"},{"trait_type":"Token kind","value":"Party role (ERC-1155)"},',
                '{"trait_type":"Token id in record","value":"2"},{"trait_type":"Parties","value":3}]}'
            ),
            "json"
        );
    }

    function test_Uri_IsTheJsonInBase64() public view {
        TokenMetadata.Token memory token = _token("Seller", true);
        string memory uri = TokenMetadata.uri(token);
        assertEq(uri, string.concat(JSON_URI_PREFIX, Base64.encode(bytes(TokenMetadata.json(token)))), "data URI");
        assertEq(_metadataJson(uri), TokenMetadata.json(token), "decodes back");
    }

    /// @dev The renderer a tokenizer deploys answers what the library does.
    function test_Renderer_IsTheLibrary() public {
        TokenMetadata.Token memory token = _token("Seller", true);
        assertEq(new TokenMetadataRenderer().uri(token), TokenMetadata.uri(token), "same URI");
    }

    function test_Json_OwnershipTokenWithoutRoleOrWorkflow() public view {
        TokenMetadata.Token memory token = _token("", true);
        token.ownership = true;
        token.processHash = bytes32(0);
        token.tokenId = 1;
        token.parties = 1;
        string memory json = TokenMetadata.json(token);
        _assertShape(json);
        assertEq(vm.parseJsonString(json, ".name"), "Integra ownership token", "name");
        assertEq(_attribute(json, "Role"), "none", "role");
        assertEq(_attribute(json, "Workflow"), "none", "workflow");
        assertEq(_attribute(json, "Token kind"), "Ownership (ERC-721)", "kind");
        string memory svg = _metadataSvg(json);
        _assertSafeSvg(svg);
        assertTrue(_contains(svg, ">INTEGRA OWNERSHIP TOKEN</text>"), "kind");
        assertTrue(_contains(svg, ">Ownership</text>"), "in the role's place");
    }

    // ---------------------------------------------------------------- what a reservation would refuse

    /// @dev Newlines, tabs and NUL: each one replacement character, never a JSON escape a wallet would show as a break.
    function test_Json_RoleWithControlBytes() public view {
        string memory json = TokenMetadata.json(_token(string(hex"53656c6c65720a5061696409004c"), false));
        _assertShape(json);
        assertEq(
            _attribute(json, "Role"),
            string.concat("Seller", REPLACEMENT, "Paid", REPLACEMENT, REPLACEMENT, "L"),
            "controls replaced"
        );
        _assertSafeSvg(_metadataSvg(json));
    }

    function test_Json_VeryLongRoleIsCut() public view {
        bytes memory long = new bytes(200);
        for (uint256 i; i < long.length; ++i) {
            long[i] = "A";
        }
        string memory json = TokenMetadata.json(_token(string(long), false));
        assertEq(_attribute(json, "Role"), string.concat(_repeat("A", 31), unicode"…"), "32 characters in the JSON");
        assertEq(
            vm.parseJsonString(json, ".name"),
            string.concat("Integra agreement token: ", _repeat("A", 31), unicode"…"),
            "and in the name"
        );
        string memory svg = _metadataSvg(json);
        _assertSafeSvg(svg);
        assertTrue(_contains(svg, string.concat(">", _repeat("A", 19), unicode"…", "</text>")), "20 in the image");
    }

    function test_Svg_MarkupInARoleIsText() public pure {
        string memory svg = TokenMetadata.svg(_token("</text><script>alert(1)", false));
        _assertSafeSvg(svg);
        assertTrue(_contains(svg, unicode">&lt;/text&gt;&lt;script&gt;aler…</text>"), "escaped, and cut to 20 characters");
    }

    // ---------------------------------------------------------------- clean and escapeXML

    function test_Clean_ReplacesWhatIsNotPrintableUtf8() public pure {
        string memory r = REPLACEMENT;
        _assertClean(hex"610a62", string.concat("a", r, "b"), "newline");
        _assertClean(hex"00", r, "NUL");
        _assertClean(hex"7f", r, "DEL");
        _assertClean(hex"c285", r, "U+0085, a C1 control: one replacement");
        _assertClean(hex"e280ae", r, "U+202E right-to-left override");
        _assertClean(hex"e281a6", r, "U+2066 isolate");
        _assertClean(hex"e280a8", r, "U+2028 line separator");
        _assertClean(hex"d89c", r, "U+061C arabic letter mark");
        _assertClean(hex"80", r, "a stray continuation byte");
        _assertClean(hex"c0af", string.concat(r, r), "an overlong slash");
        _assertClean(hex"eda080", string.concat(r, r, r), "a surrogate");
        _assertClean(hex"f4908080", string.concat(r, r, r, r), "above U+10FFFF");
        _assertClean(hex"ff", r, "0xff");
        _assertClean(hex"41e282", string.concat("A", r, r), "a truncated sequence at the end");
    }

    function test_Clean_KeepsPrintableUtf8() public pure {
        _assertClean(bytes(unicode"Käufer, 買い手 €😀"), unicode"Käufer, 買い手 €😀", "multibyte characters");
        _assertClean(hex"c2a0", string(hex"c2a0"), "U+00A0, a printable space");
        _assertClean(bytes("a\"b\\c<d>&'"), "a\"b\\c<d>&'", "clean does not escape: JSON and XML escape after it");
    }

    function test_Clean_CutsAtACharacterWithAnEllipsis() public pure {
        assertEq(TokenMetadata.clean("abc", 3), "abc", "fits");
        assertEq(TokenMetadata.clean("abcd", 3), unicode"ab…", "cut");
        assertEq(TokenMetadata.clean(unicode"ééééé", 3), unicode"éé…", "two-byte characters kept whole");
        assertEq(TokenMetadata.clean(unicode"😀😀😀", 2), unicode"😀…", "four-byte characters kept whole");
        assertEq(TokenMetadata.clean("ab", 1), unicode"…", "one character");
        assertEq(TokenMetadata.clean("", 5), "", "empty");
    }

    function test_EscapeXml_TheFiveCharacters() public pure {
        assertEq(
            TokenMetadata.escapeXML("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f", "&, <, >, \" and ' escaped"
        );
        assertEq(TokenMetadata.escapeXML(unicode"plain é"), unicode"plain é", "the rest as it is");
    }

    /// @dev Any bytes at all as a role: valid JSON with the seven attributes, a role of valid UTF-8 and at most 32
    /// characters (a printable ASCII role of at most 32 bytes exactly as given), and an image with no markup of its own.
    function testFuzz_Json_AnyBytesAsRole(bytes memory role, bool complete) public view {
        string memory json = TokenMetadata.json(_token(string(role), complete));
        _assertShape(json);
        string memory shown = _attribute(json, "Role");
        assertTrue(_isValidUtf8(bytes(shown)), "valid UTF-8");
        assertLe(_charCount(bytes(shown)), TokenMetadata.ROLE_CHARS, "at most 32 characters");
        if (role.length == 0) assertEq(shown, "none", "no role");
        else if (role.length <= 32 && _isPrintableAscii(role)) assertEq(shown, string(role), "as given");
        _assertSafeSvg(_metadataSvg(json));
        assertEq(_attribute(json, "Status"), complete ? "Agreement complete" : "Claimed", "status");
    }

    function _assertClean(bytes memory input, string memory expected, string memory what) internal pure {
        string memory cleaned = TokenMetadata.clean(string(input), 32);
        assertEq(cleaned, expected, what);
        assertTrue(_isValidUtf8(bytes(cleaned)), what);
    }

    function _repeat(string memory unit, uint256 times) internal pure returns (string memory out) {
        for (uint256 i; i < times; ++i) {
            out = string.concat(out, unit);
        }
    }
}
