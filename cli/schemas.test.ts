// The published schemas of the --json documents (cli/schemas/*.schema.json): each compiles in Ajv's strict mode and
// declares the schemaVersion the CLI prints, and every field has exactly one JSON type, the same one wherever its name
// appears. The documents the commands print are checked against them by the e2e specs (e2e/jsonSchema.ts).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { conditionEventsAbi } from "@/lib/timeline/conditionEvents";
import { integraTimelineEvents } from "@/lib/timeline/integraEvents";
import { type JsonKind, SCHEMA_VERSIONS } from "./schemaVersions";

type Schema = { [keyword: string]: unknown };

const DIR = path.join(import.meta.dirname, "schemas");
const SUFFIX = ".schema.json";
const files = readdirSync(DIR).filter((f) => f.endsWith(SUFFIX));
const schemas = new Map<string, Schema>(
  files.map((f) => [f.slice(0, -SUFFIX.length), JSON.parse(readFileSync(path.join(DIR, f), "utf8"))]),
);

const isSchema = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);

/** The subschemas of `schema` that describe values (not the keywords' own data, as `enum` or `const` hold). */
function* subschemas(schema: Schema): Generator<[keyword: string, name: string, child: Schema]> {
  for (const keyword of ["properties", "$defs"]) {
    const map = schema[keyword];
    if (isSchema(map)) for (const [name, child] of Object.entries(map)) if (isSchema(child)) yield [keyword, name, child];
  }
  for (const keyword of ["items", "additionalProperties", "if", "then", "else", "not"]) {
    const child = schema[keyword];
    if (isSchema(child)) yield [keyword, "", child];
  }
  for (const keyword of ["allOf", "anyOf", "oneOf", "prefixItems"]) {
    const list = schema[keyword];
    if (Array.isArray(list)) for (const [i, child] of list.entries()) if (isSchema(child)) yield [keyword, String(i), child];
  }
}

interface Visit {
  node: Schema;
  where: string;
  /** Inside an `if`: a condition on a value, which declares no field. */
  inCondition: boolean;
}

/** Every subschema of `root`, depth first, with where it is. */
function* walk(root: Schema, where = "#", inCondition = false): Generator<Visit> {
  yield { node: root, where, inCondition };
  for (const [keyword, name, child] of subschemas(root)) {
    yield* walk(child, `${where}/${keyword}${name ? `/${name}` : ""}`, inCondition || keyword === "if");
  }
}

/** Follows a local `$ref` ("#/$defs/name"), the only kind these schemas use. */
function resolve(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  const [, name] = /^#\/\$defs\/(.+)$/.exec(ref) ?? [];
  const defs = root.$defs;
  const target = name !== undefined && isSchema(defs) ? defs[name] : undefined;
  if (!isSchema(target)) throw new Error(`Unresolved $ref ${ref}`);
  return resolve(target, root);
}

/** The JSON types a value matching `schema` may have: its `type`, through `$ref` and the branches of oneOf/anyOf. */
function typesOf(schema: Schema, root: Schema): Set<string> {
  const resolved = resolve(schema, root);
  const types = new Set<string>();
  if (Array.isArray(resolved.type)) for (const t of resolved.type) types.add(String(t));
  else if (typeof resolved.type === "string") types.add(resolved.type);
  for (const keyword of ["oneOf", "anyOf"]) {
    const branches = resolved[keyword];
    if (Array.isArray(branches)) for (const branch of branches) if (isSchema(branch)) for (const t of typesOf(branch, root)) types.add(t);
  }
  return types;
}

/** Every field a schema declares (the `properties` of its subschemas, conditions aside), with its JSON types. */
function* fieldsOf(root: Schema): Generator<{ name: string; where: string; declaration: Schema; types: Set<string> }> {
  for (const { node, where, inCondition } of walk(root)) {
    const properties = node.properties;
    if (inCondition || !isSchema(properties)) continue;
    for (const [name, declaration] of Object.entries(properties)) {
      if (isSchema(declaration)) yield { name, where: `${where}/properties/${name}`, declaration, types: typesOf(declaration, root) };
    }
  }
}

