"use client";

import { type ChangeEvent, type DragEvent, useState } from "react";

/**
 * Choosing or dropping one file onto a labelled file input: the input's change handler, the drop target's drag
 * handlers, and whether a file is being dragged over it. `onFile` gets the file either way.
 */
export function useFileDrop(onFile: (file: File) => void) {
  const [dragging, setDragging] = useState(false);

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again (after editing it) still fires a change.
    event.target.value = "";
    if (file) onFile(file);
  }

  function onDragOver(event: DragEvent<HTMLElement>) {
    if (!Array.from(event.dataTransfer.types).includes("Files")) return;
    // Without preventDefault the browser refuses the drop, or opens the file in the tab.
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  }

  function onDragLeave(event: DragEvent<HTMLElement>) {
    // dragleave also fires when moving onto a child element; only leaving the whole area counts.
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    setDragging(false);
  }

  function onDrop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  }

  return { dragging, inputProps: { onChange }, dropProps: { onDragEnter: onDragOver, onDragOver, onDragLeave, onDrop } };
}
