// The --json documents the CLI prints, checked against their published schemas (cli/schemas/<kind>.schema.json) as an
// integrator's validator would check them: Ajv's draft 2020-12 validator in strict mode.
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020, { type AnySchemaObject, type ValidateFunction } from "ajv/dist/2020.js";
import { expect } from "@playwright/test";
import type { JsonKind } from "../cli/schemaVersions";
import { ROOT } from "./integra";

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validators = new Map<JsonKind, ValidateFunction>();

/** The compiled schema of `kind`, compiled once per test worker. */
function validatorOf(kind: JsonKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    const schema = JSON.parse(readFileSync(path.join(ROOT, "cli", "schemas", `${kind}.schema.json`), "utf8")) as AnySchemaObject;
    validate = ajv.compile(schema);
    validators.set(kind, validate);
  }
  return validate;
}

/** Fails the test, naming every field at fault, unless `value` is a valid `kind` document. */
export function expectMatchesSchema(kind: JsonKind, value: unknown): void {
  const validate = validatorOf(kind);
  const valid = validate(value);
  expect(valid, `not a valid ${kind} document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value, null, 2)}`).toBe(true);
}

/** `stdout` parsed as one JSON document, checked against the schema of `kind`. */
export function parseDocument<T>(kind: JsonKind, stdout: string): T {
  const value: unknown = JSON.parse(stdout);
  expectMatchesSchema(kind, value);
  return value as T;
}
