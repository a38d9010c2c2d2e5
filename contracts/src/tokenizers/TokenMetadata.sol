// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// @title TokenMetadata
/// @notice The metadata a wallet or marketplace shows of an Integra token (ERC-721 `tokenURI`, ERC-1155 `uri`): a
/// `data:application/json;base64,` URI of JSON with a name, a description, the attributes and an SVG image drawn
/// here. Public facts only: the role label, the record and workflow hashes, the token id, the party count and the
/// status; never a title, a reference, an amount or a ciphertext.
/// @dev A role is registrant-chosen text. It is cleaned first (`clean`: anything but valid, printable UTF-8 becomes
/// U+FFFD, and it is cut to a number of characters), then escaped for where it goes: `Strings.escapeJSON` in JSON
/// strings, XML's five entities (`escapeXML`) in the SVG. No role can end a JSON string or open an SVG element.
library TokenMetadata {
    /// @notice What one token's metadata says.
    struct Token {
        /// @dev True for the ERC-721 ownership token of a record, false for an ERC-1155 party role token.
        bool ownership;
        /// @dev The role the token was reserved in, as stored (empty for none).
        string role;
        bytes32 integraHash;
        /// @dev The record's workflow; zero for none.
        bytes32 processHash;
        /// @dev The token's id within its record (1 for an ownership token).
        uint256 tokenId;
        /// @dev The record's sealed party count.
        uint256 parties;
        /// @dev Every party of the record claimed its token (DocumentComplete).
        bool complete;
        /// @dev The registry the record is registered on.
        address registry;
    }

    /// @notice The most characters of a role the JSON shows (a stored role has at most 32 bytes, so all of it).
    uint256 internal constant ROLE_CHARS = 32;
    /// @notice The most characters of a role the image shows, so that it fits its line.
    uint256 internal constant SVG_ROLE_CHARS = 20;

    string internal constant STATUS_CLAIMED = "Claimed";
    string internal constant STATUS_COMPLETE = "Agreement complete";

    /// @notice The token's metadata as a `data:application/json;base64,` URI.
    function uri(Token memory token) internal view returns (string memory) {
        return string.concat("data:application/json;base64,", Base64.encode(bytes(json(token))));
    }

    /// @notice The token's metadata JSON (ERC-721 / ERC-1155 metadata schema, with OpenSea-style attributes).
    function json(Token memory token) internal view returns (string memory) {
        string memory role = Strings.escapeJSON(clean(token.role, ROLE_CHARS));
        string memory record = Strings.toHexString(uint256(token.integraHash), 32);
        return string.concat(
            '{"name":"',
            _name(token, role),
            '","description":"',
            _description(token, record),
            '","image":"data:image/svg+xml;base64,',
            Base64.encode(bytes(svg(token))),
            '","attributes":[',
            _attributes(token, role, record),
            "]}"
        );
    }

    /// @notice The token's image: a card with its kind, role, short record hash and status. The role's font steps
    /// down with its length, so that 20 wide characters (W, CJK) still fit the card.
    function svg(Token memory token) internal pure returns (string memory) {
        string memory role = clean(_displayRole(token), SVG_ROLE_CHARS);
        uint256 chars = _charCount(bytes(role));
        string memory head = string.concat(
            '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" ',
            'font-family="Helvetica,Arial,sans-serif"><rect width="400" height="400" rx="24" fill="#0f172a"/>',
            '<text x="32" y="60" font-size="15" letter-spacing="2" fill="#94a3b8">',
            token.ownership ? "INTEGRA OWNERSHIP TOKEN" : "INTEGRA AGREEMENT TOKEN",
            '</text><text x="32" y="150" font-size="',
            chars <= 10 ? "30" : chars <= 14 ? "24" : "18",
            '" font-weight="700" fill="#f8fafc">',
            escapeXML(role),
            "</text>"
        );
        return string.concat(
            head,
            '<text x="32" y="250" font-size="14" fill="#94a3b8">Record</text>',
            '<text x="32" y="276" font-family="monospace" font-size="18" fill="#e2e8f0">',
            _shortHash(token.integraHash),
            '</text><rect x="32" y="316" width="336" height="48" rx="24" fill="',
            token.complete ? "#15803d" : "#b45309",
            '"/><text x="200" y="346" font-size="18" font-weight="700" fill="#ffffff" text-anchor="middle">',
            _status(token),
            "</text></svg>"
        );
    }

    /// @notice `text` as valid UTF-8 of at most `maxChars` characters (`maxChars` at least 1). Each byte that does
    /// not start a valid UTF-8 sequence becomes U+FFFD, and so does each control character (C0, DEL, C1) and each
    /// character that breaks a line or reorders text (U+2028, U+2029, the bidirectional marks, embeddings,
    /// overrides and isolates); longer text keeps `maxChars - 1` characters and ends in an ellipsis (U+2026).
    function clean(string memory text, uint256 maxChars) internal pure returns (string memory) {
        bytes memory raw = bytes(text);
        // Each input byte yields at most 3 output bytes (U+FFFD), and the ellipsis takes 3.
        bytes memory out = new bytes(raw.length * 3 + 3);
        uint256 length;
        uint256 chars;
        uint256 beforeLast; // output length after maxChars - 1 characters
        uint256 i;
        while (i < raw.length) {
            if (chars == maxChars) {
                // More text than fits: the last character kept gives way to an ellipsis.
                length = _put(out, beforeLast, 0xe280a6, 3);
                break;
            }
            if (chars == maxChars - 1) beforeLast = length;
            (uint256 n, bool shown) = _sequence(raw, i);
            if (n == 0 || !shown) {
                length = _put(out, length, 0xefbfbd, 3);
                i += n == 0 ? 1 : n;
            } else {
                for (uint256 k; k < n; ++k) {
                    out[length++] = raw[i++];
                }
            }
            ++chars;
        }
        assembly ("memory-safe") {
            mstore(out, length) // shrinking a bytes array in place
        }
        return string(out);
    }

    /// @notice `text` with `&`, `<`, `>`, `"` and `'` replaced by XML entities: safe as SVG text and attribute values.
    function escapeXML(string memory text) internal pure returns (string memory) {
        bytes memory raw = bytes(text);
        bytes memory out = new bytes(raw.length * 6);
        uint256 length;
        for (uint256 i; i < raw.length; ++i) {
            bytes1 c = raw[i];
            if (c == "&") length = _put(out, length, 0x26616d703b, 5); // &amp;
            else if (c == "<") length = _put(out, length, 0x266c743b, 4); // &lt;
            else if (c == ">") length = _put(out, length, 0x2667743b, 4); // &gt;
            else if (c == '"') length = _put(out, length, 0x2671756f743b, 6); // &quot;
            else if (c == "'") length = _put(out, length, 0x262333393b, 5); // &#39;
            else out[length++] = c;
        }
        assembly ("memory-safe") {
            mstore(out, length)
        }
        return string(out);
    }

    function _name(Token memory token, string memory role) private pure returns (string memory) {
        string memory kind = token.ownership ? "Integra ownership token" : "Integra agreement token";
        if (bytes(role).length != 0) return string.concat(kind, ": ", role);
        return token.ownership ? kind : string.concat(kind, " #", Strings.toString(token.tokenId));
    }

    function _description(Token memory token, string memory record) private view returns (string memory) {
        string memory what = string.concat(
            token.ownership
                ? "The ownership token of a record (a deed, a title) registered on the Integra registry. "
                : "A party's role token of a multi-party agreement registered on the Integra registry. ",
            "It shows the role, the record and its status, never the document, which stays with its parties. ",
            "Claimed: the party claimed this token; Agreement complete: every party of the record claimed its own. "
        );
        return string.concat(
            what,
            "To verify: on chain ",
            Strings.toString(block.chainid),
            ", the Integra registry ",
            Strings.toChecksumHexString(token.registry),
            " holds record ",
            record,
            ", whose contentHash is the SHA-256 of the document; isParty(record, ",
            Strings.toString(token.tokenId),
            ", account) on this contract says whether an account claimed this token itself and still holds it."
        );
    }

    function _attributes(Token memory token, string memory role, string memory record)
        private
        pure
        returns (string memory)
    {
        string memory first = string.concat(
            '{"trait_type":"Role","value":"',
            bytes(role).length != 0 ? role : "none",
            '"},{"trait_type":"Record","value":"',
            record,
            '"},{"trait_type":"Workflow","value":"',
            token.processHash == bytes32(0) ? "none" : Strings.toHexString(uint256(token.processHash), 32)
        );
        return string.concat(
            first,
            '"},{"trait_type":"Status","value":"',
            _status(token),
            '"},{"trait_type":"Token kind","value":"',
            token.ownership ? "Ownership (ERC-721)" : "Party role (ERC-1155)",
            '"},{"trait_type":"Token id in record","value":"',
            Strings.toString(token.tokenId),
            '"},{"trait_type":"Parties","value":',
            Strings.toString(token.parties),
            "}"
        );
    }

    function _status(Token memory token) private pure returns (string memory) {
        return token.complete ? STATUS_COMPLETE : STATUS_CLAIMED;
    }

    /// @dev What the image shows in the role's place: the role, or for none "Ownership" or "Party #<token id>".
    function _displayRole(Token memory token) private pure returns (string memory) {
        if (bytes(token.role).length != 0) return token.role;
        return token.ownership ? "Ownership" : string.concat("Party #", Strings.toString(token.tokenId));
    }

    /// @dev The length `n` of the valid UTF-8 sequence starting at `raw[i]`, 0 when there is none (a stray
    /// continuation byte, an overlong form, a surrogate, a code point above U+10FFFF, a truncated sequence); `shown`
    /// is false for a control, line-breaking or reordering character.
    function _sequence(bytes memory raw, uint256 i) private pure returns (uint256 n, bool shown) {
        uint8 b = uint8(raw[i]);
        if (b < 0x80) return (1, b >= 0x20 && b != 0x7f);
        uint8 low = 0x80;
        uint8 high = 0xbf;
        if (b >= 0xc2 && b <= 0xdf) {
            n = 2;
        } else if (b >= 0xe0 && b <= 0xef) {
            n = 3;
            if (b == 0xe0) low = 0xa0; // overlong
            else if (b == 0xed) high = 0x9f; // surrogates
        } else if (b >= 0xf0 && b <= 0xf4) {
            n = 4;
            if (b == 0xf0) low = 0x90; // overlong
            else if (b == 0xf4) high = 0x8f; // above U+10FFFF
        } else {
            return (0, false);
        }
        if (i + n > raw.length) return (0, false);
        uint8 second = uint8(raw[i + 1]);
        if (second < low || second > high) return (0, false);
        for (uint256 k = 2; k < n; ++k) {
            uint8 next = uint8(raw[i + k]);
            if (next < 0x80 || next > 0xbf) return (0, false);
        }
        shown = true;
        if (b == 0xc2 && (second < 0xa0 || second == 0xad)) shown = false; // C1 controls; U+00AD soft hyphen
        if (b == 0xd8 && second == 0x9c) shown = false; // U+061C arabic letter mark
        if (b == 0xe2) {
            uint8 third = uint8(raw[i + 2]);
            // U+200B..U+200D (zero-width), U+200E, U+200F (marks), U+2028, U+2029 (line and paragraph separators),
            // U+202A..U+202E (embeddings, overrides): invisible, or they reorder what follows
            if (second == 0x80 && ((third >= 0x8b && third <= 0x8f) || (third >= 0xa8 && third <= 0xae))) shown = false;
            // U+2060..U+2064 (word joiner, invisible operators), U+2066..U+2069 (isolates), U+206A..U+206F
            if (second == 0x81 && third >= 0xa0 && third <= 0xaf) shown = false;
        }
        if (b == 0xef) {
            uint8 third = uint8(raw[i + 2]);
            // U+FEFF (zero-width no-break space); U+FFFE, U+FFFF, which XML forbids: an SVG holding one is not an image
            if ((second == 0xbb && third == 0xbf) || (second == 0xbf && third >= 0xbe)) shown = false;
        }
    }

    /// @dev Writes the low `count` bytes of `value` (big-endian) at `out[offset]`; returns the new length.
    function _put(bytes memory out, uint256 offset, uint256 value, uint256 count) private pure returns (uint256) {
        for (uint256 k; k < count; ++k) {
            out[offset + k] = bytes1(uint8(value >> (8 * (count - 1 - k))));
        }
        return offset + count;
    }

    /// @dev The characters of valid UTF-8: its bytes that are not continuation bytes.
    function _charCount(bytes memory utf8) private pure returns (uint256 count) {
        for (uint256 i; i < utf8.length; ++i) {
            if (uint8(utf8[i]) & 0xc0 != 0x80) ++count;
        }
    }

    /// @dev "0x", the first 8 hex digits, an ellipsis, the last 4.
    function _shortHash(bytes32 hash) private pure returns (string memory) {
        bytes memory hex_ = bytes(Strings.toHexString(uint256(hash), 32));
        bytes memory out = new bytes(17);
        for (uint256 i; i < 10; ++i) {
            out[i] = hex_[i];
        }
        _put(out, 10, 0xe280a6, 3);
        for (uint256 i; i < 4; ++i) {
            out[13 + i] = hex_[62 + i];
        }
        return string(out);
    }
}

/// @title TokenMetadataRenderer
/// @notice Renders `TokenMetadata` for a tokenizer. Each tokenizer deploys its own in its constructor
/// (`metadataRenderer`): the rendering code would not fit in a tokenizer's own 24 KB (EIP-170). Stateless and pure
/// apart from the chain id, so any caller gets the same answer.
contract TokenMetadataRenderer {
    /// @notice The token's metadata as a `data:application/json;base64,` URI (`TokenMetadata.uri`).
    function uri(TokenMetadata.Token calldata token) external view returns (string memory) {
        return TokenMetadata.uri(token);
    }
}