describe("cli/schemas", () => {
  it("has one schema per kind of --json document, and no other", () => {
    expect([...schemas.keys()].sort()).toEqual(Object.keys(SCHEMA_VERSIONS).sort());
  });

  it.each([...schemas])("%s compiles in strict mode, names itself and declares the schemaVersion the CLI prints", (kind, schema) => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    expect(() => ajv.compile(schema)).not.toThrow();
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(`https://unpkg.com/integra-agreements/schemas/${kind}${SUFFIX}`);
    expect(typeof schema.title).toBe("string");
    expect(schema.required).toContain("schemaVersion");
    const properties = schema.properties as Schema;
    expect(properties.schemaVersion).toMatchObject({ type: "integer", const: SCHEMA_VERSIONS[kind as JsonKind] });
  });

  it.each([...schemas])("%s gives each field exactly one JSON type and a description, and closes every object of ours", (_kind, schema) => {
    const problems: string[] = [];
    for (const { node, where } of walk(schema)) {
      // A list of types is a field that is sometimes one type and sometimes another.
      if (Array.isArray(node.type)) problems.push(`${where}: type is a list (${node.type.join(", ")})`);
      for (const keyword of ["oneOf", "anyOf"]) {
        if (node[keyword] !== undefined && typesOf({ [keyword]: node[keyword] }, schema).size > 1)
          problems.push(`${where}: ${keyword} of different types`);
      }
      if (node.type === "object" && isSchema(node.properties) && node.additionalProperties !== false)
        problems.push(`${where}: an object of ours without additionalProperties: false`);
    }
    for (const { where, declaration, types } of fieldsOf(schema)) {
      if (types.size !== 1) problems.push(`${where}: ${types.size} JSON types (${[...types].join(", ") || "none"})`);
      if (typeof declaration.description !== "string" || !declaration.description) problems.push(`${where}: no description`);
    }
    expect(problems).toEqual([]);
  });

  it("gives a field name the same primitive JSON type in every document (block numbers are always strings, ...)", () => {
    const byName = new Map<string, Map<string, string>>();
    for (const [kind, schema] of schemas) {
      for (const { name, where, types } of fieldsOf(schema)) {
        // Objects and lists are shapes of their own (status's tokens, pending's tokens); a primitive must agree everywhere.
        for (const type of [...types].filter((t) => t !== "object" && t !== "array")) {
          const seen = byName.get(name) ?? new Map<string, string>();
          if (!seen.has(type)) seen.set(type, `${kind}${where.slice(1)}`);
          byName.set(name, seen);
        }
      }
    }
    const disagreements = [...byName]
      .filter(([, types]) => types.size > 1)
      .map(([name, types]) => `${name}: ${[...types].map(([type, where]) => `${type} in ${where}`).join(" vs ")}`);
    expect(disagreements).toEqual([]);
  });

  it("defines each shared $defs entry (address, bytes32, uint, ...) the same way in every file", () => {
    const first = new Map<string, string>();
    const differing: string[] = [];
    for (const [kind, schema] of schemas) {
      for (const [name, definition] of Object.entries((schema.$defs as Schema | undefined) ?? {})) {
        const text = JSON.stringify(definition);
        if (!first.has(name)) first.set(name, text);
        else if (first.get(name) !== text) differing.push(`${kind}: $defs/${name}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it("watch-event lists every timeline event and condition attestation event, each with its ABI's arguments (bool as a boolean, every other type a string)", () => {
    const schema = schemas.get("watch-event") as Schema;
    const defs = schema.$defs as Schema;
    const eventNames = ((schema.properties as Schema).event as Schema).enum;
    const watched = [...integraTimelineEvents, ...conditionEventsAbi];
    expect(eventNames).toEqual([...new Set(watched.map((e) => e.name))].sort());
    for (const event of watched) {
      const args = defs[`${event.name}Args`] as Schema;
      const expected = Object.fromEntries(event.inputs.map((input) => [input.name, input.type === "bool" ? "boolean" : "string"]));
      const actual = Object.fromEntries(
        Object.entries(args.properties as Schema).map(([name, declaration]) => [name, [...typesOf(declaration as Schema, schema)].join()]),
      );
      expect(actual, event.name).toEqual(expected);
    }
  });
});
