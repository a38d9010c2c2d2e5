"use client";

import { useState } from "react";

/** Copies `value`; says "Copied" only when the clipboard took it, and "Copy failed" otherwise. */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [outcome, setOutcome] = useState<"copied" | "failed">();
  return (
    <button
      type="button"
      onClick={async () => {
        let copied = false;
        try {
          if (navigator.clipboard) {
            await navigator.clipboard.writeText(value);
            copied = true;
          }
        } catch {
          // Permission refused, or no secure context: say so below.
        }
        setOutcome(copied ? "copied" : "failed");
        setTimeout(() => setOutcome(undefined), 1500);
      }}
      className="shrink-0 rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-100"
      aria-label={`${label}: ${value}`}
    >
      {outcome === "copied" ? "Copied" : outcome === "failed" ? "Copy failed" : label}
    </button>
  );
}
