import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Hex } from "viem";
import { processHashOf } from "@/lib/workflow.ts";
import { DEMO_WORKFLOW } from "@/scripts/stack/seed.ts";
import { ACCOUNTS } from "./anvil.ts";

/** The seeded demo's workflow (scripts/stack/seed.ts): the title company's own, as a processHash. */
export const DEMO_WORKFLOW_OWNER = ACCOUNTS.titleCompany;
export const DEMO_PROCESS = processHashOf(DEMO_WORKFLOW_OWNER, DEMO_WORKFLOW);
/** The escrow agent the title company admitted to its workflow (scripts/stack/seed.ts). */
export const DEMO_ESCROW_AGENT = "0x71bE63f3384f5fb98995898A86B02Fb2426c5788";

/** The deed the demo registers, and its SHA-256 as the app shows it. */
export const DEMO_DEED_FILE = path.join(process.cwd(), "public", "demo", "deed-12-harbour-lane.txt");
export const DEMO_DEED_SHA256: Hex = `0x${createHash("sha256").update(readFileSync(DEMO_DEED_FILE)).digest("hex")}`;
