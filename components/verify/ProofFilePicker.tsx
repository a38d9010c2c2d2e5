"use client";

import { useId } from "react";
import { useFileDrop } from "@/hooks/useFileDrop";

/** Choose or drop one proof file (.json); hands over the File, read by the caller. */
export function ProofFilePicker({ onFile }: { onFile: (file: File) => void }) {
  const inputId = useId();
  const noteId = useId();
  const { dragging, inputProps, dropProps } = useFileDrop(onFile);

  return (
    <div className="w-full min-w-0">
      <input id={inputId} type="file" accept=".json,application/json" aria-describedby={noteId} {...inputProps} className="peer sr-only" />
      <label
        htmlFor={inputId}
        {...dropProps}
        className={`flex min-h-24 cursor-pointer flex-col items-center justify-center gap-1 rounded-xl border-2 border-dashed px-4 py-5 text-center transition-colors peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-600 ${
          dragging ? "border-blue-600 bg-blue-50" : "border-zinc-300 bg-white hover:border-zinc-400"
        }`}
      >
        <span className="text-base font-semibold text-zinc-900">Choose or drop a proof file (.json)</span>
        <span className="text-sm text-zinc-600">{dragging ? "Drop to check this proof" : "Drop it here or choose one"}</span>
      </label>
      <p id={noteId} className="mt-1 text-xs text-zinc-500">
        Checked in your browser against the chain; the file is not uploaded.
      </p>
    </div>
  );
}
