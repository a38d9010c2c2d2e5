import type { Hex } from "viem";
import type { TokenizerKind } from "@/lib/deployment";
import { newWorkflowId } from "@/lib/workflow";

/** The most parties one record takes (MAX_TOKEN_IDS in IntegraTokenizerBase: it bounds what reading a record costs). */
export const MAX_PARTIES = 64;

export interface PartyDraft {
  address: string;
  role: string;
}

/** Everything the register form holds, kept in localStorage so a reload or a failure loses nothing. */
export interface RegisterDraft {
  contentHash?: Hex;
  fileName?: string;
  fileSize?: number;
  /** The document's title, kept private: encrypted with the reference. */
  title: string;
  reference: string;
  tokenizer: TokenizerKind;
  executor: string;
  workflowId: string;
  /** The workflow's owner when registering as a member of another office's workflow; empty: the signer's own. */
  workflowOwner: string;
  parties: PartyDraft[];
}

const DRAFT_KEY = "integra.register.draft";

export function emptyDraft(): RegisterDraft {
  return {
    title: "",
    reference: "",
    tokenizer: "multiParty",
    executor: "",
    workflowId: newWorkflowId(),
    workflowOwner: "",
    parties: [{ address: "", role: "Buyer" }],
  };
}

export function loadDraft(): RegisterDraft {
  try {
    const saved = window.localStorage.getItem(DRAFT_KEY);
    return saved ? { ...emptyDraft(), ...(JSON.parse(saved) as Partial<RegisterDraft>) } : emptyDraft();
  } catch {
    return emptyDraft();
  }
}

export function saveDraft(draft: RegisterDraft): void {
  window.localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
}

export function clearDraft(): void {
  window.localStorage.removeItem(DRAFT_KEY);
}
