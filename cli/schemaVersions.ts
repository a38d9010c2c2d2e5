/**
 * The version of each `--json` document, by kind: `cli/schemas/<kind>.schema.json` is its JSON Schema, shipped in the
 * package as `integra-agreements/schemas/<kind>.schema.json`, and its `schemaVersion` const must equal the number here
 * (cli/schemas.test.ts checks both ways). Each kind is versioned on its own, so that a change to one answer does not
 * make a program that reads only another think something changed.
 *
 * The rule (cli/README.md): removing a field, renaming it or changing its type bumps the kind's version; adding a
 * field does not (readers ignore fields they do not know; our schemas list every field, so a new one goes into the
 * schema in the same change).
 */
export const SCHEMA_VERSIONS = {
  status: 1,
  pending: 1,
  verify: 1,
  workflow: 1,
  "workflow-open": 1,
  "workflow-member": 1,
  executor: 1,
  accept: 1,
  proof: 1,
  "check-proof": 1,
  register: 1,
  "register-dry-run": 1,
  claim: 1,
  "claim-all": 1,
  attest: 1,
  revoke: 1,
  reserve: 1,
  seal: 1,
  cancel: 1,
  "offer-ownership": 1,
  payment: 1,
  "escrow-status": 1,
  "escrow-list": 1,
  "escrow-open": 1,
  escrow: 1,
  "escrow-release": 1,
  condition: 1,
  "watch-event": 1,
  error: 1,
} as const;

/** A kind of `--json` document: the name of its schema file. */
export type JsonKind = keyof typeof SCHEMA_VERSIONS;
