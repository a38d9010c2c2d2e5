import type { ProofCheck } from "@/lib/proof/checkOutcome";

/** Each check as one line: ✓ or ✗, what was checked, and why, in the checker's words. */
export function ProofCheckList({ checks, label }: { checks: ProofCheck[]; label: string }) {
  return (
    <ul role="list" aria-label={label} className="divide-y divide-slate-100 rounded-lg border border-slate-200">
      {checks.map((check) => (
        <li key={check.id} className="flex gap-3 p-3" data-check={check.id}>
          <span
            aria-hidden="true"
            className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white ${
              check.ok ? "bg-emerald-600" : "bg-red-600"
            }`}
          >
            {check.ok ? "✓" : "✗"}
          </span>
          <div className="min-w-0">
            <p className="text-sm font-medium text-slate-900">
              <span className="sr-only">{check.ok ? "Passed: " : "Failed: "}</span>
              {check.title}
              {check.online && (
                <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">read from the chain</span>
              )}
            </p>
            <p className="text-sm break-words text-slate-600 [overflow-wrap:anywhere]">{check.detail}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
