import { describe, expect, it } from "vitest";
import { decodeTokenMetadataUri } from "./tokenMetadata";

const base64 = (text: string | Uint8Array) => Buffer.from(text).toString("base64");
const jsonUri = (json: string | Uint8Array) => `data:application/json;base64,${base64(json)}`;

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><text>Sel&quot;l\\er&lt;/text&gt;\u2026</text></svg>';
const RECORD = "0x414f72a4d550cad29f17d9d99a4af64b3776ec5538cd440cef0f03fef2e9e010";
// As the tokenizer writes it: the role JSON-escaped (a quote, a backslash), a replaced byte (U+FFFD), the SVG in base64.
const METADATA =
  '{"name":"Integra agreement token: Sel\\"l\\\\er\ufffd","description":"A party\'s role token.",' +
  `"image":"data:image/svg+xml;base64,${base64(SVG)}",` +
  '"attributes":[{"trait_type":"Role","value":"Sel\\"l\\\\er\ufffd"},' +
  `{"trait_type":"Record","value":"${RECORD}"},{"trait_type":"Workflow","value":"none"},` +
  '{"trait_type":"Status","value":"Claimed"},{"trait_type":"Token kind","value":"Party role (ERC-1155)"},' +
  '{"trait_type":"Token id in record","value":"2"},{"trait_type":"Parties","value":3}]}';

describe("decodeTokenMetadataUri", () => {
  it("decodes the JSON, its escapes and UTF-8, the image, and the traits by name", () => {
    const metadata = decodeTokenMetadataUri(jsonUri(METADATA));
    expect(metadata.name).toBe('Integra agreement token: Sel"l\\er\ufffd');
    expect(metadata.description).toBe("A party's role token.");
    expect(metadata.image).toBe(`data:image/svg+xml;base64,${base64(SVG)}`);
    expect(metadata.svg).toBe(SVG);
    expect(metadata.attributes).toHaveLength(7);
    expect(metadata.traits).toEqual({
      Role: 'Sel"l\\er\ufffd',
      Record: RECORD,
      Workflow: "none",
      Status: "Claimed",
      "Token kind": "Party role (ERC-1155)",
      "Token id in record": "2",
      Parties: 3,
    });
  });

  it("refuses what is not a tokenizer's metadata", () => {
    expect(() => decodeTokenMetadataUri("https://example.com/1.json")).toThrow(/not a data:application\/json;base64 URI/);
    expect(() => decodeTokenMetadataUri(jsonUri("{not json"))).toThrow(SyntaxError);
    expect(() => decodeTokenMetadataUri(jsonUri(new Uint8Array([0x7b, 0xff, 0x7d])))).toThrow(TypeError);
    expect(() => decodeTokenMetadataUri(jsonUri('{"name":"x","description":"y","attributes":[]}'))).toThrow(/image/);
    const noTraits = `{"name":"x","description":"y","image":"data:image/svg+xml;base64,${base64(SVG)}","attributes":[{"value":1}]}`;
    expect(() => decodeTokenMetadataUri(jsonUri(noTraits))).toThrow(/attributes/);
    const remoteImage = '{"name":"x","description":"y","image":"https://example.com/1.svg","attributes":[]}';
    expect(() => decodeTokenMetadataUri(jsonUri(remoteImage))).toThrow(/token image/);
  });
});
