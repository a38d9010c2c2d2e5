import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Hex } from "viem";
import { processHashOf } from "../lib/workflow.ts";
import { DEMO_WORKFLOW } from "../scripts/lib/seed.ts";

/** The seeded demo's workflow (scripts/lib/seed.ts), as a processHash. */
export const DEMO_PROCESS = processHashOf(DEMO_WORKFLOW);

/** The deed the demo registers, and its SHA-256 as the app shows it. */
export const DEMO_DEED_FILE = path.join(process.cwd(), "public", "demo", "deed-12-harbour-lane.txt");
export const DEMO_DEED_SHA256: Hex = `0x${createHash("sha256").update(readFileSync(DEMO_DEED_FILE)).digest("hex")}`;
