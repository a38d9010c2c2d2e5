import type { ReactNode } from "react";

/**
 * A table cell that, below the sm breakpoint, is one "label: value" line of its row (the row stacks its cells).
 * The visible label stands in for the column header, which is hidden there; from sm up the cell is an ordinary
 * cell and the label is gone (display: none, so neither seen nor read).
 */
export function StackedCell({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <td role="cell" className={`flex items-center justify-between gap-3 py-1 sm:table-cell sm:py-2 sm:pr-3 ${className}`}>
      <span className="text-slate-500 sm:hidden">{label}</span>
      <span className="min-w-0 text-right sm:text-left">{children}</span>
    </td>
  );
}
