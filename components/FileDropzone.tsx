"use client";

import { useId, useRef, useState } from "react";
import type { Hex } from "viem";
import { useFileDrop } from "@/hooks/useFileDrop";
import { useFileHash } from "@/hooks/useFileHash";
import { formatBytes } from "@/lib/format/bytes";

type FileDropzoneProps = {
  label: string;
  description?: string;
  /** Passed to the file input, e.g. ".pdf,application/pdf"; drops are not filtered, any file can be hashed. */
  accept?: string;
  onHashed: (result: { hash: Hex; fileName: string; fileSize: number }) => void;
  /** Called when a previously reported hash stops applying: a new file was chosen or the result was cleared. */
  onReset?: () => void;
  /** Called as a file is chosen, before it is hashed: time to fetch what the hash will be needed for. */
  onFile?: () => void;
};

type CopyStatus = "idle" | "copied" | "failed";

const buttonClass =
  "inline-flex min-h-10 items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-900 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

export function FileDropzone({ label, description, accept, onHashed, onReset, onFile }: FileDropzoneProps) {
  const inputId = useId();
  const descriptionId = useId();
  const noteId = useId();
  const { state, hash, progress, error, fileName, fileSize, start, cancel, reset, warm } = useFileHash();
  const [copyStatus, setCopyStatus] = useState<CopyStatus>("idle");
  const inputRef = useRef<HTMLInputElement>(null);

  const percent = Math.floor(progress * 100);

  async function hashFile(file: File) {
    setCopyStatus("idle");
    onReset?.();
    onFile?.();
    const result = await start(file);
    if (result) onHashed(result);
  }
  const { dragging, inputProps, dropProps } = useFileDrop((file) => void hashFile(file));

  async function copyHash() {
    if (!hash) return;
    try {
      await navigator.clipboard.writeText(hash);
      setCopyStatus("copied");
    } catch {
      // The clipboard API is missing outside secure contexts and can be denied by the user.
      setCopyStatus("failed");
    }
  }

  // Cancel and Clear remove the button that has focus; hand focus to the picker rather than losing it to <body>.
  function stop() {
    cancel();
    inputRef.current?.focus();
  }

  function clear() {
    reset();
    setCopyStatus("idle");
    onReset?.();
    inputRef.current?.focus();
  }

  const describedBy = description ? `${descriptionId} ${noteId}` : noteId;

  return (
    <div className="w-full min-w-0">
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        accept={accept}
        aria-describedby={describedBy}
        {...inputProps}
        onFocus={warm}
        className="peer sr-only"
      />
      {/* The pointer over the zone, the input's focus or a file dragged in: a file is coming, start the hasher. */}
      <label
        htmlFor={inputId}
        {...dropProps}
        onPointerEnter={warm}
        onDragEnter={(event) => {
          warm();
          dropProps.onDragEnter(event);
        }}
        className={`flex min-h-32 cursor-pointer flex-col items-center justify-center gap-1 rounded-xl border-2 border-dashed px-4 py-6 text-center transition-colors peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-600 ${
          dragging ? "border-blue-600 bg-blue-50" : "border-zinc-300 bg-white hover:border-zinc-400"
        }`}
      >
        <span className="text-base font-semibold text-zinc-900">{label}</span>
        <span className="text-sm text-zinc-600">{dragging ? "Drop to hash this file" : "Drop a file here or choose one"}</span>
      </label>
      {description && (
        <p id={descriptionId} className="mt-2 text-sm text-zinc-600">
          {description}
        </p>
      )}
      <p id={noteId} className="mt-1 text-xs text-zinc-500">
        Hashed on your device; the file is never uploaded.
      </p>

      {state === "hashing" && (
        <div className="mt-3 space-y-2">
          <p className="text-sm text-zinc-800 wrap-anywhere">
            Hashing {fileName} — {percent}% of {formatBytes(fileSize ?? 0)}
          </p>
          <div
            role="progressbar"
            aria-label={`Hashing ${fileName ?? "file"}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="h-2 w-full overflow-hidden rounded-full bg-zinc-200"
          >
            {/* Its own compositor layer, moved by a transform: an update repaints nothing (measured: a 2 GiB hash
                grew the tab ~0.9 MiB less than with a changing width). */}
            <div
              className="h-full w-full origin-left bg-blue-600 will-change-transform"
              style={{ transform: `scaleX(${percent / 100})` }}
            />
          </div>
          <button type="button" onClick={stop} className={buttonClass}>
            Cancel
          </button>
        </div>
      )}

      {state === "done" && hash && (
        <div className="mt-3 space-y-2 rounded-lg border border-zinc-200 bg-zinc-50 p-3">
          <p className="text-sm text-zinc-700 wrap-anywhere">
            SHA-256 of <span className="font-medium text-zinc-900">{fileName}</span> ({formatBytes(fileSize ?? 0)})
          </p>
          <code className="block font-mono text-sm break-all text-zinc-900">{hash}</code>
          <div className="flex flex-wrap gap-2">
            <button type="button" onClick={copyHash} className={buttonClass}>
              {copyStatus === "copied" ? "Copied" : "Copy hash"}
            </button>
            <button type="button" onClick={clear} className={buttonClass}>
              Clear
            </button>
          </div>
          {copyStatus === "failed" && <p className="text-sm text-zinc-700">Could not copy; select the hash and copy it by hand.</p>}
        </div>
      )}

      {state === "error" && (
        <p role="alert" className="mt-3 text-sm text-red-700 wrap-anywhere">
          Could not hash {fileName}: {error}
        </p>
      )}

      {/* Always mounted so screen readers announce changes; the hash itself is too long to read out. */}
      <p role="status" className="sr-only">
        {state === "done" ? `Hashed ${fileName}.` : ""}
        {copyStatus === "copied" ? " Hash copied." : ""}
      </p>
    </div>
  );
}
