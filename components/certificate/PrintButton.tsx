"use client";

/** Opens the browser's print dialog, where "Save as PDF" gives the certificate as a file; nothing goes to a server. */
export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-md bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800"
    >
      Print or save as PDF
    </button>
  );
}
